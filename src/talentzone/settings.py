"""talentzone settings: one module, configured from the environment (twelve-factor).

Every knob is an environment variable; the defaults give the embedded single-machine setup
(SQLite under var/, Celery tasks run in-process) so that `make demo` needs nothing running.
"""

import secrets
from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

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
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
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

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("TALENTZONE_LOG_LEVEL", default="INFO")},
}

# --- Content-Security-Policy (django-csp). Pages load scripts and styles from this server only,
# with no inline code: behaviour lives in static files. Report-only until every page complies.
CONTENT_SECURITY_POLICY_REPORT_ONLY = {
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

# --- Production hardening (deploy helper): cookies, HTTPS, logs, metrics, health.

# --- Sign-in throttling and lock-out (django-axes), uploads, user HTML (security helper).
AXES_FAILURE_LIMIT = env.int("TALENTZONE_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("TALENTZONE_LOGIN_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# --- Faults: cache and task queue when Redis is away (faults helper).
