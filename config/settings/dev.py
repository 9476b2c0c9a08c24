"""Settings for a developer's machine and `make demo`: debug on, a dummy secret."""

from config.env import env_bool, env_secret

from .base import *  # noqa: F403

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_secret("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
WHITENOISE_AUTOREFRESH = True
