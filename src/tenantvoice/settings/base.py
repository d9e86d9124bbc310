"""Settings shared by every environment. Values that differ come from the environment."""

from pathlib import Path

import dj_database_url

from .env import env_bool, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parent.parent
# Runtime files (the SQLite database, uploads) live in the working directory's var/
# unless TENANTVOICE_VAR_DIR says otherwise, so an installed package never writes into
# site-packages.
VAR_DIR = Path(env_str("TENANTVOICE_VAR_DIR", str(Path.cwd() / "var")))

SECRET_KEY = env_str("DJANGO_SECRET_KEY", "insecure-development-key-change-me")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "django_filters",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # Before django_tasks_db, so that its `db_worker` command is the one that survives faults.
    "tenantvoice.worker",
    "django_tasks",
    "django_tasks_db",
    "tenantvoice.core",
    "tenantvoice.accounts",
    "tenantvoice.residents",
    "tenantvoice.involvement",
    "tenantvoice.strategies",
    "tenantvoice.activities",
    "tenantvoice.audiences",
    "tenantvoice.consultations",
    "tenantvoice.programme",
    "tenantvoice.surveys",
    "tenantvoice.outcomes",
    "tenantvoice.actions",
    "tenantvoice.plans",
    "tenantvoice.referrals",
    "tenantvoice.scrutiny",
    "tenantvoice.complaints",
    "tenantvoice.representation",
    "tenantvoice.equality_impact",
    "tenantvoice.indicators",
    "tenantvoice.value_for_money",
    "tenantvoice.reporting",
    "tenantvoice.boardpacks",
    "tenantvoice.annual_reports",
    "tenantvoice.comms",
    "tenantvoice.staff",
    "tenantvoice.demo",
    "tenantvoice.portal",
    "tenantvoice.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "tenantvoice.core.middleware.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "tenantvoice.core.middleware.NoStoreForSignedInMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "tenantvoice.accounts.middleware.StaffMFAMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "tenantvoice.core.middleware.SecurityHeadersMiddleware",
]

ROOT_URLCONF = "tenantvoice.urls"
WSGI_APPLICATION = "tenantvoice.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tenantvoice.core.context_processors.landlord",
                "tenantvoice.worker.context_processors.background_work",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'tenantvoice.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while the task worker writes; the busy timeout
    # makes a writer wait for the other instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and not env_bool(
    "TENANTVOICE_POSTGRES_JIT", False
):
    # PostgreSQL's JIT compiles a query when its estimated cost is high, which reports over the
    # register always are (correlated subqueries are costed per row): compiling took 0.5 to 1.8 s
    # of a 2 s comparison that runs in 0.15 s without it (bench/bench_representation.py,
    # decision 0047). TENANTVOICE_POSTGRES_JIT=true turns it back on.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = f"{options.get('options', '')} -c jit=off".strip()

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# The project's own stylesheet and scripts live beside the templates, not in one app.
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Imports of large extracts are posted as files; 200 MB covers a million-row CSV.
# The largest body any request may have, refused with 413 before it is read
# (core.middleware.RequestSizeLimitMiddleware). The platform's choice: the largest upload the
# pages take (a register import, staff/imports.py MAX_UPLOAD_MB = 200) plus 1 MB for the form
# around it. Set the reverse proxy's limit to match (nginx: client_max_body_size 201m).
TENANTVOICE_MAX_REQUEST_BYTES = env_int("TENANTVOICE_MAX_REQUEST_BYTES", 201 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

TASKS = {
    "default": {
        "BACKEND": env_str("TENANTVOICE_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "tenantvoice.api.authentication.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["tenantvoice.api.permissions.DenyAll"],
    "DEFAULT_PAGINATION_CLASS": "tenantvoice.api.pagination.ApiPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "tenantvoice.api.exceptions.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "TenantVoice API",
    "DESCRIPTION": "One landlord's resident register (areas, properties, tenancies, residents) and "
    "involvement (levels, groups, memberships, activities).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # One choice set used by two fields (how a group is chosen, how a seat is filled).
    "ENUM_NAME_OVERRIDES": {
        "HowChosenEnum": "tenantvoice.involvement.models.HowChosen",
        "OpportunityKindEnum": "tenantvoice.involvement.models.OpportunityKind",
        "ActivityKindEnum": "tenantvoice.activities.models.ActivityKind",
        "QuestionKindEnum": "tenantvoice.surveys.models.QuestionKind",
        "ActionStatusEnum": "tenantvoice.actions.models.ActionStatus",
        "ComplaintKindEnum": "tenantvoice.complaints.models.CaseKind",
        "RemedyKindEnum": "tenantvoice.complaints.models.RemedyKind",
        "PointDecisionEnum": "tenantvoice.complaints.models.Outcome",
    },
}

OTP_TOTP_ISSUER = env_str("TENANTVOICE_MFA_ISSUER", "TenantVoice")

# django-otp's own wait after a wrong code is unbounded and silent (a right code is refused
# with no word of waiting); tenantvoice.core.throttle counts MFA codes instead ("mfa" below).
OTP_TOTP_THROTTLE_FACTOR = 0

# The number of reverse proxies in front of the web processes that add to X-Forwarded-For
# (0: none, the client is the socket's address). See tenantvoice.core.clientip and decision 0015.
TENANTVOICE_TRUSTED_PROXIES = env_int("TENANTVOICE_TRUSTED_PROXIES", 0)
if TENANTVOICE_TRUSTED_PROXIES < 0:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("TENANTVOICE_TRUSTED_PROXIES must be 0 or more.")

# The cache holds the throttles' counters, so every web process must share it: the database
# (no extra server) unless TENANTVOICE_REDIS_URL names a Redis server. `tenantvoice migrate`
# creates the table (core migration 0005). A per-process cache fails `check --deploy`.
TENANTVOICE_CACHE_TABLE = "tenantvoice_cache"
TENANTVOICE_REDIS_URL = env_str("TENANTVOICE_REDIS_URL", "")
CACHES: dict[str, dict[str, object]]
if TENANTVOICE_REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": TENANTVOICE_REDIS_URL,
            "KEY_PREFIX": "tenantvoice",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": TENANTVOICE_CACHE_TABLE,
            # Django's default of 300 entries would let a flood of made-up accounts push real
            # counters out; past this many, expired entries go first.
            "OPTIONS": {"MAX_ENTRIES": env_int("TENANTVOICE_CACHE_MAX_ENTRIES", 100_000)},
        }
    }

# Throttles (tenantvoice.core.throttle, decision 0015): for each guarded action and each kind
# of identity, failures that cost nothing, then a wait from first_wait seconds doubling up to
# max_wait; the count is forgotten forget_after seconds after the last failure. These numbers
# are the platform's choice, not a regulation's.
_MINUTE, _HOUR, _DAY = 60, 60 * 60, 24 * 60 * 60
TENANTVOICE_THROTTLES = {
    # Passwords. "pair" is one account from one address; "account" is one account from
    # addresses that have never signed in to it ("device" is a browser that has: see 0015);
    # "address" is every account from one address (many people may share one).
    "sign-in": {
        "pair": {"free": 5, "max_wait": 15 * _MINUTE, "forget_after": _DAY},
        "account": {"free": 10, "max_wait": 15 * _MINUTE, "forget_after": _DAY},
        "device": {"free": 10, "max_wait": 15 * _MINUTE, "forget_after": _DAY},
        "address": {"free": 30, "max_wait": 15 * _MINUTE, "forget_after": _HOUR, "one_at_a_time": False},
    },
    # Authenticator codes of a signed-in staff account (its password is already known).
    "mfa": {
        "account": {"free": 5, "max_wait": _HOUR, "forget_after": _DAY},
    },
    # The tenancy check at sign-up: a browser session, and its address.
    "sign-up": {
        "session": {"free": 5, "first_wait": _MINUTE, "max_wait": _HOUR, "forget_after": _DAY},
        "address": {
            "free": 5,
            "first_wait": _MINUTE,
            "max_wait": _HOUR,
            "forget_after": _DAY,
            "one_at_a_time": False,
        },
    },
    # Sign-up codes sent to a detail on the register (decision 0014): the browser session, its
    # address, and the person the code is for (so guesses from many browsers still add up).
    "sign-up-code": {
        "session": {"free": 5, "first_wait": _MINUTE, "max_wait": _HOUR, "forget_after": _DAY},
        "address": {
            "free": 10,
            "first_wait": _MINUTE,
            "max_wait": _HOUR,
            "forget_after": _DAY,
            "one_at_a_time": False,
        },
        "resident": {"free": 5, "first_wait": _MINUTE, "max_wait": _HOUR, "forget_after": _DAY},
    },
    # Wrong passwords when a resident changes their sign-in email.
    "account-email": {
        "account": {"free": 5, "first_wait": _MINUTE, "max_wait": _HOUR, "forget_after": _DAY},
        "address": {"free": 10, "max_wait": _HOUR, "forget_after": _DAY, "one_at_a_time": False},
    },
    # Password reset requests (every request counts): about five links an hour per address asked
    # for, and per client address, so nobody can flood an inbox through us.
    "password-reset": {
        "email": {"free": 5, "first_wait": 15 * _MINUTE, "max_wait": _HOUR, "forget_after": _HOUR},
        "address": {
            "free": 5,
            "first_wait": 15 * _MINUTE,
            "max_wait": _HOUR,
            "forget_after": _HOUR,
            "one_at_a_time": False,
        },
    },
    # Answers to a public survey's open link from one address (every answer counts).
    "survey-open-link": {
        "address": {
            "free": 20,
            "first_wait": _MINUTE,
            "max_wait": _HOUR,
            "forget_after": _HOUR,
            "one_at_a_time": False,
        },
    },
}
# How long a browser that signed in to an account is trusted to be its owner's ("device").
TENANTVOICE_KNOWN_DEVICE_DAYS = env_int("TENANTVOICE_KNOWN_DEVICE_DAYS", 90)

EMAIL_BACKEND = env_str("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "TenantVoice <no-reply@localhost>")
EMAIL_HOST = env_str("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)

# The landlord this deployment serves. The database row (core.Landlord) wins once it
# exists; these are the values it is created with.
TENANTVOICE_LANDLORD_NAME = env_str("TENANTVOICE_LANDLORD_NAME", "Demo Housing Association")
TENANTVOICE_NATION = env_str("TENANTVOICE_NATION", "england-and-wales")
TENANTVOICE_IMPORT_MAPPING = env_str("TENANTVOICE_IMPORT_MAPPING", "")
# Imports with at least this many rows run on the task worker with a progress bar.
TENANTVOICE_BACKGROUND_IMPORT_ROWS = env_int("TENANTVOICE_BACKGROUND_IMPORT_ROWS", 2000)
# Residents per transaction in a mass send (decision 0018): a value the platform chose, so that
# no transaction holds SQLite's write lock for more than about half a second.
TENANTVOICE_SEND_CHUNK = env_int("TENANTVOICE_SEND_CHUNK", 2000)
# Working days a scrutiny panel gives an officer to answer a request for evidence when the
# strategy sets no information-request standard (decision 0044).
TENANTVOICE_SCRUTINY_EVIDENCE_DAYS = env_int("TENANTVOICE_SCRUTINY_EVIDENCE_DAYS", 10)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("TENANTVOICE_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Messaging (tenantvoice.comms). The site's public address, for links in messages sent by the
# worker (which has no request to build them from).
TENANTVOICE_SITE_URL = env_str("TENANTVOICE_SITE_URL", "http://127.0.0.1:8000")
# One sender per channel (see tenantvoice/comms/senders/). Letters: None prints them in the
# post room; "tenantvoice.comms.senders.notify.NotifyLetterSender" posts them through Notify.
TENANTVOICE_SENDERS = {
    "email": env_str("TENANTVOICE_EMAIL_SENDER", "tenantvoice.comms.senders.email.DjangoEmailSender"),
    "sms": env_str("TENANTVOICE_SMS_SENDER", "tenantvoice.comms.senders.console.ConsoleSmsSender"),
    "letter": env_str("TENANTVOICE_LETTER_SENDER", "") or None,
}
# The file sender's folder (demo, tests, the fault test); default: var/outbox.
TENANTVOICE_FILE_SENDER_DIR = env_str("TENANTVOICE_FILE_SENDER_DIR", "")
# GOV.UK Notify (comms/senders/notify.py) and the token its delivery callbacks must carry.
TENANTVOICE_NOTIFY_API_KEY = env_str("TENANTVOICE_NOTIFY_API_KEY", "")
TENANTVOICE_NOTIFY_EMAIL_TEMPLATE = env_str("TENANTVOICE_NOTIFY_EMAIL_TEMPLATE", "")
TENANTVOICE_NOTIFY_SMS_TEMPLATE = env_str("TENANTVOICE_NOTIFY_SMS_TEMPLATE", "")
TENANTVOICE_NOTIFY_LETTER_TEMPLATE = env_str("TENANTVOICE_NOTIFY_LETTER_TEMPLATE", "")
TENANTVOICE_NOTIFY_CALLBACK_TOKEN = env_str("TENANTVOICE_NOTIFY_CALLBACK_TOKEN", "")

# Accounts (decision 0014). Values the platform chose; each may be set in the environment.
# A password reset link works once, for this long (Django's own setting).
PASSWORD_RESET_TIMEOUT = env_int("TENANTVOICE_PASSWORD_RESET_SECONDS", 60 * 60)
# A new member of staff's link to choose their first password.
TENANTVOICE_NEW_STAFF_LINK_SECONDS = env_int("TENANTVOICE_NEW_STAFF_LINK_SECONDS", 3 * 24 * 60 * 60)
# The link that confirms a new account's (or a changed) email address.
TENANTVOICE_EMAIL_LINK_SECONDS = env_int("TENANTVOICE_EMAIL_LINK_SECONDS", 3 * 24 * 60 * 60)
# Sign-up codes sent to a resident's recorded email or mobile: lifetime, wrong tries, codes a day.
TENANTVOICE_SIGN_UP_CODE_MINUTES = env_int("TENANTVOICE_SIGN_UP_CODE_MINUTES", 15)
TENANTVOICE_SIGN_UP_CODE_TRIES = env_int("TENANTVOICE_SIGN_UP_CODE_TRIES", 5)
TENANTVOICE_SIGN_UP_CODES_PER_DAY = env_int("TENANTVOICE_SIGN_UP_CODES_PER_DAY", 5)
# API tokens stop working this many days after they were issued (rotate with drf_create_token -r).
TENANTVOICE_API_TOKEN_DAYS = env_int("TENANTVOICE_API_TOKEN_DAYS", 90)

# Strategy action plan report (decision 0043): an open action due within this many days is
# amber, as is one whose progress is behind the share of its time that has gone.
TENANTVOICE_PLAN_AMBER_DAYS = env_int("TENANTVOICE_PLAN_AMBER_DAYS", 30)
