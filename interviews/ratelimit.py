"""How often one client may ask questions, counted in the shared cache so every worker agrees."""

import time

from django.core.cache import cache

# (window in seconds, questions allowed in it) per client address.
QUESTION_LIMITS = ((60, 3), (3600, 20))


def question_retry_after(address: str) -> int | None:
    """Count a question from `address`; the seconds to wait if it is over a limit, else None."""
    now = time.time()
    for window, allowed in QUESTION_LIMITS:
        key = f"interviews:questions:{address}:{window}:{int(now // window)}"
        cache.add(key, 0, window)
        try:
            count = cache.incr(key)
        except ValueError:  # the entry expired between add and incr
            cache.set(key, 1, window)
            count = 1
        if count > allowed:
            return max(1, int(window - now % window))
    return None
