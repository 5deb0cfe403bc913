"""Two-factor admin login with a real TOTP code, computed here by RFC 6238 from the key the page shows."""

import hashlib
import hmac
import re
import struct
import time
from base64 import b32decode
from http import HTTPStatus

import httpx
import pytest
from django.db import connection
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from sites.demo.seed import DEMO_PASSWORD
from tests.servers import free_port, make_run_server_command, running, server_environment, shared_database_url

pytestmark = pytest.mark.django_db
HOST = "www.localhost"


def totp(secret: str, steps_ahead: int = 0) -> str:
    """The 6-digit code an authenticator app shows for `secret` (SHA-1, 30-second steps)."""
    counter = int(time.time()) // 30 + steps_ahead
    digest = hmac.new(b32decode(secret), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000
    return f"{code:06d}"


def log_in(client, username: str, token: str | None = None):
    data = {"username": username, "password": DEMO_PASSWORD}
    if token is not None:
        data["otp_token"] = token
    return client.post(reverse("wagtailadmin_login"), data, HTTP_HOST=HOST)


@pytest.fixture
def required(settings):
    settings.TWO_FACTOR_REQUIRED_GROUPS = [settings.CLUSTER_ADMIN_GROUP_NAME]
    settings.TWO_FACTOR_REQUIRED_FOR_SUPERUSERS = True


def enrol(client) -> str:
    page = client.get(reverse("operations_two_factor_setup"), HTTP_HOST=HOST)
    secret = re.search(r'<code id="totp-secret">([A-Z2-7=]+)</code>', page.content.decode()).group(1)
    confirmed = client.post(reverse("operations_two_factor_setup"), {"otp_token": totp(secret)}, HTTP_HOST=HOST)
    assert confirmed.status_code == HTTPStatus.FOUND, confirmed.content.decode()
    return secret


def test_cluster_admin__must_enrol_before_any_admin_page_then_logs_in_with_the_code(client, required):
    assert log_in(client, "admin").status_code == HTTPStatus.FOUND
    blocked = client.get(reverse("wagtailadmin_explore_root"), HTTP_HOST=HOST)
    assert blocked.status_code == HTTPStatus.FOUND
    assert blocked["Location"] == reverse("operations_two_factor_setup")

    secret = enrol(client)
    assert client.get(reverse("wagtailadmin_home"), HTTP_HOST=HOST).status_code == HTTPStatus.OK
    client.logout()

    without = log_in(client, "admin")
    assert without.status_code == HTTPStatus.OK
    assert "请输入验证器应用显示的 6 位动态验证码" in without.content.decode()
    wrong_code = f"{(int(totp(secret)) + 1) % 1_000_000:06d}"
    wrong = log_in(client, "admin", wrong_code)
    assert wrong.status_code == HTTPStatus.OK
    assert "动态验证码不正确" in wrong.content.decode()
    # The throttle after a failure is a second; the code used at enrolment cannot be used again,
    # so sign in with the next step's, which the device accepts as clock drift.
    TOTPDevice.objects.filter(user__username="admin").update(throttling_failure_count=0)
    right = log_in(client, "admin", totp(secret, steps_ahead=1))
    assert right.status_code == HTTPStatus.FOUND, right.content.decode()
    assert client.get(reverse("wagtailadmin_explore_root"), HTTP_HOST=HOST).status_code == HTTPStatus.OK


def test_two_factor__a_code_cannot_be_replayed(client):
    assert log_in(client, "admin").status_code == HTTPStatus.FOUND
    secret = enrol(client)
    client.logout()
    replayed = log_in(client, "admin", totp(secret))
    assert replayed.status_code == HTTPStatus.OK
    assert "动态验证码不正确" in replayed.content.decode()


def test_two_factor__not_required_outside_production_settings_for_site_editors(client, required):
    assert log_in(client, "xinzhou_editor").status_code == HTTPStatus.FOUND
    assert client.get(reverse("wagtailadmin_home"), HTTP_HOST=HOST).status_code == HTTPStatus.OK


def test_production_settings__require_two_factor_of_cluster_admins_and_end_idle_sessions():
    import importlib
    import os

    os.environ.setdefault("SECRET_KEY", "x")
    production = importlib.import_module("cms.settings.production")
    assert production.CLUSTER_ADMIN_GROUP_NAME in production.TWO_FACTOR_REQUIRED_GROUPS
    assert production.TWO_FACTOR_REQUIRED_FOR_SUPERUSERS is True
    # Sessions end after half an hour without a request, each request renewing them.
    assert production.SESSION_COOKIE_AGE == 30 * 60
    assert production.SESSION_SAVE_EVERY_REQUEST is True


def test_login_form__labels_are_chinese(client):
    page = client.get(reverse("wagtailadmin_login"), HTTP_HOST=HOST).content.decode()
    labels = re.findall(r"<label[^>]*>\s*([^<]+?)\s*(?:<|$)", page)
    assert "密码" in labels
    assert "Password" not in page
    assert "动态验证码" in labels


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_factor__enrol_and_log_in_over_real_http_under_make_run_s_server(tmp_path):
    port = free_port()
    env = server_environment(
        shared_database_url(connection), TWO_FACTOR_REQUIRED_GROUPS="站群管理员", TWO_FACTOR_REQUIRED_FOR_SUPERUSERS="1"
    )
    base_url = f"http://127.0.0.1:{port}"
    with (
        running(make_run_server_command(port), env, tmp_path / "uvicorn.log", f"{base_url}/healthz"),
        httpx.Client(base_url=base_url, headers={"Host": HOST}, trust_env=False, timeout=30) as http,
    ):

        def post_login(**fields):
            form = http.get("/admin/login/")
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
            data = {"csrfmiddlewaretoken": token, "username": "admin", "password": DEMO_PASSWORD, **fields}
            return http.post("/admin/login/", data=data)

        assert post_login().status_code == HTTPStatus.FOUND
        setup = http.get("/admin/", follow_redirects=True)
        assert str(setup.url).endswith(reverse("operations_two_factor_setup"))
        secret = re.search(r'<code id="totp-secret">([A-Z2-7=]+)</code>', setup.text).group(1)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', setup.text).group(1)
        confirmed = http.post(
            reverse("operations_two_factor_setup"), data={"csrfmiddlewaretoken": token, "otp_token": totp(secret)}
        )
        assert confirmed.status_code == HTTPStatus.FOUND
        assert http.get("/admin/").status_code == HTTPStatus.OK

        http.cookies.clear()
        assert "动态验证码" in post_login().text
        assert post_login(otp_token=totp(secret, steps_ahead=1)).status_code == HTTPStatus.FOUND
        assert http.get("/admin/pages/").status_code == HTTPStatus.OK
