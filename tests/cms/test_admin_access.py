"""The admin's own path (ADMIN_PATH) and host name (ADMIN_HOSTNAME)."""

import importlib
from http import HTTPStatus

import pytest
from django.urls import clear_url_caches, reverse

import cms.urls

pytestmark = pytest.mark.django_db

LOGIN = {"username": "xinzhou_editor", "password": "Demo@2026"}


@pytest.fixture
def admin_at(settings):
    def move(path: str) -> None:
        settings.ADMIN_PATH = path
        importlib.reload(cms.urls)
        clear_url_caches()

    yield move
    settings.ADMIN_PATH = "admin"
    importlib.reload(cms.urls)
    clear_url_caches()


def test_admin_path__moves_the_whole_admin(client, admin_at):
    admin_at("zhanqun-guanli")
    login_url = reverse("wagtailadmin_login")
    assert login_url == "/zhanqun-guanli/login/"
    response = client.post(login_url, LOGIN, HTTP_HOST="www.localhost")
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/zhanqun-guanli/"
    assert client.get("/zhanqun-guanli/", HTTP_HOST="www.localhost").status_code == HTTPStatus.OK
    explorer = client.get("/zhanqun-guanli/pages/", HTTP_HOST="www.localhost", follow=True)
    assert explorer.status_code == HTTPStatus.OK
    assert explorer.redirect_chain[0][0].startswith("/zhanqun-guanli/pages/")
    assert client.get("/admin/", HTTP_HOST="www.localhost").status_code == HTTPStatus.NOT_FOUND
    assert client.get("/admin/login/", HTTP_HOST="www.localhost").status_code == HTTPStatus.NOT_FOUND
    # Not named in the public robots.txt, and still never cached as a public page.
    robots = client.get("/robots.txt", HTTP_HOST="xinzhou.localhost").content.decode()
    assert "zhanqun-guanli" not in robots


def test_admin_path__default_is_disallowed_for_crawlers(client):
    assert "Disallow: /admin/" in client.get("/robots.txt", HTTP_HOST="xinzhou.localhost").content.decode()


@pytest.mark.parametrize("path", ["/admin/login/", "/admin/", "/admin/api/main/pages/", "/admin/pages/search/"])
def test_admin_hostname__other_hosts_answer_not_found(client, settings, path):
    settings.ADMIN_HOSTNAME = "guanli.localhost"
    assert client.get(path, HTTP_HOST="xinzhou.localhost").status_code == HTTPStatus.NOT_FOUND
    assert client.get(path, HTTP_HOST="www.localhost:8000").status_code == HTTPStatus.NOT_FOUND
    assert client.get(path, HTTP_HOST="guanli.localhost").status_code != HTTPStatus.NOT_FOUND


def test_admin_hostname__login_works_on_the_admin_host_only(client, settings):
    settings.ADMIN_HOSTNAME = "guanli.localhost"
    refused = client.post("/admin/login/", LOGIN, HTTP_HOST="www.localhost")
    assert refused.status_code == HTTPStatus.NOT_FOUND
    assert "_auth_user_id" not in client.session
    response = client.post("/admin/login/", LOGIN, HTTP_HOST="guanli.localhost:8000")
    assert response.status_code == HTTPStatus.FOUND
    assert client.get("/admin/", HTTP_HOST="guanli.localhost:8000").status_code == HTTPStatus.OK
    # Signed in, the same session still finds no admin on a public site.
    assert client.get("/admin/", HTTP_HOST="xinzhou.localhost").status_code == HTTPStatus.NOT_FOUND
    assert client.get("/", HTTP_HOST="xinzhou.localhost").status_code == HTTPStatus.OK
