"""Password rules in Chinese on every admin form that sets a password, and idle sessions ending."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from tests.admin_forms import edit_form_data

pytestmark = pytest.mark.django_db

HOST = "www.localhost"
WEAK = [
    ("Ab1!xyz", "密码太短：至少需要 12 个字符。"),
    ("20261127202611", "密码只包含数字。"),
    ("password1234", "这个密码太常见了。"),
]


def as_admin(client):
    client.force_login(get_user_model().objects.get(username="admin"))
    return client


@pytest.mark.parametrize(("password", "message"), WEAK)
def test_user_create_form__refuses_weak_passwords_in_chinese(client, password, message):
    as_admin(client)
    data = {
        "username": "new_editor",
        "email": "new@example.cn",
        "first_name": "新",
        "last_name": "编辑",
        "password1": password,
        "password2": password,
    }
    response = client.post(reverse("wagtailusers_users:add"), data, HTTP_HOST=HOST)
    assert response.status_code == HTTPStatus.OK
    assert message in response.content.decode()
    assert not get_user_model().objects.filter(username="new_editor").exists()


def test_user_create_form__refuses_a_password_like_the_user_name(client):
    as_admin(client)
    data = {"username": "shangrao_editor", "email": "s@example.cn", "first_name": "上", "last_name": "饶"}
    data |= {"password1": "shangrao_editor1", "password2": "shangrao_editor1"}
    response = client.post(reverse("wagtailusers_users:add"), data, HTTP_HOST=HOST)
    assert "密码跟 用户名 太相似了。" in response.content.decode()


def test_user_change_form__refuses_a_short_password_and_takes_a_strong_one(client):
    as_admin(client)
    editor = get_user_model().objects.get(username="xinzhou_editor")
    url = reverse("wagtailusers_users:edit", args=[editor.pk])
    data = edit_form_data(client.get(url, HTTP_HOST=HOST))
    data |= {"email": ["xinzhou@example.cn"], "last_name": ["编辑"], "password1": ["Ab1!xyz"], "password2": ["Ab1!xyz"]}
    assert "密码太短：至少需要 12 个字符。" in client.post(url, data, HTTP_HOST=HOST).content.decode()
    data |= {"password1": ["饶城-政务-7f3kq9-夏"], "password2": ["饶城-政务-7f3kq9-夏"]}
    assert client.post(url, data, HTTP_HOST=HOST).status_code == HTTPStatus.FOUND
    editor.refresh_from_db()
    assert editor.check_password("饶城-政务-7f3kq9-夏")


def test_account_password_change__refuses_weak_passwords_in_chinese(client):
    client.post(reverse("wagtailadmin_login"), {"username": "xinzhou_editor", "password": "Demo@2026"}, HTTP_HOST=HOST)
    url = reverse("wagtailadmin_account")
    data = edit_form_data(client.get(url, HTTP_HOST=HOST))
    data |= {"password-old_password": ["Demo@2026"]}
    for password, message in WEAK:
        data |= {"password-new_password1": [password], "password-new_password2": [password]}
        response = client.post(url, data, HTTP_HOST=HOST)
        assert message in response.content.decode()
    editor = get_user_model().objects.get(username="xinzhou_editor")
    assert editor.check_password("Demo@2026")


def test_idle_session__is_signed_out_and_activity_renews_it(client, settings):
    settings.SESSION_COOKIE_AGE = 30 * 60
    settings.SESSION_SAVE_EVERY_REQUEST = True
    client.post(reverse("wagtailadmin_login"), {"username": "xinzhou_editor", "password": "Demo@2026"}, HTTP_HOST=HOST)
    session = Session.objects.get(session_key=client.session.session_key)
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() + timedelta(minutes=1))
    assert client.get(reverse("wagtailadmin_home"), HTTP_HOST=HOST).status_code == HTTPStatus.OK
    renewed = Session.objects.get(pk=session.pk).expire_date
    assert renewed > timezone.now() + timedelta(minutes=29)

    # Thirty minutes without a request: the session has expired.
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(reverse("wagtailadmin_home"), HTTP_HOST=HOST)
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
