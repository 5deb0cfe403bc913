"""Production: base settings plus the security flags a public government site needs."""

from .base import *  # noqa: F403
from .env import env_bool, env_int, env_list, env_str

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)

SILENCED_SYSTEM_CHECKS = [
    # X_FRAME_OPTIONS stays SAMEORIGIN: Wagtail's page preview frames the site inside its own admin.
    "security.W019",
    # Joining the browsers' HSTS preload list binds every subdomain of a government domain for
    # years; it is a decision for the domain's owner, made with SECURE_HSTS_PRELOAD.
    "security.W021",
]
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# nginx serves published pages from here (deploy/nginx/cluster.conf.template sends the headers above).
STATIC_PAGES_ROOT = env_str("STATIC_PAGES_ROOT", str(BASE_DIR / "published_pages"))

# Cluster administrators work on every site: their accounts must not fall to a password alone.
TWO_FACTOR_REQUIRED_GROUPS = env_list("TWO_FACTOR_REQUIRED_GROUPS", [CLUSTER_ADMIN_GROUP_NAME])
TWO_FACTOR_REQUIRED_FOR_SUPERUSERS = env_bool("TWO_FACTOR_REQUIRED_FOR_SUPERUSERS", True)
# An admin session left alone ends: every request renews it, SESSION_IDLE_MINUTES of silence ends it.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 30) * 60
SESSION_SAVE_EVERY_REQUEST = True
