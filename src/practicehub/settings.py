"""Django settings, read from the environment.

With nothing set, Practice Hub runs on a SQLite file in its data folder with a secret key it
generates once and keeps there: a laptop needs no set-up. A server sets ``DATABASE_URL``
(``postgres://...``), ``SECRET_KEY``, ``ALLOWED_HOSTS`` and ``PRACTICEHUB_DATA_DIR``.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from practicehub.env import env_bool, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parent
_CHECKOUT = PACKAGE_DIR.parent.parent


def _default_data_dir() -> Path:
    # A source checkout keeps its data beside the code; an installed package uses the user's
    # data folder.
    if (_CHECKOUT / "pyproject.toml").exists():
        return _CHECKOUT / "data"
    return Path.home() / ".local" / "share" / "practicehub"


DATA_DIR = Path(env_str("PRACTICEHUB_DATA_DIR") or _default_data_dir()).expanduser().resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)
ORIGINALS_DIR = DATA_DIR / "originals"

DEBUG = env_bool("DEBUG", False)


def _secret_key() -> str:
    key = env_str("SECRET_KEY")
    if key:
        if len(key) < 32 and not DEBUG:
            raise ImproperlyConfigured("SECRET_KEY must be at least 32 characters long")
        return key
    # Zero set-up: generate a key once and keep it in the data folder, readable by us only.
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        key_file.chmod(0o600)
    return key_file.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    # django-ninja as an app so that its Swagger UI is served from our static files, offline.
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "practicehub.documents",
    "practicehub.catalogue",
    "practicehub.vocab",
    "practicehub.search",
    "practicehub.semantic",
    "practicehub.web",
    "practicehub.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "practicehub.web.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "practicehub.api.cors.ApiCorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "practicehub.urls"
WSGI_APPLICATION = "practicehub.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

_default_db = f"sqlite:///{DATA_DIR / 'practicehub.sqlite3'}"
try:
    DATABASES = {
        # Connections are kept between requests (opening one costs a PostgreSQL server a new
        # process: ~20 ms of a search request's p95 at 100,000 records), and checked before a
        # request uses one, so a restarted database costs one reconnect, not an error page.
        "default": dj_database_url.parse(
            env_str("DATABASE_URL") or _default_db,
            conn_max_age=env_int("DB_CONN_MAX_AGE", 600),
            conn_health_checks=True,
        )
    }
except ValueError as exc:
    raise ImproperlyConfigured(f"DATABASE_URL is not a database URL: {exc}") from exc
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while a bulk ingest writes; a busy timeout instead of
    # "database is locked" errors under a second writer.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
# pytest-django names the test database after this; several checkouts on one server each set
# their own so their test runs do not collide.
_test_db_name = env_str("PRACTICEHUB_TEST_DB_NAME")
if _test_db_name:
    DATABASES["default"]["TEST"] = {"NAME": _test_db_name}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Vectors by text, kept beside the database so a second database on this machine (a restore,
# an evaluation, the test suite's PostgreSQL half) does not embed the same texts again.
# "off" keeps no such file.
_vector_cache = env_str("PRACTICEHUB_VECTOR_CACHE") or str(DATA_DIR / "vector-cache.sqlite3")
SEMANTIC_VECTOR_CACHE = None if _vector_cache == "off" else Path(_vector_cache).expanduser()

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("lt", "Lietuvių")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Vilnius"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if DEBUG:
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}

# The public address of the site: the stable URIs of records and organisations in exports
# (JSON-LD) are built on it.
BASE_URL = env_str("PRACTICEHUB_BASE_URL", "http://localhost:8000").rstrip("/")
if not BASE_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured(f"PRACTICEHUB_BASE_URL={BASE_URL!r} must start with http(s)://")

SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True

# Ingestion limits; each can be raised for an unusual collection.
MAX_UPLOAD_BYTES = env_int("PRACTICEHUB_MAX_FILE_BYTES", 50 * 1024 * 1024)
# Largest total size the parts of a DOCX/ODT may unpack to, and the largest ratio of unpacked
# to packed bytes: a real Office file stays well below both, a zip bomb does not.
MAX_UNPACKED_BYTES = env_int("PRACTICEHUB_MAX_UNPACKED_BYTES", 500 * 1024 * 1024)
MAX_COMPRESSION_RATIO = env_int("PRACTICEHUB_MAX_COMPRESSION_RATIO", 200)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
