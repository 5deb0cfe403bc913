"""How often one client may do something, counted in the shared cache so every worker agrees."""

import time

from django.core.cache import cache

# (window in seconds, actions allowed in it): each app names its own.
Limits = tuple[tuple[int, int], ...]


def retry_after(action: str, address: str | None, limits: Limits) -> int | None:
    """Count one `action` from `address`; the seconds to wait if it is over a limit, else None."""
    now = time.time()
    for window, allowed in limits:
        key = f"ratelimit:{action}:{address or 'unknown'}:{window}:{int(now // window)}"
        cache.add(key, 0, window)
        try:
            count = cache.incr(key)
        except ValueError:  # the entry expired between add and incr
            cache.set(key, 1, window)
            count = 1
        if count > allowed:
            return max(1, int(window - now % window))
    return None
