"""Test settings: the same engines as production would pick from the environment, made fast."""

import os
import tempfile
import warnings

os.environ.setdefault("SECRET_KEY", "test-only-secret-key")
os.environ.setdefault("ALLOWED_HOSTS", "*")
# Tests change pages without committing, so the page cache is on only where a test turns it on.
os.environ.setdefault("PAGE_CACHE_SECONDS", "0")
# The footer's national filing sites are not reachable from a machine without internet access.
os.environ.setdefault("AUDITS_UNCHECKED_HOSTS", "bszs.conac.cn,beian.miit.gov.cn,beian.mps.gov.cn")

from .base import *  # noqa: F403

DEMO_USERS_ALLOWED = True
# The suite seeds the demo once for every test; the audit tests run their own audits.
AUDITS_AUDIT_ON_SEED = False
SERVE_MEDIA = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
WHITENOISE_USE_FINDERS = True
# A private folder, unless a test names one for a server or command it starts.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or tempfile.mkdtemp(prefix="cluster-test-media-"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory, so that servers started by tests in other processes see the same data.
    DATABASES["default"]["TEST"] = {"NAME": str(Path(tempfile.mkdtemp(prefix="cluster-test-db-")) / "test.sqlite3")}
    DATABASES["default"]["OPTIONS"]["init_command"] = "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;"
if not REDIS_URL and "CACHE_DIR" not in os.environ:
    CACHES["default"]["LOCATION"] = tempfile.mkdtemp(prefix="cluster-test-cache-")
WAGTAILADMIN_BASE_URL = "http://www.localhost"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Quiet, but every logger stays enabled so tests can read what the code logs.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"null": {"class": "logging.NullHandler"}},
    "root": {"handlers": ["null"]},
}

# Static files come from the app folders here; there is no collected STATIC_ROOT to find.
warnings.filterwarnings("ignore", message="No directory at", module="whitenoise.base")
