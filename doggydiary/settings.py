"""Doggy Diary settings: one module, read from the environment.

With no environment at all the site is embedded: SQLite, a file-based cache and
media on local disk. Scale-out is configuration only (see docs/operating.md, "Settings").
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def database_from_url(url):
    """DATABASES["default"] from DATABASE_URL (sqlite:///path or postgres://...), with
    the SQLite settings that let several gunicorn workers write."""
    try:
        config = dj_database_url.parse(
            url, conn_max_age=env_int("DB_CONN_MAX_AGE", 60), conn_health_checks=True
        )
    except ValueError as error:
        raise ImproperlyConfigured(f"DATABASE_URL is not usable: {error}") from None
    if config["ENGINE"] == "django.db.backends.sqlite3":
        if not config["NAME"] or config["NAME"] in {"/", ":memory:"}:
            raise ImproperlyConfigured("DATABASE_URL for SQLite needs a file path.")
        config["OPTIONS"] = {
            # WAL lets readers go on while one gunicorn worker writes; IMMEDIATE
            # takes the write lock at BEGIN so two writers queue on the busy
            # timeout instead of failing with "database is locked".
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    elif config["ENGINE"] == "django.db.backends.postgresql":
        config["NAME"] = config.get("NAME") or "doggydiary"
        config["PORT"] = str(config.get("PORT") or "")
    else:
        raise ImproperlyConfigured(f"DATABASE_URL engine {config['ENGINE']!r} is not supported.")
    return config


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
SECRET_KEY_FILE = Path(os.environ.get("SECRET_KEY_FILE", VAR_DIR / "secret_key"))
if not SECRET_KEY and SECRET_KEY_FILE.is_file():
    SECRET_KEY = SECRET_KEY_FILE.read_text().strip()
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "No SECRET_KEY. Set the SECRET_KEY environment variable, or run `make secret` "
        f"to generate one into {SECRET_KEY_FILE} (untracked)."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The public address of the site, used in feeds, sitemaps and canonical links when
# set; otherwise the request's own (validated) host is used.
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")
SITE_NAME = os.environ.get("SITE_NAME", "Doggy Diary")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "taggit",
    "django_prose_editor",
    "django_tasks",
    "django_tasks_db",
    "articles",
    "comments",
    "wordpress",
    "doggydiary",
    "tools",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # A WordPress address (/?p=123, an old permalink) answers with a 301 to where it
    # moved: before the page cache, which would serve the home page for /?p=123.
    "wordpress.redirects.OldAddressMiddleware",
    # A hit is served from here, with the headers the middleware below gave the page
    # when it was made (so none of it runs again); after SecurityMiddleware, which
    # redirects to https and sets HSTS on every response.
    "doggydiary.pagecache.PageCacheMiddleware",
    # Before whitenoise, so static files get the same headers as everything else.
    "doggydiary.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Public pages carry no CSRF token or other secret, so compressing them is safe
    # from BREACH; whitenoise serves static files already compressed. (The page cache
    # compresses its own pages.)
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Django's, with a quicker hash for the ETag.
    "doggydiary.middleware.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, so it sees a view's exception first: a database that cannot write is a 503.
    "doggydiary.dberrors.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "doggydiary.urls"
WSGI_APPLICATION = "doggydiary.wsgi.application"

# Reader pages are Jinja2 templates in templates/site/ (fast to render); the admin,
# and anything a Jinja2 template does not answer, uses Django's templates.
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "site"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "doggydiary.jinja2.environment",
            "context_processors": ["doggydiary.context_processors.site"],
        },
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": database_from_url(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}"
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Redis with short timeouts, skipped for a few seconds after an error
            # (doggydiary/cache_backends.py): a hung Redis costs a page milliseconds.
            "BACKEND": "doggydiary.cache_backends.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "doggydiary"),
            "OPTIONS": {
                "socket_connect_timeout": env_int("REDIS_TIMEOUT_MS", 250) / 1000,
                "socket_timeout": env_int("REDIS_TIMEOUT_MS", 250) / 1000,
                "skip_seconds": env_int("REDIS_SKIP_SECONDS", 5),
            },
        }
    }
    # The page cache's counters (doggydiary/generations.py): kept with no expiry, so
    # a Redis evicting only keys with one (volatile-lru) never pushes them out.
    CACHES["generations"] = CACHES["default"]
else:
    # A file cache is shared by every gunicorn worker on one machine, which the page
    # cache's counters need; local memory would give each worker its own. (Throttles
    # and budgets are not kept here but in their own table: doggydiary/throttle.py.)
    CACHE_DIR = Path(os.environ.get("CACHE_DIR", str(VAR_DIR / "cache")))
    CACHES = {
        "default": {
            "BACKEND": "doggydiary.caching.FastFileBasedCache",
            "LOCATION": str(CACHE_DIR),
            "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 2000)},
        },
        # The page cache's counters (doggydiary/generations.py), in a folder of their
        # own that is never culled: a full page cache cannot push one out.
        "generations": {
            "BACKEND": "doggydiary.caching.CounterFileBasedCache",
            "LOCATION": str(CACHE_DIR / "generations"),
        },
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Embedded mode serves media through Django; behind a proxy that serves MEDIA_ROOT
# itself, set SERVE_MEDIA=false.
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Media on object storage (S3 API, through django-storages) when a bucket is named: what
# several application machines share. The settings keep django-storages' own names.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    AWS_ACCESS_KEY_ID = os.environ.get("AWS_ACCESS_KEY_ID") or None
    AWS_SECRET_ACCESS_KEY = os.environ.get("AWS_SECRET_ACCESS_KEY") or None
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    # Pictures are public and named by content or at random: plain, unsigned addresses
    # that browsers and CDNs may keep for a year.
    AWS_QUERYSTRING_AUTH = False
    AWS_S3_FILE_OVERWRITE = True
    AWS_S3_OBJECT_PARAMETERS = {"CacheControl": "public, max-age=31536000, immutable"}
    # A storage that does not answer fails a request in seconds, not minutes.
    from botocore.config import Config as _S3Config

    AWS_S3_CLIENT_CONFIG = _S3Config(
        connect_timeout=env_int("AWS_S3_CONNECT_TIMEOUT", 3),
        read_timeout=env_int("AWS_S3_READ_TIMEOUT", 10),
        retries={"max_attempts": 2, "mode": "standard"},
    )
WHITENOISE_MAX_AGE = 3600
FILE_UPLOAD_PERMISSIONS = 0o644
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000

# Mail: send_mail() anywhere only writes to the outbox table, in the current
# transaction; `manage.py run_worker` delivers it with EMAIL_DELIVERY_BACKEND.
EMAIL_BACKEND = "doggydiary.outbox.backend.OutboxBackend"
EMAIL_DELIVERY_BACKEND = (
    os.environ.get("EMAIL_DELIVERY_BACKEND")
    or os.environ.get("EMAIL_BACKEND")  # the name this setting had before the outbox
    or (
        "django.core.mail.backends.smtp.EmailBackend"
        if os.environ.get("EMAIL_HOST")
        # The console, printing only headers when DEBUG is off (no commenter's text in logs).
        else "doggydiary.mail_console.EmailBackend"
    )
)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)  # seconds the worker waits on the SMTP server
MAIL_PER_RECIPIENT_PER_HOUR = env_int("MAIL_PER_RECIPIENT_PER_HOUR", 10)  # the rest wait
MAIL_MAX_ATTEMPTS = env_int("MAIL_MAX_ATTEMPTS", 8)  # then the message is marked failed
MAIL_LEASE_SECONDS = env_int("MAIL_LEASE_SECONDS", 300)  # a claim older than this is retried
MAIL_KEEP_DAYS = env_int("MAIL_KEEP_DAYS", 90)  # sent mail is kept (privacy export) this long
DIGEST_HOUR = env_int("DIGEST_HOUR", 7)  # the daily new-stories email, in TIME_ZONE
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Doggy Diary <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ADMINS = [("Admin", address) for address in env_list("ADMINS")]

# Background work (imports, picture renditions) is queued in the database and run by
# `manage.py db_worker` (django-tasks, the backport of Django 6's tasks framework).
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# Behind a TLS-terminating proxy: trust its X-Forwarded-Proto and harden cookies.
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", False)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    # Only when every subdomain is served over HTTPS too, so off unless asked for.
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Only staff have sessions; a stolen or forgotten one lasts a working day, not two weeks.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 12 * 60 * 60)

# Failed admin sign-ins (doggydiary/throttle.py): this many in the window lock out one
# account from one address, one address, or one account from everywhere, for a lock
# that doubles from LOGIN_LOCK_SECONDS up to LOGIN_LOCK_MAX_SECONDS.
LOGIN_FAILURE_WINDOW = env_int("LOGIN_FAILURE_WINDOW", 15 * 60)
LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS = env_int("LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS", 5)
LOGIN_FAILURES_PER_ADDRESS = env_int("LOGIN_FAILURES_PER_ADDRESS", 20)
LOGIN_FAILURES_PER_ACCOUNT = env_int("LOGIN_FAILURES_PER_ACCOUNT", 100)
LOGIN_LOCK_SECONDS = env_int("LOGIN_LOCK_SECONDS", 60)
LOGIN_LOCK_MAX_SECONDS = env_int("LOGIN_LOCK_MAX_SECONDS", 15 * 60)

# The page cache for anonymous readers (doggydiary/pagecache.py), kept in CACHES.
PAGE_CACHE = env_bool("PAGE_CACHE", True)
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 24 * 60 * 60)  # exactness is by generation
PAGE_CACHE_LOCK_SECONDS = 30  # longest a render may hold the lock
PAGE_CACHE_WAIT_SECONDS = 2.0  # how long a reader waits for another worker's render
# Comment counts on listings' cards (home, sections, tags, authors) may be this many
# seconds late: a busy discussion re-renders those listings once in that while.
LISTING_COUNTS_SECONDS = env_int("LISTING_COUNTS_SECONDS", 10)
# Parts of reader pages kept between renders (doggydiary/fragments.py).
FRAGMENT_CACHE = env_bool("FRAGMENT_CACHE", True)
# Names the code that made a cached page or fragment; empty: worked out from the files.
RELEASE = os.environ.get("RELEASE", "")
PAGE_CACHE_SKIP_PREFIXES = ("/admin/", "/media/", "/static/", "/preview/", "/healthz")

# /healthz fails when a folder the site writes to has less free space than this.
HEALTHZ_MIN_FREE_MB = env_int("HEALTHZ_MIN_FREE_MB", 100)

# Public pages paginate this many stories.
ARTICLES_PER_PAGE = env_int("ARTICLES_PER_PAGE", 12)
# Story views are written this many seconds after a worker counts the first of a
# batch (articles/readership.py); 0 writes each at once.
READERSHIP_FLUSH_SECONDS = env_int("READERSHIP_FLUSH_SECONDS", 30)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "null": {"class": "logging.NullHandler"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # What a stranger sends (a bad Host, an oversized form) is logged, never mailed
        # to ADMINS: otherwise anyone could flood their inbox. Bad Hosts are only noise.
        "django.security": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "django.security.DisallowedHost": {"handlers": ["null"], "propagate": False},
    },
}

# Comments: every spam and privacy threshold can be changed from the environment.
COMMENT_MIN_SECONDS = env_int("COMMENT_MIN_SECONDS", 3)  # form shown -> sent, at least
COMMENT_RATE_LIMIT = env_int("COMMENT_RATE_LIMIT", 5)  # comments per IP address...
COMMENT_RATE_WINDOW = env_int("COMMENT_RATE_WINDOW", 600)  # ...in this many seconds
COMMENT_MAX_LENGTH = env_int("COMMENT_MAX_LENGTH", 5000)  # characters
COMMENT_IP_RETENTION_DAYS = env_int("COMMENT_IP_RETENTION_DAYS", 30)
COMMENT_COOKIE_DAYS = env_int("COMMENT_COOKIE_DAYS", 365)  # "remember me" lifetime
COMMENT_COOKIE_NAME = "dd_commenter"  # the only cookie a reader can get, and only by asking
# How many proxies in front of gunicorn append to X-Forwarded-For; 0 trusts none
# and uses the connection's own address.
NUM_PROXIES = env_int("NUM_PROXIES", 0)

# Picture uploads: larger files or more pixels are refused with a clear message.
IMAGE_MAX_UPLOAD_MB = env_int("IMAGE_MAX_UPLOAD_MB", 20)
IMAGE_MAX_MEGAPIXELS = env_int("IMAGE_MAX_MEGAPIXELS", 50)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Embedded posts (articles/oembed.py): may the admin ask a post's provider for its
# poster, author and first line when an editor saves it? Off: the editor gives them.
# Readers' browsers never contact a provider before they press a card's button.
EMBED_FETCH_DETAILS = env_bool("EMBED_FETCH_DETAILS", False)
EMBED_OEMBED_ENDPOINTS = {
    "youtube": "https://www.youtube.com/oembed",
    "tiktok": "https://www.tiktok.com/oembed",
    "x": "https://publish.twitter.com/oembed",
}
