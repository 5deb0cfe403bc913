"""The client's address behind a counted number of proxies, and the login lockout that relies on it."""

from http import HTTPStatus

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory
from django.urls import reverse

from cms.client_ip import client_ip

SOCKET = "10.0.0.2"


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "expected"),
    [
        (0, None, SOCKET),
        (0, "203.0.113.7", SOCKET),
        (0, "198.51.100.1, 203.0.113.7", SOCKET),
        (1, None, SOCKET),
        (1, "", SOCKET),
        (1, " , ", SOCKET),
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "198.51.100.1, 203.0.113.7", "203.0.113.7"),
        (1, "198.51.100.1,203.0.113.7 ", "203.0.113.7"),
        (2, "198.51.100.1, 203.0.113.7, 10.0.0.1", "203.0.113.7"),
        (2, "203.0.113.7", "203.0.113.7"),
        (1, "2001:DB8::1", "2001:db8::1"),
        # Entries a proxy would never write fall back to the socket, never reach the database.
        (1, "198.51.100.1, not-an-address", SOCKET),
        (1, "203.0.113.7:443", SOCKET),
        (1, "203.0.113.7' OR 1=1", SOCKET),
        (1, "1" * 5000, SOCKET),
    ],
)
def test_client_ip__counts_trusted_proxies_from_the_right(settings, proxies, forwarded_for, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    headers = {} if forwarded_for is None else {"HTTP_X_FORWARDED_FOR": forwarded_for}
    request = RequestFactory().get("/", REMOTE_ADDR=SOCKET, **headers)
    assert client_ip(request) == expected


def test_client_ip__without_a_socket_address_is_unknown(settings):
    request = RequestFactory().get("/")
    del request.META["REMOTE_ADDR"]
    assert client_ip(request) is None


def test_settings__ignore_forwarded_for_unless_proxies_are_configured():
    from django.conf import settings

    assert settings.TRUSTED_PROXY_COUNT == 0
    assert settings.AXES_CLIENT_IP_CALLABLE == "cms.client_ip.client_ip"


def login(client, password: str, *, remote_addr: str, forwarded_for: str):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": "xinzhou_editor", "password": password},
        HTTP_HOST="www.localhost",
        REMOTE_ADDR=remote_addr,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


@pytest.mark.django_db
def test_lockout__without_proxies_ignores_a_rotating_forwarded_for(client, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = login(client, "wrong", remote_addr="203.0.113.7", forwarded_for=f"198.51.100.{attempt}")
        assert response.status_code == HTTPStatus.OK
    locked = login(client, "wrong", remote_addr="203.0.113.7", forwarded_for="198.51.100.200")
    assert locked.status_code == HTTPStatus.TOO_MANY_REQUESTS
    right = login(client, "Demo@2026", remote_addr="203.0.113.7", forwarded_for="198.51.100.201")
    assert right.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.7"}


@pytest.mark.django_db
def test_lockout__behind_one_proxy_locks_the_client_the_proxy_saw(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        # The client forges the left part; the proxy appends the address it really saw.
        response = login(client, "wrong", remote_addr=proxy, forwarded_for=f"198.51.100.{attempt}, 203.0.113.7")
        assert response.status_code == HTTPStatus.OK
    locked = login(client, "wrong", remote_addr=proxy, forwarded_for="198.51.100.200, 203.0.113.7")
    assert locked.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.7"}
    # Another client behind the same proxy is not locked out by someone else's failures.
    other = login(client, "Demo@2026", remote_addr=proxy, forwarded_for="203.0.113.8")
    assert other.status_code == HTTPStatus.FOUND
