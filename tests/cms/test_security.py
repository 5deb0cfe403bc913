"""Login brute-force lockout and the public sites' Content Security Policy."""

import re
from http import HTTPStatus

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def login(client, password: str):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": "xinzhou_editor", "password": password},
        HTTP_HOST="www.localhost",
        REMOTE_ADDR="203.0.113.7",
    )


def test_admin_login__locks_after_repeated_failures(client, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "wrong").status_code == HTTPStatus.OK
    locked = login(client, "wrong")
    assert locked.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "登录已暂时锁定" in locked.content.decode()
    assert login(client, "Demo@2026").status_code == HTTPStatus.TOO_MANY_REQUESTS


def test_admin_login__succeeds_with_the_right_password(client):
    response = login(client, "Demo@2026")
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("wagtailadmin_home")


def test_public_pages__carry_a_strict_content_security_policy(client):
    response = client.get("/", HTTP_HOST="xinzhou.localhost")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "object-src 'none'" in policy
    assert "nonce" not in policy
    html = response.content.decode()
    assert "<style" not in html
    # Scripts only from our own static files: no inline code for the policy to allow.
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.S)
    assert all(re.search(r'\bsrc="/static/', attributes) and not body.strip() for attributes, body in scripts)


def test_admin__is_left_to_wagtails_own_policy(client):
    response = client.get(reverse("wagtailadmin_login"), HTTP_HOST="www.localhost")
    assert "Content-Security-Policy" not in response
