"""Settings for the test suite. The database comes from DATABASE_URL (SQLite by default)."""

from config.env import env_secret

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = env_secret("SECRET_KEY", "test-only-insecure-key-do-not-use-in-production")
# Argon2 as in production, with the lightest parameters so tests creating people stay quick.
PASSWORD_HASHERS = ["scrutineer.accounts.hashers.TestArgon2PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
