"""talentzone settings: one module, configured from the environment (twelve-factor).

Every knob is an environment variable; the defaults give the embedded single-machine setup
(SQLite under var/, Celery tasks run in-process) so that `make demo` needs nothing running.
"""

import secrets
from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _
from redis.backoff import NoBackoff
from redis.retry import Retry

from talentzone.core.logging import logging_config

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = PACKAGE_DIR.parent.parent
VAR_DIR = Path(environ.Env().str("TALENTZONE_VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

env = environ.Env()


def _secret_key() -> str:
    """The key from the environment, else one generated once and kept in var/ (mode 0600).

    A generated key keeps sessions valid across restarts of a single machine; a deployment with
    several application servers must set TALENTZONE_SECRET_KEY so they all share it.
    """
    if key := env.str("TALENTZONE_SECRET_KEY", default=""):
        return key
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.touch(mode=0o600)
        key_file.write_text(secrets.token_urlsafe(50))
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env.bool("TALENTZONE_DEBUG", default=False)
ALLOWED_HOSTS = env.list("TALENTZONE_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("TALENTZONE_CSRF_TRUSTED_ORIGINS", default=[])
ZONE_NAME = env.str("TALENTZONE_ZONE_NAME", default="")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "csp",
    "django_prometheus",
    "talentzone.core",
    "talentzone.directory",
    "talentzone.policies",
    "talentzone.recruiting",
    "talentzone.venues",
    "talentzone.events",
    "talentzone.cases",
    "talentzone.housing",
    "talentzone.awards",
    "talentzone.insights",
]

MIDDLEWARE = [
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last but one: it answers a locked-out sign-in before any view runs.
    "axes.middleware.AxesMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "talentzone.urls"
WSGI_APPLICATION = "talentzone.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "talentzone.core.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'talentzone.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock when a transaction starts, so two writers queue instead of
    # failing half-way with "database is locked"; WAL lets readers go on while one writes.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DATABASES["default"]["TEST"] = {"NAME": None}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    # First: counts failed sign-ins and refuses a locked-out user before the others are asked.
    "axes.backends.AxesStandaloneBackend",
    "talentzone.core.backends.RulesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Argon2id for new and changed passwords; older hashes still verify and are upgraded at sign-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = env.str("TALENTZONE_TIME_ZONE", default="Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise warns at every start when it is missing
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Without collectstatic (demo, tests) whitenoise serves straight from the finders.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Uploaded files (Excel imports and their annotated reports) hold personal data: they are kept
# under the media directory, which is never served as such; pages hand a file out to its owner
# after a permission check.
MEDIA_ROOT = Path(env.str("TALENTZONE_MEDIA_DIR", default=str(VAR_DIR / "media")))
MEDIA_URL = "media/"
TALENTZONE_IMPORT_MAX_BYTES = env.int("TALENTZONE_IMPORT_MAX_BYTES", default=20 * 2**20)
TALENTZONE_IMPORT_MAX_ROWS = env.int("TALENTZONE_IMPORT_MAX_ROWS", default=100_000)
# An Excel export of a list holds at most this many rows; a wider filter is asked to narrow.
TALENTZONE_EXPORT_MAX_ROWS = env.int("TALENTZONE_EXPORT_MAX_ROWS", default=100_000)
# The matching index (derived data, rebuilt by `talentzone rebuild_match_index`); each
# application server keeps its own copy.
TALENTZONE_MATCH_INDEX_DIR = Path(
    env.str("TALENTZONE_MATCH_INDEX_DIR", default=str(VAR_DIR / "index" / "candidates"))
)
# The TrueType CJK font PDFs (training certificates) embed; `make fonts` installs this default.
TALENTZONE_PDF_FONT = env.str(
    "TALENTZONE_PDF_FONT", default="/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "talentzone.core.api.Pagination",
    "DEFAULT_SCHEMA_CLASS": "talentzone.core.schema.ErrorsAutoSchema",
    "EXCEPTION_HANDLER": "talentzone.core.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "talentzone API",
    "DESCRIPTION": "开发区人才服务平台: talent service platform of an industrial development zone.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Tags and operation ids start after the version: "directory", not "v1" for everything.
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    # Choice sets shared by fields of different names get one schema name, not one per field.
    "ENUM_NAME_OVERRIDES": {
        "IndustryEnum": "talentzone.directory.choices.Industry",
        "LevelEnum": "talentzone.directory.choices.Level",
        "StationLevelEnum": "talentzone.directory.choices.StationLevel",
        "ImportKindEnum": "talentzone.directory.choices.ImportKind",
        "ImportStatusEnum": "talentzone.directory.choices.ImportStatus",
        "TalentStatusEnum": "talentzone.directory.choices.TalentStatus",
        "EducationEnum": "talentzone.directory.choices.Education",
        "ProfessionalTitleEnum": "talentzone.directory.choices.ProfessionalTitle",
        "DemandStatusEnum": "talentzone.recruiting.choices.DemandStatus",
        "ProjectStatusEnum": "talentzone.recruiting.choices.ProjectStatus",
        "ReferralStatusEnum": "talentzone.recruiting.choices.ReferralStatus",
        "VenueKindEnum": "talentzone.venues.choices.VenueKind",
        "BookingStatusEnum": "talentzone.venues.choices.BookingStatus",
        "GenderEnum": "talentzone.directory.choices.Gender",
        "EventStatusEnum": "talentzone.events.choices.EventStatus",
        "RegistrationStatusEnum": "talentzone.events.choices.RegistrationStatus",
        "CaseLevelEnum": "talentzone.cases.choices.Level",
        "CaseStatusEnum": "talentzone.cases.choices.CaseStatus",
        "ConsultationStatusEnum": "talentzone.cases.choices.ConsultationStatus",
        "HousingLayoutEnum": "talentzone.housing.choices.Layout",
        "SchoolLevelEnum": "talentzone.housing.choices.SchoolLevel",
        "AwardRoundKindEnum": "talentzone.awards.choices.RoundKind",
        "ReportKindEnum": "talentzone.insights.choices.ReportKind",
        "AwardCategoryEnum": "talentzone.awards.choices.RoundCategory",
        "AwardRoundStatusEnum": "talentzone.awards.choices.RoundStatus",
        "NominationStatusEnum": "talentzone.awards.choices.NominationStatus",
        "AwardConflictEnum": "talentzone.awards.choices.Conflict",
        "AwardEntryStatusEnum": "talentzone.awards.choices.EntryStatus",
        "AwardOutcomeEnum": "talentzone.awards.choices.Outcome",
        # awards' objection statuses read the same as the policies' in English: one enum then
        "ObjectionStatusEnum": "talentzone.policies.choices.ObjectionStatus",
    },
}

REDIS_URL = env.str("REDIS_URL", default="")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
# Without Redis there is no worker: tasks run in-process, at the moment they are sent.
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
# `celery -A talentzone beat` runs these in production; the demo runs the same work as commands
# (`talentzone scan_offers`, `talentzone close_notices`,
# `talentzone rebuild_match_index`).
CELERY_BEAT_SCHEDULE = {
    "scan-offers-nightly": {
        "task": "policies.scan_offers",
        "schedule": crontab(hour=2, minute=0),
    },
    "close-notices-each-morning": {
        "task": "policies.close_notices",
        "schedule": crontab(hour=6, minute=0),
    },
    # The index follows every change after commit; the nightly rebuild is the safety net.
    "rebuild-match-index-nightly": {
        "task": "recruiting.rebuild_match_index",
        "schedule": crontab(hour=3, minute=30),
    },
    # Deadlines of the case desk: hourly, so a case moves up soon after its day ends.
    "escalate-overdue-cases-hourly": {
        "task": "cases.escalate_overdue",
        "schedule": crontab(minute=5),
    },
    "close-unanswered-cases-nightly": {
        "task": "cases.close_unanswered",
        "schedule": crontab(hour=2, minute=30),
    },
    # Talent apartments: offers not answered by their day pass on; leases ending soon remind;
    # tenants who left the zone's employment are flagged for the office.
    "expire-housing-offers-nightly": {
        "task": "housing.offers_expire",
        "schedule": crontab(hour=1, minute=15),
    },
    "remind-housing-leases-each-morning": {
        "task": "housing.remind_leases",
        "schedule": crontab(hour=8, minute=0),
    },
    "flag-tenants-who-left-each-morning": {
        "task": "housing.flag_left_employment",
        "schedule": crontab(hour=7, minute=45),
    },
    "close-evaluation-nominations-nightly": {
        "task": "awards.close_nominations",
        "schedule": crontab(hour=0, minute=20),
    },
    # The leader's wall screen: its figures computed afresh before the cache's 15 minutes end.
    "warm-overview-figures": {
        "task": "insights.warm_overview",
        "schedule": crontab(minute="*/10"),
    },
}

# Mail (offers, decisions): SMTP when TALENTZONE_EMAIL_HOST is set; otherwise each message is
# written as a file under var/mail/, so a machine without a mail server loses nothing.
EMAIL_HOST = env.str("TALENTZONE_EMAIL_HOST", default="")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env.int("TALENTZONE_EMAIL_PORT", default=25)
    EMAIL_HOST_USER = env.str("TALENTZONE_EMAIL_USER", default="")
    EMAIL_HOST_PASSWORD = env.str("TALENTZONE_EMAIL_PASSWORD", default="")
    EMAIL_USE_TLS = env.bool("TALENTZONE_EMAIL_TLS", default=False)
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
# Links in emails point here (e.g. https://talent.example.gov.cn); empty gives relative links.
TALENTZONE_BASE_URL = env.str("TALENTZONE_BASE_URL", default="")
DEFAULT_FROM_EMAIL = env.str("TALENTZONE_EMAIL_FROM", default="talentzone@localhost")

# Logs go to stderr: plain lines by default, JSON lines (one object per record) with
# TALENTZONE_LOG_FORMAT=json, which deploy/start and the production env example set.
TALENTZONE_LOG_FORMAT = env.str("TALENTZONE_LOG_FORMAT", default="text")
LOGGING = logging_config(TALENTZONE_LOG_FORMAT, env.str("TALENTZONE_LOG_LEVEL", default="INFO"))

# --- Content-Security-Policy (django-csp), enforced. Pages load scripts, styles, fonts and
# images from this server only and run no inline code: behaviour lives in static files
# (core/static/core/behaviours.js reads data attributes), styles in static CSS, dynamic widths
# and colours are set through the CSSOM, which the policy allows. No 'unsafe-inline', no
# 'unsafe-eval', no nonce: core/tests/test_csp.py walks every role's pages in a browser and
# fails on any violation. img-src allows data: for Bootstrap's and Swagger UI's inline SVG icons.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# --- Production hardening: cookies, HTTPS, logs, metrics, health.
# Cookies: the session cookie is out of scripts' reach, and neither cookie rides along on a
# request another site starts (Lax still sends them when a user follows a link here).
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# A working day: a session left open on a shared office computer ends the same evening.
SESSION_COOKIE_AGE = env.int("TALENTZONE_SESSION_HOURS", default=8) * 3600

# HTTPS is switched on explicitly (deploy/production.env.example does): the demo and the test
# suite speak plain HTTP to 127.0.0.1, where secure cookies and redirects would lock them out.
TALENTZONE_HTTPS = env.bool("TALENTZONE_HTTPS", default=False)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = TALENTZONE_HTTPS
SECURE_SSL_REDIRECT = TALENTZONE_HTTPS
# Probes and Prometheus talk to gunicorn directly, over HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^metrics$"]
SECURE_HSTS_SECONDS = (
    env.int("TALENTZONE_HSTS_SECONDS", default=365 * 86400) if TALENTZONE_HTTPS else 0
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("TALENTZONE_HSTS_INCLUDE_SUBDOMAINS", default=True)
# The header alone enrols nothing: only the owner of the registrable domain can submit it to the
# browsers' preload list.
SECURE_HSTS_PRELOAD = env.bool("TALENTZONE_HSTS_PRELOAD", default=True)
# Behind the reverse proxy that ends TLS: trust its X-Forwarded-Proto. Only when the proxy sets
# (and overwrites) that header, else a client could claim HTTPS.
if env.bool("TALENTZONE_BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# A database that does not answer fails a request (and /healthz) in seconds, not minutes.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env.int("TALENTZONE_DB_CONNECT_TIMEOUT", default=5)
    )
    # Keeping connections open saves a connect per request; production sets 60 s. The default
    # (0) keeps the suite's threads from leaving connections to the test database behind.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("TALENTZONE_DB_CONN_MAX_AGE", default=0)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# One log line per request (core/logging.py), outermost but for Prometheus' timer.
MIDDLEWARE.insert(1, "talentzone.core.logging.RequestLogMiddleware")
# Celery's workers log through LOGGING too (JSON in production) instead of their own format.
CELERY_WORKER_HIJACK_ROOT_LOGGER = TALENTZONE_LOG_FORMAT != "json"

# /healthz: each dependency's check gives up after this many seconds.
TALENTZONE_HEALTH_TIMEOUT = env.float("TALENTZONE_HEALTH_TIMEOUT", default=1.0)
# /metrics answers these addresses or networks only (404 for the rest, and for anything that
# came through a proxy).
TALENTZONE_METRICS_ALLOWED_IPS = env.list(
    "TALENTZONE_METRICS_ALLOWED_IPS", default=["127.0.0.1", "::1"]
)

# --- Sign-in throttling and lock-out (django-axes), uploads.
AXES_FAILURE_LIMIT = env.int("TALENTZONE_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("TALENTZONE_LOGIN_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# The page (sign-in) or JSON 429 (API token) a locked-out sign-in gets: core/lockout.py.
AXES_LOCKOUT_CALLABLE = "talentzone.core.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "talentzone.core.lockout.client_ip"
# How many reverse proxies of ours stand in front (each appends to X-Forwarded-For): 0 trusts
# only the connection's address. Behind nginx set 1, or every sign-in seems to come from it.
TALENTZONE_PROXY_COUNT = env.int("TALENTZONE_PROXY_COUNT", default=0)
# Who unlocks an account, as the locked-out page says it (e.g. "人才服务办公室 0571-…").
TALENTZONE_SUPPORT_CONTACT = env.str("TALENTZONE_SUPPORT_CONTACT", default="")
# Uploads: each file at most this size (checked with its content, core/uploads.py); above
# FILE_UPLOAD_MAX_MEMORY_SIZE a file goes to a temporary file instead of memory; a request's
# non-file fields at most DATA_UPLOAD_MAX_MEMORY_SIZE; at most DATA_UPLOAD_MAX_NUMBER_FILES files.
TALENTZONE_UPLOAD_MAX_BYTES = env.int("TALENTZONE_UPLOAD_MAX_BYTES", default=20 * 2**20)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # Django's default, stated: 2.5 MB
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 2**20  # policy texts with their tables fit comfortably
DATA_UPLOAD_MAX_NUMBER_FILES = 20

# --- Faults: the cache and the task queue when Redis is away.
# The cache is a convenience, never a dependency: with Redis gone a read misses and a write is
# dropped (both logged), and pages compute afresh. Short socket timeouts and no retries bound
# what a page waits on a dead or unreachable Redis.
REDIS_TIMEOUT = env.float("TALENTZONE_REDIS_TIMEOUT", default=0.5)


def redis_cache(url: str) -> dict:
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": REDIS_TIMEOUT,
            "SOCKET_TIMEOUT": REDIS_TIMEOUT,
            "CONNECTION_POOL_KWARGS": {"retry": Retry(NoBackoff(), 0)},
        },
    }


CACHES = {
    "default": redis_cache(REDIS_URL)
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "talentzone.cache"
# Tasks are published through core.queue: a short retry, then (broker down) in process; for this
# long after a failed publish the next tasks run in process at once instead of waiting on it.
TALENTZONE_BROKER_RETRY_AFTER = env.float("TALENTZONE_BROKER_RETRY_AFTER", default=30.0)
# A worker takes one task at a time, so a killed worker strands at most the one it was running.
# Tasks that must survive a killed worker (the Excel import) are acks_late: the message leaves
# Redis only when the task ends; a pool process killed mid-way hands it back at once, and a
# message whose whole worker died is handed out again after the visibility timeout, which must
# be longer than the longest task (a task running longer is delivered twice; the import waits
# for its first run to end, see directory.imports.jobs).
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_TIMEOUT = 2.0
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("TALENTZONE_CELERY_VISIBILITY_TIMEOUT", default=60 * 60),
    "socket_connect_timeout": 2.0,
    # above the BRPOP wait of an idle worker (1 s), below what a request may wait on a publish
    "socket_timeout": 5.0,
}
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 2.0
CELERY_REDIS_SOCKET_TIMEOUT = 5.0
