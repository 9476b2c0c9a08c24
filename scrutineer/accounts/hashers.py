from django.contrib.auth.hashers import Argon2PasswordHasher


class TestArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2 with the lightest parameters, for the test suite only: same format, far less work."""

    time_cost = 1
    memory_cost = 1024
    parallelism = 1
