"""Settings shared by every environment. Values that differ come from the environment.

No secret has a default here: dev.py and test.py supply their own dummies, and
production.py insists on real ones.
"""

from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("SCRUTINEER_VAR_DIR", BASE_DIR / "var"))

DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

# APPLICATIONS
INSTALLED_APPS = [
    "scrutineer.accounts.apps.ScrutineerAdminConfig",  # django.contrib.admin, needing a code (A5)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "scrutineer.core",
    "scrutineer.accounts",
    "scrutineer.plans",
    "scrutineer.indicators",
    "scrutineer.contracts",
    "scrutineer.finance",
    "scrutineer.disclosure",
    "scrutineer.reports",
    "scrutineer.importers",
    "scrutineer.api",
    "scrutineer.committees",
    "scrutineer.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication: marks request.user verified when the session holds a confirmed device.
    "django_otp.middleware.OTPMiddleware",
    "scrutineer.accounts.middleware.SlidingSessionMiddleware",
    "scrutineer.accounts.middleware.PrivateResponsesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "scrutineer.core.context_processors.council",
            ],
        },
    },
]

# DATABASES
# SQLite under var/ unless DATABASE_URL names another database
# (sqlite:///path/to/db.sqlite3, postgres://user:pass@host:port/name).
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'scrutineer.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers carry on while an import writes; a busy timeout avoids "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# CACHES
# Public pages are cached (scrutineer.core.page_cache). The default file cache is shared by every
# process on one machine; several machines need a shared cache such as Redis or Memcached.
CACHES = {
    "default": {
        "BACKEND": env_str("CACHE_BACKEND", "django.core.cache.backends.filebased.FileBasedCache"),
        "LOCATION": env_str("CACHE_LOCATION", str(VAR_DIR / "cache")),
        "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 2000)},
    }
}

# AUTHENTICATION
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Repeated failed sign-ins lock the account, and the address they come from (django-axes).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 30) / 60
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/"
# Two-factor (django-otp, TOTP authenticator apps). Part 2 (exempt) material is served only to a
# session verified with a code from a confirmed device (check A5); off only for a local demo.
SCRUTINEER_PART2_REQUIRES_MFA = env_bool("SCRUTINEER_PART2_REQUIRES_MFA", True)
# The name authenticator apps show beside the account.
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "Scrutineer")
# After each wrong code the next try waits twice as long: 1, 2, 4, 8 ... seconds times this factor.
OTP_TOTP_THROTTLE_FACTOR = env_int("OTP_TOTP_THROTTLE_FACTOR", 1)

# INTERNATIONALISATION
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# STATIC FILES
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static" / "build", BASE_DIR / "static" / "src"]
WHITENOISE_USE_FINDERS = True

# EMAIL
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "scrutineer@localhost")

# SECURITY (also see production.py)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 30 * 60
# Idle sessions end after SESSION_COOKIE_AGE; SlidingSessionMiddleware extends active ones.
SESSION_EXPIRE_AT_BROWSER_CLOSE = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
PERMISSIONS_POLICY = {
    "camera": [],
    "microphone": [],
    "geolocation": [],
    "payment": [],
    "usb": [],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# The audit trail is evidence: the admin shows history but never reverts or edits it.
SIMPLE_HISTORY_REVERT_DISABLED = True

# SCRUTINEER
# The organisation whose pages a visitor sees by default (its slug); the first one if unset.
SCRUTINEER_DEFAULT_ORGANISATION = env_str("SCRUTINEER_ORGANISATION", "")
# Where people reach the site, for links in e-mails.
SCRUTINEER_SITE_URL = env_str("SCRUTINEER_SITE_URL", "http://127.0.0.1:8000")
# The service navigation: (label, URL name, app the item is active in, roles that see it or None
# for everyone). Each area adds its line.
_OFFICERS = ("administrator", "performance_officer", "lead_officer")
SCRUTINEER_NAVIGATION = [
    ("Plans", "plans:plan_list", "plans", None),
    ("Performance", "indicators:index", "indicators", None),
    ("Contracts", "contracts:index", "contracts", None),
    ("Finance", "finance:index", "finance", None),
    ("Reports", "reports:index", "reports", None),
    ("Committees", "committees:index", "committees", None),
    ("My actions", "cycle:my_actions", "cycle", _OFFICERS),
    ("Update cycle", "cycle:periods", "cycle", ("administrator", "performance_officer")),
    ("Audit trail", "accounts:audit", "accounts", ("administrator", "performance_officer")),
]
# The council's Open Contracting ID prefix (registered with the Open Contracting Partnership);
# the default is the example prefix the OCDS documentation uses, to be replaced before publishing.
SCRUTINEER_OCDS_PREFIX = env_str("SCRUTINEER_OCDS_PREFIX", "ocds-213czf")
