"""The client's address, trusting X-Forwarded-For only as far as the configured proxies go."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """The address of the client that sent `request`.

    With `TRUSTED_PROXY_COUNT` 0 the socket's address (REMOTE_ADDR) is the client and X-Forwarded-For,
    which anyone can send, is ignored. Behind N proxies each appends the address it saw, so the client
    is the N-th entry from the right: entries further left were written by the client and prove nothing.
    An entry that is not an IP address means a proxy is misconfigured; the socket's address is used then.
    """
    remote_addr = request.META.get("REMOTE_ADDR") or None
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote_addr
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if not hops:
        return remote_addr
    # Fewer hops than proxies: the request skipped the outer ones, and the leftmost hop is the nearest truth.
    candidate = hops[-min(proxies, len(hops))]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote_addr
