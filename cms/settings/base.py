"""Production-safe settings shared by every environment.

Nothing here is a development convenience: DEBUG is off, the secret key has no default, and the
database, channel layer and cache are chosen from environment variables.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from .env import env_bool, env_float, env_int, env_list, env_required, env_str

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

SECRET_KEY = env_required(
    "SECRET_KEY",
    "请设置为一个长且随机的字符串 / set it to a long random string, "
    "e.g. python -c 'import secrets; print(secrets.token_urlsafe(50))'",
)
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "cms",
    "sites",
    "themes",
    "interviews",
    "audits",
    "disclosure",
    "operations",
    "publishing",
    "search",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    # Wagtail's users app, its group views logging permission changes to the security log.
    "operations.users_app.UsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "channels",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # First: health probes are answered whatever the Host, scheme or session.
    "operations.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before CSRF and login checks: on a host that is not the admin's, the admin does not exist.
    "cms.middleware.AdminHostMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The security log names the actor and address of changes made while a request is answered.
    "operations.security_log.SecurityLogMiddleware",
    # Whether the session was verified by a TOTP device; then, where required, nothing else until it is.
    "django_otp.middleware.OTPMiddleware",
    "operations.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "cms.middleware.AdminPermissionDeniedMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "themes.middleware.ThemeMiddleware",
    "csp.middleware.CSPMiddleware",
    # Inside the security, CSP and session middleware, so a cached page still gets their headers.
    "sites.page_cache.PageCacheMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # The demo accounts' published password is refused where demo users are not allowed.
    "sites.demo.accounts.DemoPasswordBackend",
    "django.contrib.auth.backends.ModelBackend",
]
WAGTAILADMIN_USER_LOGIN_FORM = "operations.forms.AdminLoginForm"

ROOT_URLCONF = "cms.urls"
# The admin's address: its own path, and where set the one host name it answers on (404 on every other).
ADMIN_PATH = env_str("ADMIN_PATH", "admin").strip("/") or "admin"
ADMIN_HOSTNAME = env_str("ADMIN_HOSTNAME").strip().lower()
ASGI_APPLICATION = "cms.asgi.application"
WSGI_APPLICATION = "cms.wsgi.application"

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
            ],
        },
    },
]

# Database: SQLite file unless DATABASE_URL names a real engine.
DATABASES = {"default": dj_database_url.parse(env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"))}
_SQLITE = DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
# On SQLite a connection is an open file, and closing the last one checkpoints the WAL (a write
# and a sync) on every request and every interview action: it stays open unless told otherwise.
DATABASES["default"]["CONN_MAX_AGE"] = env_int("DB_CONN_MAX_AGE", 600 if _SQLITE else 0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if _SQLITE:
    # Several workers share one file: readers never wait for a writer (WAL), writers queue for
    # the lock instead of failing, and a transaction that will write takes the lock at once.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Channel layer and cache: in-process unless REDIS_URL is set.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    # Pub/sub: each process subscribes once per interview and fans out to its own viewers
    # (interviews/hub.py); nothing is queued per viewer in Redis, so no per-channel capacity drops.
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {"hosts": [{"address": REDIS_URL, "max_connections": env_int("REDIS_MAX_CONNECTIONS", 1000)}]},
        }
    }
    CACHES = {
        "default": {
            # Django's Redis cache, answering "not cached" instead of failing while Redis is down.
            "BACKEND": "operations.cache.DegradingRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "cluster"),
            # An unreachable Redis fails a request (and /readyz) within seconds instead of hanging it.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    # Files, not process memory: every worker of one host shares them, so what one process
    # caches or purges (Wagtail's site root paths included) is true for all of them.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env_str("CACHE_DIR", str(BASE_DIR / "var" / "cache")),
            "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 50_000)},
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # Every account can sign in to the admin: the length asked of staff, with a Chinese message.
    {"NAME": "cms.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": env_int("PASSWORD_MIN_LENGTH", 12)}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Chinese first: the admin and every public page speak zh-hans on Beijing time.
LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "Y-m-d"
DATETIME_FORMAT = "Y-m-d H:i"
SHORT_DATE_FORMAT = "Y-m-d"
LANGUAGES = [("zh-hans", "简体中文")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "static_collected")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Where `manage.py backup_cluster` writes its archives when given no file.
BACKUP_DIR = Path(env_str("BACKUP_DIR", str(BASE_DIR / "backups")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "上饶市政府网站群"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://www.localhost:8000")
# Wagtail's search (the admin): images, documents and snippets in bigrams; pages from the cluster's index.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.admin_backend"}}
# The cluster's own search (search/): the database's engine unless ELASTICSEARCH_URL is set.
SEARCH_ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL")
SEARCH_ELASTICSEARCH_INDEX = env_str("ELASTICSEARCH_INDEX", "cluster-search")
SEARCH_ELASTICSEARCH_REPLICAS = env_int("ELASTICSEARCH_REPLICAS", 1)
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "doc",
    "docx",
    "xls",
    "xlsx",
    "ppt",
    "pptx",
    "odt",
    "ods",
    "txt",
    "csv",
    "zip",
    "rar",
    "ofd",
]
# Upload limits per kind; every upload is checked by content as well as by name (cms/uploads.py).
WAGTAILDOCS_MAX_UPLOAD_SIZE = env_int("DOCUMENT_MAX_UPLOAD_MB", 50) * 1024 * 1024
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cms.document_forms.DocumentForm"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_int("IMAGE_MAX_UPLOAD_MB", 10) * 1024 * 1024
# Every image is decoded whole to make renditions: a pixel count beyond this (a decompression bomb
# declares billions in a few bytes) is refused before anything is decoded.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env_int("IMAGE_MAX_PIXELS", 50_000_000)
# Every image needs its alternative text (description) before it is saved (cms.image_forms.ImageForm).
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.image_forms.ImageForm"

# Group names are data the code looks up, so they live in one place.
CLUSTER_ADMIN_GROUP_NAME = "站群管理员"
AUDITS_ASSESSOR_GROUP_NAME = "网站考核员"
SITE_EDITOR_GROUP_SUFFIX = "编辑"
SITE_REVIEWER_GROUP_SUFFIX = "审核"
SITE_SECRECY_REVIEWER_GROUP_SUFFIX = "保密审查"

# A site's workflow (审核 → 保密审查) publishes what it approved, whoever approved last.
WAGTAIL_FINISH_WORKFLOW_ACTION = "publishing.approval.publish_approved"

# Two-factor admin login (TOTP): the groups whose members must use it, and superusers. Anyone may enrol.
TWO_FACTOR_REQUIRED_GROUPS = env_list("TWO_FACTOR_REQUIRED_GROUPS")
TWO_FACTOR_REQUIRED_FOR_SUPERUSERS = env_bool("TWO_FACTOR_REQUIRED_FOR_SUPERUSERS", False)
# The name authenticator apps show for the account.
OTP_TOTP_ISSUER = "上饶市政府网站群"

# Demo accounts with well-known passwords may only ever be created where this is on.
DEMO_USERS_ALLOWED = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # Each publish logs a line and each background task two; keep them out of command output.
    "loggers": {
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        # One line per request an audit crawl makes.
        "httpx": {"level": "WARNING"},
    },
}

# Paths no crawler should follow: the admin at its well-known path (a path of its own is not named in a
# public file), and the 适老化 preference links on every page (each only sets a cookie and returns).
ROBOTS_DISALLOW = ["/admin/", "/care/"] if ADMIN_PATH == "admin" else ["/care/"]

# Brute-force protection for the admin login: lock a username from an address after repeated failures.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "cms/locked_out.html"
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "cms.client_ip.client_ip"

# Reverse proxies in front of the app (nginx: 1). Their X-Forwarded-For entries name the client; with 0
# the header is ignored, as anyone can send it. The server must not rewrite the address itself (uvicorn
# runs with --no-proxy-headers), or the proxies would be counted twice.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# Content Security Policy for the public sites. The admin is Wagtail's own and keeps its defaults.
# Pages carry no inline style or script (branding colours come from /site.css), so no nonce is
# needed and a page can be cached whole. Style attributes stay allowed: the sanitizer lets through
# text-align and the like in article bodies.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": [f"/{ADMIN_PATH}/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:", "https:"],
        "style-src": [SELF],
        "style-src-attr": ["'unsafe-inline'"],
        "script-src": [SELF],
        # An interview's video stream (HLS or MP4) may come from the broadcaster's own server.
        "media-src": [SELF, "https:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    },
}

# Whole public pages cached for anonymous visitors; publishing purges a site's pages at once.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
# How often each process reads the per-site cache versions from the database: the longest a
# change made by another process can stay unseen.
SITE_CACHE_VERSION_TTL = env_float("SITE_CACHE_VERSION_TTL", 1.0)
# Where the pages the page cache stores are also written as files for nginx to serve (sites/static_pages.py);
# every process that publishes must see the same folder. Empty: off.
STATIC_PAGES_ROOT = env_str("STATIC_PAGES_ROOT", "")

SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "SAMEORIGIN"
SESSION_COOKIE_HTTPONLY = True
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
# Mail is sent while a request is answered: a mail server that hangs must not hold it long.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVE_MEDIA = env_bool("SERVE_MEDIA", False)

# Site audits (网站绩效评估): how far and how fast the crawl of each site goes.
AUDITS_MAX_PAGES = env_int("AUDITS_MAX_PAGES", 500)
AUDITS_FETCH_TIMEOUT = env_float("AUDITS_FETCH_TIMEOUT", 15.0)
AUDITS_CONCURRENCY = env_int("AUDITS_CONCURRENCY", 4)
# Where the cluster's own hosts are fetched from (e.g. http://127.0.0.1:8000); empty: their DNS names.
AUDITS_SERVER = env_str("AUDITS_SERVER", "")
# External hosts whose links are not fetched, such as the national filing sites on an offline machine.
AUDITS_UNCHECKED_HOSTS = env_list("AUDITS_UNCHECKED_HOSTS")
# `seed_demo` audits every site once, so the reports are never empty.
AUDITS_AUDIT_ON_SEED = env_bool("AUDITS_AUDIT_ON_SEED", True)

# The security log (operations.security_log) keeps this many days; the Cybersecurity Law (art. 21)
# asks network logs to be kept at least six months, which a system check enforces.
SECURITY_LOG_RETENTION_DAYS = env_int("SECURITY_LOG_RETENTION_DAYS", 365)
