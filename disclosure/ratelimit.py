"""How often one client may submit requests or look one up (per client address)."""

from cms.ratelimit import retry_after

SUBMIT_LIMITS = ((600, 5), (86400, 20))
LOOKUP_LIMITS = ((60, 10), (3600, 60))


def submit_retry_after(address: str | None) -> int | None:
    return retry_after("disclosure:submit", address, SUBMIT_LIMITS)


def lookup_retry_after(address: str | None) -> int | None:
    return retry_after("disclosure:lookup", address, LOOKUP_LIMITS)
