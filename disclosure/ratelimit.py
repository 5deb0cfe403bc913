"""How often one client may submit requests or look one up, counted in the shared cache so every worker agrees."""

import time

from django.core.cache import cache

# (window in seconds, submissions allowed in it) per client address.
SUBMIT_LIMITS = ((600, 5), (86400, 20))
LOOKUP_LIMITS = ((60, 10), (3600, 60))


def retry_after(kind: str, address: str | None, limits) -> int | None:
    """Count one `kind` action from `address`; the seconds to wait if it is over a limit, else None."""
    now = time.time()
    for window, allowed in limits:
        key = f"disclosure:{kind}:{address or 'unknown'}:{window}:{int(now // window)}"
        cache.add(key, 0, window)
        try:
            count = cache.incr(key)
        except ValueError:  # the entry expired between add and incr
            cache.set(key, 1, window)
            count = 1
        if count > allowed:
            return max(1, int(window - now % window))
    return None
