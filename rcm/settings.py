"""Settings for RCM Tracker, for development and production alike.

Everything that differs between machines comes from the environment (see README.md, "Settings");
the helpers below refuse malformed values instead of guessing.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str) -> bool:
    value = os.environ.get(name, default).strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off", ""):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def envint(name: str, default: str, *, minimum: int = 0) -> int:
    value = os.environ.get(name, default).strip()
    # isascii: int() would take "١٢" and "1_000", which no one means in an environment variable.
    if not (value.isascii() and value.isdigit()) or int(value) < minimum:
        at_least = f" of at least {minimum}" if minimum else ""
        raise ImproperlyConfigured(f"{name} must be a whole number{at_least}, not {value!r}")
    return int(value)


def envchoice(name: str, default: str, choices: list[str]) -> str:
    value = os.environ.get(name, default).strip().upper()
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}, not {value.lower()!r}")
    return value


DEBUG = envbool("DEBUG", "0")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (`make setup` writes one to var/secret_key)"
        )
    # Development only: a key of this process's own, so no secret is ever written in the repository.
    from django.core.management.utils import get_random_secret_key

    SECRET_KEY = get_random_secret_key()

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")
# A form refused for its token is the site's 403 page, showing back what was typed.
CSRF_FAILURE_VIEW = "rcm.front.errors.csrf_failure"

INSTALLED_APPS = [
    "rcm.lib.admin_site.SuperuserAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_filters",
    "simple_history",
    "axes",
    "rcm.base",
    "declarations",
    "decisions",
    "followup",
    "rcm.interchange",
    "rcm.front",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads a request's body: one cut short is refused whole (an interrupted upload).
    "rcm.front.middleware.WholeBodyMiddleware",
    # Around everything that may write: a meeting's public PDFs are rendered once its records are written.
    "rcm.front.prerender.PrerenderPdfsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before everything an anonymous reader's stored page does not need: sessions, CSRF, authentication...
    "rcm.lib.pagecache.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The reader's language (rcm.lib.languages), before anything that renders: after the session, before
    # CommonMiddleware, as Django asks.
    "rcm.front.middleware.ReaderLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Right after the user is known: every write of the request is made by its user (declarations.access), and
    # every response to a signed-in request is Cache-Control: private.
    "rcm.front.middleware.ActingUserMiddleware",
    "rcm.front.middleware.PrivateWhenSignedInMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First: refuses a sign-in from an account and address that failed too often (django-axes).
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
# Where a sign-in without `next` leads when no role says better: each role lands where it can work
# (rcm.front.accounts.landing).
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Sign-in throttling: after 5 failures for one account from one address, that pair waits 15 minutes;
# after 20 from one address, whatever the accounts, that address does (rcm.lib.signin). The address is the
# client's as the proxy forwards it when there is one (SECURE_PROXY_SSL_HEADER_ENABLED).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "rcm.lib.signin.AddressLimitedHandler"
# A locked-out attempt is refused with the lockout page and does not restart the 15 minutes.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "rcm.lib.signin.client_address"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True

ROOT_URLCONF = "rcm.urls"
WSGI_APPLICATION = "rcm.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "declarations.access.user_may",
            ],
        },
    },
]

# SQLite in the checkout unless DATABASE_URL names another database (PostgreSQL in production and CI).
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",  # its default, named so that the README test sees every variable read here
        default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}",
        conn_max_age=envint("CONN_MAX_AGE", "60"),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database host that does not answer at all makes a request wait 5 s (or DATABASE_URL's
    # ?connect_timeout=), then get the 503 page (rcm.front.views.server_error), rather than hold a worker
    # until gunicorn kills it.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Rendered PDFs, keyed by the hash of their HTML: on disk, so that every worker process and every
    # restart shares them. Old versions are never asked for again and age out past MAX_ENTRIES.
    "pdf": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("PDF_CACHE_DIR", str(BASE_DIR / "var" / "cache" / "pdf")),
        "TIMEOUT": None,
        "OPTIONS": {"MAX_ENTRIES": envint("PDF_CACHE_ENTRIES", "2000", minimum=1)},
    },
    # Published pages for anonymous readers (rcm/lib/pagecache.py), shared by the worker processes.
    "pages": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("PAGE_CACHE_DIR", str(BASE_DIR / "var" / "cache" / "pages")),
        "TIMEOUT": 24 * 60 * 60,
        "OPTIONS": {"MAX_ENTRIES": envint("PAGE_CACHE_ENTRIES", "5000", minimum=1)},
    },
    # Parts of public pages that many pages share, such as a decision's row in a list
    # (rcm.lib.pagecache.cached_fragments): in each worker's memory, where reading 25 costs less than one
    # file or one Redis round trip, kept under the shared pages version so that an edit drops them on every
    # server. A row is about a kilobyte: the default bounds a worker's share to tens of megabytes.
    "fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "fragments",
        "TIMEOUT": 24 * 60 * 60,
        "OPTIONS": {"MAX_ENTRIES": envint("FRAGMENT_CACHE_ENTRIES", "20000", minimum=1)},
    },
}
# With REDIS_URL, the PDFs and the pages live in Redis instead, shared by every app server, not only by
# one machine's workers (README.md, "Production"). Redis keeps no count of entries: a PDF not asked for
# in PDF_CACHE_DAYS is dropped, and the server's maxmemory policy (allkeys-lru) bounds the rest.
# A staff request that writes a meeting's records has its public PDFs rendered in a thread once it has
# answered, so that their first reader does not wait (rcm/front/prerender.py).
PRERENDER_PDFS = envbool("PRERENDER_PDFS", "1")
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    if not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
        # Not the value itself: it may hold a password.
        raise ImproperlyConfigured("REDIS_URL must start with redis://, rediss:// or unix://")
    # Failing soft (rcm.lib.rediscache): with Redis down, pages are served uncached, never an error. The
    # timeouts bound what a Redis that hangs costs a request.
    redis = {
        "BACKEND": "rcm.lib.rediscache.RedisCache",
        "LOCATION": REDIS_URL,
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
    }
    CACHES["pdf"] = {**redis, "KEY_PREFIX": "pdf", "TIMEOUT": envint("PDF_CACHE_DAYS", "30", minimum=1) * 24 * 60 * 60}
    CACHES["pages"] = {**redis, "KEY_PREFIX": "pages", "TIMEOUT": CACHES["pages"]["TIMEOUT"]}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The interface in English and Spanish (docs/languages.md): addresses are the same in both; the reader's
# language comes from ?lang=, then the choice kept in the language cookie, then the browser's Accept-Language.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates as each language's texts write them: "21 June 2012", "21 de junio de 2012".
FORMAT_MODULE_PATH = ["rcm.formats"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# Evidence uploaded to follow-up actions: outside the static files, served only through a view that
# checks who may read the decision (followup.views.evidence). A folder (on a volume every app server
# mounts, when there are several), or with EVIDENCE_S3_BUCKET a bucket of any S3-compatible store
# (docs/storage.md says why and how).
EVIDENCE_ROOT = os.environ.get("EVIDENCE_ROOT", str(BASE_DIR / "var" / "evidence"))
EVIDENCE_S3_BUCKET = os.environ.get("EVIDENCE_S3_BUCKET", "").strip()

STATIC_URL = "/static/"
# What `collectstatic` gathers, for WhiteNoise to serve, or nginx in production (deploy/nginx/rcm.conf).
STATIC_ROOT = os.environ.get("STATIC_ROOT", str(BASE_DIR / "var" / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
    "evidence": {"BACKEND": "followup.models.EvidenceStorage"},
}
EVIDENCE_S3_ENDPOINT_URL = os.environ.get("EVIDENCE_S3_ENDPOINT_URL", "").strip()
if EVIDENCE_S3_ENDPOINT_URL and not EVIDENCE_S3_BUCKET:
    raise ImproperlyConfigured("EVIDENCE_S3_ENDPOINT_URL is set but EVIDENCE_S3_BUCKET is not: name the bucket")
if EVIDENCE_S3_BUCKET:
    STORAGES["evidence"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": EVIDENCE_S3_BUCKET,
            # Unset: Amazon S3 itself. The keys come from boto3's own variables (AWS_ACCESS_KEY_ID and
            # AWS_SECRET_ACCESS_KEY) or the machine's role, never from these settings.
            "endpoint_url": EVIDENCE_S3_ENDPOINT_URL or None,
            # Other stores (MinIO, Ceph, Garage...) answer on one host name, the bucket in the path.
            "addressing_style": "path" if EVIDENCE_S3_ENDPOINT_URL else None,
            "region_name": os.environ.get("EVIDENCE_S3_REGION", "").strip() or None,
            # Private objects (the bucket's own policy, no public ACL), read only through the evidence view.
            "default_acl": None,
            # A document is never replaced by another of the same name.
            "file_overwrite": False,
            # A document read to be served is held in memory (evidence is at most 20 MB), not spooled to disk.
            "max_memory_size": 21 * 1024 * 1024,
        },
    }

# Production hardening; `manage.py check --deploy` with DEBUG off must report nothing.
# Behind a TLS-terminating proxy set SECURE_PROXY_SSL_HEADER_ENABLED=1; for plain-HTTP local runs
# (`make run`, `make serve`) set HTTPS=0.
HTTPS = envbool("HTTPS", "0" if DEBUG else "1")
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if envbool("SECURE_PROXY_SSL_HEADER_ENABLED", "0"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# The pages load nothing but this site's own stylesheet, images and few scripts (static/js/, files only:
# no inline script or event handler), so a browser is told to refuse anything else, whatever text might
# slip into a page. The admin (superusers only) has scripts of its own and is left out.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [NONE],
        "style-src": [SELF],
        "script-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "form-action": [SELF],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": envchoice("LOG_LEVEL", "WARNING", ["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]),
    },
    "loggers": {"rcm.lib.pdf": {"level": "INFO"}, "axes": {"level": "WARNING"}},
}
