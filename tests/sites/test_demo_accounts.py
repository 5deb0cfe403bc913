"""Demo accounts left in a production database: their published password logs nobody in."""

from http import HTTPStatus

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from sites.demo.accounts import DEMO_ACCOUNT_REFUSED
from sites.demo.seed import DEMO_PASSWORD, demo_users

pytestmark = pytest.mark.django_db


@pytest.fixture
def production(settings):
    settings.DEMO_USERS_ALLOWED = False


def login(client, username: str, password: str):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password},
        HTTP_HOST="www.localhost",
        REMOTE_ADDR="203.0.113.7",
    )


def is_logged_in(client) -> bool:
    return client.get(reverse("wagtailadmin_home"), HTTP_HOST="www.localhost").status_code == HTTPStatus.OK


def test_demo_account__is_refused_with_a_chinese_message_in_production(production):
    usernames = [username for username, _name, _group in demo_users()]
    assert len(usernames) == 7
    for username in usernames:
        client = Client()
        response = login(client, username, DEMO_PASSWORD)
        assert response.status_code == HTTPStatus.OK, username
        assert DEMO_ACCOUNT_REFUSED in response.content.decode(), username
        assert not is_logged_in(client), username


def test_demo_account__is_refused_whatever_it_is_now_called(production, client):
    get_user_model().objects.filter(username="admin").update(username="zhangwei", is_superuser=True)
    response = login(client, "zhangwei", DEMO_PASSWORD)
    assert DEMO_ACCOUNT_REFUSED in response.content.decode()
    assert not is_logged_in(client)


def test_demo_account__refusal_counts_towards_the_lockout(production, client):
    login(client, "admin", DEMO_PASSWORD)
    assert AccessAttempt.objects.get(username="admin").failures_since_start == 1


def test_demo_account__with_its_own_password_is_an_ordinary_account(production, client):
    admin = get_user_model().objects.get(username="admin")
    admin.set_password("饶城-政务-7f3kq9")
    admin.save()
    assert login(client, "admin", "饶城-政务-7f3kq9").status_code == HTTPStatus.FOUND
    assert is_logged_in(client)


def test_wrong_password__keeps_wagtails_own_message(production, client):
    response = login(client, "admin", "wrong")
    assert response.status_code == HTTPStatus.OK
    assert DEMO_ACCOUNT_REFUSED not in response.content.decode()
    assert not is_logged_in(client)


def test_demo_account__logs_in_where_demo_users_are_allowed(client, settings):
    assert settings.DEMO_USERS_ALLOWED is True
    assert login(client, "admin", DEMO_PASSWORD).status_code == HTTPStatus.FOUND
    assert is_logged_in(client)
