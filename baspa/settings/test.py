"""Settings for the test suite: the embedded default, fast password hashing, isolated files."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import env

SECRET_KEY = "baspa-tests"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="baspa-test-media-"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
if env.str("DATABASE_URL", default="").startswith("postgres"):
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405

# A file, not memory: the scheduler and server tests start `baspa` processes that must see
# the test database.
BASPA_HOME = Path(tempfile.mkdtemp(prefix="baspa-test-home-"))
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    if not env.str("DATABASE_URL", default=""):
        DATABASES["default"]["NAME"] = str(BASPA_HOME / "baspa.sqlite3")  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(BASPA_HOME / "test.sqlite3")}  # noqa: F405
STATIC_ROOT = BASPA_HOME / "static"
