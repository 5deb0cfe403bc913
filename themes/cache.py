"""Per-site cached navigation data, invalidated by bumping the site's version number.

Bumping a version instead of deleting keys works the same on the in-process cache and on Redis,
and needs no list of what was cached.
"""

from collections.abc import Callable
from typing import Any

from django.core.cache import cache

VERSION_KEY = "themes:site-version:{site_id}"
FRAGMENT_TIMEOUT = 60 * 60


def site_version(site_id: int) -> int:
    return cache.get_or_set(VERSION_KEY.format(site_id=site_id), 1, None)


def purge_site(site_id: int) -> None:
    """Make every cached fragment of `site_id` stale."""
    key = VERSION_KEY.format(site_id=site_id)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 2, None)


def cached_for_site(site_id: int, name: str, build: Callable[[], Any]) -> Any:
    """Return the cached value `name` of `site_id`, building and storing it when missing."""
    key = f"themes:site:{site_id}:v{site_version(site_id)}:{name}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, FRAGMENT_TIMEOUT)
    return value
