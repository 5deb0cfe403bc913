"""Local development: embedded engines, debug pages, demo accounts."""

import contextlib
import os
import warnings

os.environ.setdefault("SECRET_KEY", "dev-only-secret-key-not-for-production")
# Template changes show at once while developing; set PAGE_CACHE_SECONDS to try the page cache.
os.environ.setdefault("PAGE_CACHE_SECONDS", "0")
# The footer's national filing sites are not reachable from a machine without internet access.
os.environ.setdefault("AUDITS_UNCHECKED_HOSTS", "bszs.conac.cn,beian.miit.gov.cn,beian.mps.gov.cn")
os.environ.setdefault("ALLOWED_HOSTS", ".localhost,localhost,127.0.0.1,[::1]")

from .base import *  # noqa: F403

DEBUG = True
DEMO_USERS_ALLOWED = True
SERVE_MEDIA = True
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

with contextlib.suppress(ImportError):
    from .local import *  # noqa: F403

# Static files come from the app folders here; there is no collected STATIC_ROOT to find.
warnings.filterwarnings("ignore", message="No directory at", module="whitenoise.base")
