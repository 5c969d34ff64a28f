"""Settings for Amends, read once from ``AMENDS_*`` environment variables.

Every value has a safe default for one machine (SQLite in the data directory, console email,
DEBUG off). Production differs only by environment: a PostgreSQL ``AMENDS_DATABASE_URL``, a real
``AMENDS_SECRET_KEY`` (required unless ``AMENDS_DEBUG`` is on), an SMTP email backend.
"""

import os
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(f"AMENDS_{name}", default)


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name, "1" if default else "0").strip().lower()
    return value in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    raw = env(name, str(default))
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"AMENDS_{name} must be a whole number, not {raw!r}") from exc


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
DATA_DIR = Path(env("DATA_DIR", str(Path.cwd() / "var"))).expanduser()

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "AMENDS_SECRET_KEY is not set. Set it to a long random value "
            "(python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
            "or set AMENDS_DEBUG=1 for local development only."
        )
    SECRET_KEY = "insecure-development-key-never-use-in-production"  # noqa: S105 - DEBUG only

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "axes",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tasks_db",
    "amends.core",
    "amends.accounts",
    "amends.promises",
    "amends.complaints",
    "amends.triage",
    "amends.remedies",
    "amends.incidents",
    "amends.intake",
    "amends.surveys",
    "amends.reviews",
    "amends.insights",
    "amends.mail",
    "amends.portal",
    "amends.desk",
    "amends.coaching",
    "amends.api",
    "amends.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "amends.core.middleware.AmendsErrorMiddleware",
    # Last, as django-axes asks: it answers a locked-out login with the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Staff sign-in (the desk and the admin) is refused for AMENDS_LOGIN_LOCKOUT_MINUTES after
# AMENDS_LOGIN_FAILURE_LIMIT wrong passwords for one username from one address (django-axes;
# the address as the web form's throttle reads it, AMENDS_CLIENT_IP_HEADER included). A correct
# password before then starts the count again. `amends axes_reset` lifts every lockout.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "amends.core.addresses.client_ip"
AXES_LOCKOUT_CALLABLE = "amends.accounts.views.locked_out"
AXES_USERNAME_FORM_FIELD = "username"

ROOT_URLCONF = "amends.urls"
WSGI_APPLICATION = "amends.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "amends.core.context_processors.amends",
            ],
        },
    },
]
# Django's own renderer, drawing the common widgets in Python (amends/core/rendering.py).
FORM_RENDERER = "amends.core.rendering.FormRenderer"


def _database() -> dict[str, object]:
    url = env("DATABASE_URL")
    if not url:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "amends.sqlite3"),
            "OPTIONS": {
                # WAL lets the web process read while the task worker writes.
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;"
                ),
                "transaction_mode": "IMMEDIATE",
            },
            "TEST": {"NAME": env("TEST_DATABASE_NAME") or None},
        }
    config: dict[str, object] = dict(dj_database_url.parse(url, conn_max_age=600))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {"transaction_mode": "IMMEDIATE"}
    else:
        if config["ENGINE"] == "django.db.backends.postgresql":
            # Django's backend with a health check that costs no round trip (amends/core/postgresql).
            config["ENGINE"] = "amends.core.postgresql"
        config["CONN_HEALTH_CHECKS"] = True
        # Choice lists are small; server-side cursors would cost round trips and break poolers.
        config["DISABLE_SERVER_SIDE_CURSORS"] = True
    # Lets parallel test runs on one server use separate test databases.
    config["TEST"] = {"NAME": env("TEST_DATABASE_NAME") or None}
    return config


DATABASES = {"default": _database()}
# PostgreSQL: the intake statement is prepared once per connection (amends/core/postgresql/prepared.py).
AMENDS_DATABASE_PREPARE = env_bool("DATABASE_PREPARE", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "desk:inbox"
LOGOUT_REDIRECT_URL = "accounts:login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]


def _cache() -> dict[str, object]:
    url = env("CACHE_URL")
    if url.startswith(("redis://", "rediss://")):
        return {"BACKEND": "amends.core.cache.RedisCache", "LOCATION": url}
    # One process: local memory is enough. Several web processes share sessions and the
    # desk's cached counts through Redis.
    return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}


CACHES = {"default": _cache()}
# With a shared cache, sessions are read from it and written through to the database, which saves
# a query on every signed-in page. A per-process cache cannot hold them: a sign-out in one process
# would not reach the others.
AMENDS_CACHE_SHARED = str(CACHES["default"]["BACKEND"]).endswith("RedisCache")
if AMENDS_CACHE_SHARED:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# The web form's throttle reads the client address from REMOTE_ADDR; behind a proxy, name the
# header the proxy sets (HTTP_X_FORWARDED_FOR): its last address is taken.
AMENDS_CLIENT_IP_HEADER = env("CLIENT_IP_HEADER")

_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
    "dummy": "django.tasks.backends.dummy.DummyBackend",
}
_task_backend = env("TASKS_BACKEND", "database")
if _task_backend not in _TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"AMENDS_TASKS_BACKEND must be one of {', '.join(_TASK_BACKENDS)}, not {_task_backend!r}"
    )
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[_task_backend], "QUEUES": ["default", "intake"]}}

_EMAIL_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
}


def _mailer() -> dict[str, object]:
    name = env("EMAIL_BACKEND", "console")
    backend = _EMAIL_BACKENDS.get(name, name)
    options: dict[str, object] = {}
    if name == "file":
        options["file_path"] = str(DATA_DIR / "outbox")
    elif name == "smtp":
        smtp = urlsplit(env("SMTP_URL", "smtp://localhost:25"))
        options = {
            "host": smtp.hostname or "localhost",
            "port": smtp.port or 25,
            "username": smtp.username or "",
            "password": smtp.password or "",
            "use_tls": smtp.scheme == "smtp+starttls",
            "use_ssl": smtp.scheme == "smtps",
            "timeout": 30,
        }
    return {"BACKEND": backend, "OPTIONS": options}


MAILERS = {"default": _mailer()}
DEFAULT_FROM_EMAIL = env("FROM_EMAIL", "Customer Care <care@amends.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env("TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Served by WhiteNoise straight from the apps' static folders (no collectstatic step):
        # a handful of small files, so one command starts the desk.
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = DATA_DIR / "media"

# Limits on what anyone may send us. A complaint body over the limit is refused with a message,
# never truncated silently.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("MAX_REQUEST_BYTES", 1_000_000)
AMENDS_MAX_STORY_CHARS = env_int("MAX_STORY_CHARS", 20_000)
# Web-form complaints one address may send, counted over a sliding window (amends.intake.throttle).
AMENDS_INTAKE_RATE = env("INTAKE_RATE", "10/m")

# The default first-response clock: the time told to the customer, and the tighter internal
# target the team works to, both in business hours.
AMENDS_BUSINESS_HOURS = env("BUSINESS_HOURS", "09:00-17:00")
AMENDS_BUSINESS_DAYS = env("BUSINESS_DAYS", "mon,tue,wed,thu,fri")
AMENDS_FIRST_RESPONSE_HOURS = env_int("FIRST_RESPONSE_HOURS", 16)
AMENDS_FIRST_RESPONSE_TARGET_HOURS = env_int("FIRST_RESPONSE_TARGET_HOURS", 8)
AMENDS_ORGANISATION = env("ORGANISATION", "Amends Demo Co")

# Background tasks started for every new complaint, whatever its channel, after the
# acknowledgement: dotted paths to django.tasks Task objects that take the complaint id.
# Configuration rows read on every intake (policies, calendars, rules) are kept this many seconds
# per process; a change saved in a process applies there at once, elsewhere within this time.
AMENDS_CONFIG_CACHE_SECONDS = env_int("CONFIG_CACHE_SECONDS", 30)
# API keys verified in a process are not checked again for this many seconds (0: every request);
# revoking a key or deactivating its user applies at once in that process, elsewhere within this.
AMENDS_API_KEY_CACHE_SECONDS = env_int("API_KEY_CACHE_SECONDS", 10)

AMENDS_AFTER_RECEIVE_TASKS: list[str] = [
    "amends.triage.tasks.triage_complaint",
    "amends.incidents.tasks.match_new_complaint",
]

# Triage (docs/triage.md): below this confidence the category suggestion says "needs a person";
# the category model retrains itself after this many categories set by people; neighbour
# searches look at most at AMENDS_TRIAGE_CANDIDATES recent complaints. Similarities are cosines
# of wordllama vectors: paraphrases score about 0.55-0.75, unrelated complaints below 0.2.
AMENDS_TRIAGE_MIN_CONFIDENCE = float(env("TRIAGE_MIN_CONFIDENCE", "0.5"))
AMENDS_TRIAGE_RETRAIN_AFTER = env_int("TRIAGE_RETRAIN_AFTER", 50)
AMENDS_TRIAGE_MIN_PER_CATEGORY = env_int("TRIAGE_MIN_PER_CATEGORY", 5)
AMENDS_TRIAGE_MAX_EXAMPLES = env_int("TRIAGE_MAX_EXAMPLES", 50_000)
AMENDS_TRIAGE_CANDIDATES = env_int("TRIAGE_CANDIDATES", 2000)
AMENDS_TRIAGE_SIMILAR_MIN = 0.5
AMENDS_TRIAGE_SIMILAR_SHOWN = 5
AMENDS_TRIAGE_DUPLICATE_DAYS = env_int("TRIAGE_DUPLICATE_DAYS", 14)
AMENDS_TRIAGE_DUPLICATE_MIN = 0.45  # same customer, same fortnight: a person decides on merging
AMENDS_TRIAGE_INCIDENT_HOURS = env_int("TRIAGE_INCIDENT_HOURS", 24)
AMENDS_TRIAGE_INCIDENT_MIN = 0.55
AMENDS_TRIAGE_INCIDENT_SIZE = env_int("TRIAGE_INCIDENT_SIZE", 5)

# The reply coach (docs/coaching.md): the longest draft it reads, whether the supervisor who
# submitted a playbook version may also approve it, and how close a complaint's text must be to a
# playbook (WordLlama cosine similarity) for the desk to suggest it outside its category.
AMENDS_COACH_MAX_CHARS = env_int("COACH_MAX_CHARS", 20_000)
AMENDS_COACH_FOUR_EYES = env_bool("COACH_FOUR_EYES")
AMENDS_COACH_PLAYBOOK_MIN_SIMILARITY = 0.2
AMENDS_COACH_PLAYBOOK_CANDIDATES = 500

# Promises and follow-up (amends.promises, amends.surveys). Public holidays of this country (ISO
# code) and region are not business days in the default calendar; teams' calendars are rows in
# the admin. Tasks queued when a complaint is resolved (the survey and the "did it hold?"
# check-in), and the sweeps `amends sweep` runs: dotted paths, so higher apps plug in.
AMENDS_HOLIDAY_COUNTRY = env("HOLIDAY_COUNTRY", "GB")
AMENDS_HOLIDAY_SUBDIVISION = env("HOLIDAY_SUBDIVISION", "ENG")
# Complaints from the web form and the API are stored at once and filed by a worker
# (complaints.services.accept). With a shared cache one filing task is queued per burst; if it is
# lost, another is queued or the sweep files what waited longer than this.
AMENDS_FILING_RETRY_SECONDS = env_int("FILING_RETRY_SECONDS", 10)
AMENDS_FILING_GATHER_MS = env_int("FILING_GATHER_MS", 500)
AMENDS_AFTER_RESOLVE_TASKS: list[str] = ["amends.surveys.tasks.schedule_follow_up"]
AMENDS_SWEEPS: list[str] = [
    "amends.complaints.sweep.sweep_submissions",
    "amends.promises.sweep.sweep_promises",
    "amends.surveys.sweep.sweep_surveys",
    "amends.incidents.sweep.sweep_incidents",
    "amends.insights.sweep.sweep_insights",
]
AMENDS_SURVEY_LOW_SCORE = env_int("SURVEY_LOW_SCORE", 2)  # this score or lower reopens for a supervisor
AMENDS_SURVEY_REMINDER_DAYS = env_int("SURVEY_REMINDER_DAYS", 3)  # one reminder, this long after
AMENDS_SURVEY_LINK_DAYS = env_int("SURVEY_LINK_DAYS", 30)  # how long survey links stay open
AMENDS_CALLBACK_ATTEMPTS = env_int("CALLBACK_ATTEMPTS", 3)  # calls tried before we write instead

# Email in (amends.mail): limits, the SMTP receiver, IMAP trust and provider webhooks.
AMENDS_MAIL_MAX_BYTES = env_int("MAIL_MAX_BYTES", 25_000_000)  # larger mail is quarantined
AMENDS_MAIL_SMTP_MAX_BYTES = env_int("MAIL_SMTP_MAX_BYTES", 50_000_000)  # larger is refused (552)
AMENDS_MAIL_MAX_ATTACHMENT_BYTES = env_int("MAIL_MAX_ATTACHMENT_BYTES", 10_000_000)
AMENDS_MAIL_MAX_ATTACHMENTS = env_int("MAIL_MAX_ATTACHMENTS", 20)
AMENDS_MAIL_REFUSED_EXTENSIONS = env_list(
    "MAIL_REFUSED_EXTENSIONS",
    "exe,com,bat,cmd,scr,pif,cpl,dll,msi,msp,jar,js,jse,vbs,vbe,wsf,wsh,ps1,psm1,hta,lnk,reg,iso,img,vhd",
)
AMENDS_MAIL_REPLY_TO_CLOSED = env("MAIL_REPLY_TO_CLOSED", "reopen")  # "reopen" or "new"
if AMENDS_MAIL_REPLY_TO_CLOSED not in ("reopen", "new"):
    raise ImproperlyConfigured("AMENDS_MAIL_REPLY_TO_CLOSED must be reopen or new")
AMENDS_MAIL_SIGNED_REPLY_TO = env_bool("MAIL_SIGNED_REPLY_TO", True)  # care+<token>@domain
AMENDS_MAIL_DOMAINS = env_list("MAIL_DOMAINS", "")  # SMTP recipients accepted; "" = our From domains
AMENDS_MAIL_SMTP_TLS_CERT = env("MAIL_SMTP_TLS_CERT")
AMENDS_MAIL_SMTP_TLS_KEY = env("MAIL_SMTP_TLS_KEY")
AMENDS_MAIL_IMAP_CA_FILE = env("MAIL_IMAP_CA_FILE")  # extra CA for a private IMAP server
ANYMAIL = {"WEBHOOK_SECRET": env("MAIL_WEBHOOK_SECRET")}  # "user:password"; webhooks off if unset

# Remedies (amends.remedies): the organisation's currency (ISO 4217; a remedy may override it),
# the most any one remedy may be per currency ("*" for the rest; above it an amount is refused as
# a mistake), how long an offer's choice link stays open, and how long an approval request waits
# before it goes up a level.
AMENDS_CURRENCY = env("CURRENCY", "GBP").strip().upper()
AMENDS_REMEDY_CEILINGS = {
    code.strip().upper(): Decimal(value)
    for code, _, value in (
        item.partition(":") for item in env_list("REMEDY_CEILINGS", "*:100000,JPY:15000000,KRW:150000000")
    )
}
AMENDS_OFFER_DAYS = env_int("OFFER_DAYS", 14)
AMENDS_APPROVAL_HOURS = env_int("APPROVAL_HOURS", 24)

# Incidents (docs/incidents.md): how close a new complaint's words must be to an open incident's
# linked complaints (WordLlama cosine similarity to their mean) for a link to be suggested; the
# incident severity from which incidents go to the spokesperson; how many complaints one
# background batch of an update or gesture covers; and after how many minutes without progress
# the sweep queues an unfinished send again (a worker died mid-send).
AMENDS_INCIDENT_MATCH_MIN = float(env("INCIDENT_MATCH_MIN", "0.6"))
AMENDS_INCIDENT_SPOKESPERSON_SEVERITY = env("INCIDENT_SPOKESPERSON_SEVERITY", "high")
AMENDS_INCIDENT_BATCH = env_int("INCIDENT_BATCH", 250)
AMENDS_INCIDENT_STALLED_MINUTES = env_int("INCIDENT_STALLED_MINUTES", 10)

# Closing a complaint first asks these guards (dotted paths to callables taking complaint and by,
# raising an AmendsError to refuse), so higher apps can require something without an import:
# reviews requires a blameless review before a high-severity complaint closes.
AMENDS_CLOSE_GUARDS: list[str] = ["amends.reviews.guards.review_before_close"]

# Insights (docs/insights.md): the summary tables fold timeline events older than this many
# seconds (a transaction still open when the fold runs is caught on the next run); the weekly
# digest goes to each policy owner on this weekday (mon..sun) from this local hour.
AMENDS_INSIGHTS_FOLD_LAG_SECONDS = env_int("INSIGHTS_FOLD_LAG_SECONDS", 120)
AMENDS_DIGEST_WEEKDAY = env("DIGEST_WEEKDAY", "mon")
AMENDS_DIGEST_HOUR = env_int("DIGEST_HOUR", 8)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG and SITE_URL.startswith("https"))
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # django-axes announces itself at INFO in every process that starts (every command); its
        # failed sign-ins and lockouts are warnings, and still logged.
        "axes.apps": {"level": "WARNING"},
    },
}
