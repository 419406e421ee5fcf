"""Settings shared by every environment, read from the environment through django-environ.

An integration switches on because its variable is set, and only here:
DATABASE_URL (PostgreSQL), REDIS_URL (cache and tasks), AWS_STORAGE_BUCKET_NAME (S3 media).
"""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

# Where the embedded default keeps its database and media: ./var unless BASPA_HOME says otherwise.
BASPA_HOME = Path(env.str("BASPA_HOME", default=str(Path.cwd() / "var"))).resolve()

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Baspa's apps come first: their templates and catalogs take precedence over Wagtail's.
    "baspa.core",
    "baspa.accounts",
    "baspa.images",
    "baspa.content",
    "baspa.search",
    "baspa.newsroom",
    "baspa.pagecache",
    "baspa.importers",
    "baspa.demo",
    "baspa.wagtail_kk",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions and authentication: a cached page costs one cache read, nothing more.
    "baspa.pagecache.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "baspa.urls"
WSGI_APPLICATION = "baspa.wsgi.application"

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
                "wagtail.contrib.settings.context_processors.settings",
                "baspa.core.context_processors.site_chrome",
            ],
        },
    },
]

# Databases: the embedded default is SQLite in BASPA_HOME; DATABASE_URL switches to PostgreSQL.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASPA_HOME / 'baspa.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while the scheduler or an editor writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
WAGTAILIMAGES_IMAGE_MODEL = "images.Photo"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Caches: local memory on the embedded default, Redis when REDIS_URL is set.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        alias: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="baspa") + suffix,
        }
        for alias, suffix in (("default", ""), ("pages", ":pages"))
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
    }
# The full-page cache for anonymous readers (baspa.pagecache): which cache, how long a page
# may be served before it is rendered again (relative times «3 минут бұрын» age with it),
# and how long concurrent requests wait for the one rendering a missing page.
BASPA_PAGE_CACHE = "pages"
BASPA_PAGE_CACHE_SECONDS = env.int("BASPA_PAGE_CACHE_SECONDS", default=60)
BASPA_PAGE_CACHE_LOCK_SECONDS = 5
# A shared front cache (deploy/nginx/) purged by address on publish, e.g. http://127.0.0.1:8081
BASPA_FRONT_CACHE_PURGE_URL = env.str("BASPA_FRONT_CACHE_PURGE_URL", default="")

# Background tasks: in-process on the embedded default (nothing extra to run).
TASKS = {
    "default": {
        "BACKEND": env.str(
            "TASKS_BACKEND", default="django_tasks.backends.immediate.ImmediateBackend"
        ),
    }
}

# Languages: Kazakh is the site's default; Russian is the second edition; English for the admin.
LANGUAGE_CODE = "kk"
LANGUAGES = [
    ("kk", _("Kazakh")),
    ("ru", _("Russian")),
    ("en", _("English")),
]
# The public site is published in these; English exists only for the admin.
WAGTAIL_CONTENT_LANGUAGES = [("kk", _("Kazakh")), ("ru", _("Russian"))]
WAGTAIL_I18N_ENABLED = True
WAGTAILADMIN_PERMITTED_LANGUAGES = [("kk", "Қазақша"), ("ru", "Русский"), ("en", "English")]
# Baspa's own catalogs first; then the Kazakh catalog of Wagtail's admin, which must be on
# LOCALE_PATHS (not only an app's locale/) for Wagtail's JavaScript catalog to find it.
LOCALE_PATHS = [PACKAGE_DIR / "locale", PACKAGE_DIR / "wagtail_kk" / "locale"]
# Django ships no Kazakh format module: baspa/formats/kk/ is ours.
FORMAT_MODULE_PATH = ["baspa.formats"]
USE_I18N = True
USE_TZ = True
# The newsroom's clock: Asia/Almaty, UTC+5 since 1 March 2024 (tzdata 2024a).
TIME_ZONE = "Asia/Almaty"
WAGTAIL_USER_TIME_ZONES = ["Asia/Almaty", "Asia/Aqtobe", "Asia/Oral", "Europe/Moscow", "UTC"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASPA_HOME / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASPA_HOME / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if env.str("AWS_STORAGE_BUCKET_NAME", default=""):
    # S3-compatible media: needs django-storages[s3] (the `s3` extra).
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}

WAGTAIL_SITE_NAME = env.str("BASPA_SITE_NAME", default="Baspa")
WAGTAILADMIN_BASE_URL = env.str("BASPA_BASE_URL", default="http://127.0.0.1:8000")
# Reader search (baspa.search): queries are cut to this many characters and analysed terms,
# and a search that runs longer than this is stopped and answered with a notice.
BASPA_SEARCH_MAX_QUERY_LENGTH = 200
BASPA_SEARCH_MAX_TERMS = 10
BASPA_SEARCH_TIMEOUT_MS = env.int("BASPA_SEARCH_TIMEOUT_MS", default=2000)
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "txt", "csv"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 60_000_000
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ALLOW_UNICODE_SLUGS = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
TAGGIT_CASE_INSENSITIVE = True

LOGIN_URL = "wagtailadmin_login"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 12)

# How often `baspa serve` publishes scheduled articles, in seconds.
BASPA_SCHEDULER_INTERVAL = env.int("BASPA_SCHEDULER_INTERVAL", default=30)
# An article whose go-live time is this many seconds past and still not live is overdue.
BASPA_OVERDUE_GRACE = env.int("BASPA_OVERDUE_GRACE", default=120)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
    "loggers": {"baspa": {"level": env.str("LOG_LEVEL", default="INFO")}},
}
