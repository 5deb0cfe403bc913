"""Per-site cache versions, true across processes and hosts.

Every cached page and fragment of a site is keyed by the site's version, so making all of them
stale is one atomic increment (`purge_sites`) and needs no list of what was cached. The versions
live in the database, the one store that every worker, command and host shares; each process
reads all of them in one query at most once per `SITE_CACHE_VERSION_TTL` seconds, so a change
made by any process reaches every visitor within that time, at no cost per request.
"""

import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import F

from sites import static_pages
from sites.models import SiteCacheVersion

FRAGMENT_TIMEOUT = 60 * 60

_lock = threading.Lock()
_versions: dict[int, int] = {}
_read_at = float("-inf")


def site_version(site_id: int) -> int:
    """The current cache version of `site_id`, at most `SITE_CACHE_VERSION_TTL` seconds old."""
    global _versions, _read_at  # noqa: PLW0603 (the process-wide memo of the versions table)
    if time.monotonic() - _read_at >= settings.SITE_CACHE_VERSION_TTL:
        with _lock:
            if time.monotonic() - _read_at >= settings.SITE_CACHE_VERSION_TTL:
                _versions = dict(SiteCacheVersion.objects.values_list("site_id", "version"))
                _read_at = time.monotonic()
    return _versions.get(site_id, 0)


def forget_versions() -> None:
    """Make the next `site_version` read the database again."""
    global _read_at  # noqa: PLW0603
    _read_at = float("-inf")


def purge_sites(site_ids: Iterable[int]) -> None:
    """Make every cached page and fragment of these sites stale, in every process, and remove their page files."""
    site_ids = sorted(set(site_ids))
    if not site_ids:
        return
    SiteCacheVersion.objects.bulk_create([SiteCacheVersion(site_id=pk) for pk in site_ids], ignore_conflicts=True)
    SiteCacheVersion.objects.filter(site_id__in=site_ids).update(version=F("version") + 1)
    forget_versions()
    static_pages.remove_sites(site_ids)


def cached_for_site(site_id: int, name: str, build: Callable[[], Any]) -> Any:
    """Return the cached value `name` of `site_id`, building and storing it when missing."""
    key = f"sites:fragment:{site_id}:v{site_version(site_id)}:{name}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, FRAGMENT_TIMEOUT)
    return value
