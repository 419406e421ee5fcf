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
    "baspa.distribution",
    "baspa.editions",
    "baspa.security",
    "baspa.backups",
    "baspa.importers",
    "baspa.demo",
    "baspa.wagtail_kk",
    "wagtail.contrib.forms",
    "baspa.core.wagtail_apps.RedirectsConfig",  # wagtail.contrib.redirects (see that module)
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "baspa.core.wagtail_apps.SnippetsConfig",  # wagtail.snippets (see that module)
    "baspa.core.wagtail_apps.DocumentsConfig",  # wagtail.documents (see that module)
    "baspa.core.wagtail_apps.ImagesConfig",  # wagtail.images (see that module)
    "wagtail.search",
    "baspa.core.wagtail_apps.LocalesConfig",  # wagtail.locales (see that module)
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_filters",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions and authentication: a cached page costs one cache read, nothing more.
    "baspa.pagecache.middleware.PageCacheMiddleware",
    # After the page cache (each script edition is its own entry), before LocaleMiddleware
    # and URL resolution (the /latyn/ or /tote/ prefix comes off the path).
    "baspa.editions.middleware.ScriptEditionMiddleware",
    # Inside the page cache, so a cached page keeps the policy it was rendered with.
    "baspa.security.headers.ContentSecurityPolicyMiddleware",
    # Outside sessions and every view: what a form's request committed, for the 503 page.
    "baspa.core.middleware.CommittedWritesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A form missing a field its view reads (Wagtail's copy and edit views): 400, not 500.
    "baspa.security.incomplete.IncompleteFormMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into its lockout page.
    "axes.middleware.AxesMiddleware",
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
                "baspa.editions.context_processors.edition_script",
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

AUTHENTICATION_BACKENDS = [
    # First, as django-axes requires: a locked-out username and address is refused before
    # the password is even checked.
    "baspa.accounts.backends.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Newsroom accounts publish to the front page: 12 characters at least (NIST SP 800-63B asks
# for 8 and recommends longer), not the user's name, not a common or all-digit password.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Caches: local memory on the embedded default, Redis when REDIS_URL is set.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        alias: {
            "BACKEND": "baspa.core.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="baspa") + suffix,
            # A Redis that stopped answering costs a reader at most this, then the page is
            # rendered from the database (baspa.core.cache degrades instead of failing).
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
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
# Wagtail looks up (and writes back) each image rendition in its own cache on every page
# view. A rendition never changes once made, so each process keeps them in its memory rather
# than making network round trips for them (Wagtail purges it when an image is deleted; other
# processes forget within the timeout).
CACHES["renditions"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "renditions",
    "TIMEOUT": 600,
    "OPTIONS": {"MAX_ENTRIES": 3000},
}
# The full-page cache for anonymous readers (baspa.pagecache): which cache, how long a page
# may be served before it is rendered again (relative times «3 минут бұрын» age with it),
# and how long concurrent requests wait for the one rendering a missing page.
BASPA_PAGE_CACHE = "pages"
BASPA_PAGE_CACHE_SECONDS = env.int("BASPA_PAGE_CACHE_SECONDS", default=60)
BASPA_PAGE_CACHE_LOCK_SECONDS = 5
# A shared front cache (deploy/nginx/) purged by address on publish, e.g. http://127.0.0.1:8081
BASPA_FRONT_CACHE_PURGE_URL = env.str("BASPA_FRONT_CACHE_PURGE_URL", default="")

# Background tasks: in-process on the embedded default (nothing extra to run). "background"
# is for work the request that causes it must not wait for (the Telegram post): a thread of
# the same process, unless TASKS_BACKEND names a backend with its own workers.
TASKS = {
    "default": {
        "BACKEND": env.str(
            "TASKS_BACKEND", default="django_tasks.backends.immediate.ImmediateBackend"
        ),
    },
    "background": {
        "BACKEND": env.str("TASKS_BACKEND", default="baspa.distribution.backends.ThreadBackend"),
    },
}
# The Telegram Bot API (baspa.distribution); tests point it at a local server.
BASPA_TELEGRAM_API_URL = env.str("BASPA_TELEGRAM_API_URL", default="https://api.telegram.org")

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
# Uploads: 20 MB and 60 megapixels at most (a 60 MP photo decodes to ~240 MB of memory);
# SVG is not an accepted format (it can carry script). baspa.images.forms checks the rest.
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env.int("BASPA_IMAGE_MAX_BYTES", default=20 * 1024 * 1024)
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env.int("BASPA_IMAGE_MAX_PIXELS", default=60_000_000)
WAGTAILIMAGES_IMAGE_FORM_BASE = "baspa.images.forms.PhotoForm"
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ALLOW_UNICODE_SLUGS = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
TAGGIT_CASE_INSENSITIVE = True

LOGIN_URL = "wagtailadmin_login"
# Newsroom sessions end after SESSION_COOKIE_AGE seconds without a request (a shift, 8 hours
# by default): saved on every request, so the expiry slides while an editor works. Readers
# have no session, so this costs the public site nothing.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 8)
SESSION_SAVE_EVERY_REQUEST = True
# The admin's login form, with the one-time code field for accounts that have TOTP.
WAGTAILADMIN_USER_LOGIN_FORM = "baspa.accounts.forms.LoginForm"

# Login throttling (django-axes): BASPA_LOGIN_FAILURE_LIMIT wrong passwords for one username
# from one address lock that pair out for BASPA_LOGIN_COOLOFF_MINUTES. The pair, not the
# username alone, so a stranger cannot lock an editor out from elsewhere.
AXES_FAILURE_LIMIT = env.int("BASPA_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.int("BASPA_LOGIN_COOLOFF_MINUTES", default=15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "baspa.accounts.views.lockout"
AXES_CLIENT_IP_CALLABLE = "baspa.accounts.services.client_ip"
AXES_VERBOSE = False
# Only nginx on this host may say who the client is (X-Forwarded-For); docs/deploy.md.
BASPA_TRUSTED_PROXIES = env.list("BASPA_TRUSTED_PROXIES", default=["127.0.0.1", "::1"])

# Content-Security-Policy (django-csp; baspa/security/headers.py). Readers' pages are cached
# and shared, so no nonce: scripts and styles from the site itself only, no inline script.
# The one inline style is the 500 page's (it loads nothing that could fail again): by hash.
CSP_STYLE_500 = "'sha256-2vlH9LrAuoaW3assikh9IcgQnzmFJQaPFmjyc+dN/go='"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", CSP_STYLE_500],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "manifest-src": ["'self'"],
        # Video and post embeds (Wagtail's oEmbed finders) are iframes from these hosts.
        "frame-src": env.list(
            "BASPA_CSP_FRAME_SRC",
            default=["https://www.youtube.com", "https://www.youtube-nocookie.com"],
        ),
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}
# The Wagtail admin: its editor and preview panel still need inline styles and scripts, it
# frames its own previews, and it is only for signed-in staff (never cached).
BASPA_ADMIN_PATH_PREFIXES = ("/admin/",)
BASPA_ADMIN_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "frame-src": ["'self'", *CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-src"]],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

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
