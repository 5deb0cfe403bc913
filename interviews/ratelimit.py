"""How often one client may ask questions (per client address)."""

from cms.ratelimit import retry_after

QUESTION_LIMITS = ((60, 3), (3600, 20))


def question_retry_after(address: str) -> int | None:
    """Count a question from `address`; the seconds to wait if it is over a limit, else None."""
    return retry_after("interviews:questions", address, QUESTION_LIMITS)
