"""Emergency notices and 全站变灰, switched on by cluster administrators through the admin."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from publishing.enums import ModeKind
from publishing.models import SiteMode

pytestmark = pytest.mark.django_db

ADMIN_HOST = "www.localhost"
GREY = '<html lang="zh-Hans" class="mourning">'


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


def user(username: str):
    return get_user_model().objects.get(username=username)


def home(client, host: str) -> str:
    client.logout()
    return client.get("/", HTTP_HOST=host).content.decode()


def mode_form(kind, site=None, *, starts=-1, ends=1, message="") -> dict:
    now = timezone.localtime()
    return {
        "kind": kind,
        "site": site.pk if site else "",
        "message": message,
        "link": "",
        "starts_at": (now + timedelta(hours=starts)).strftime("%Y-%m-%d %H:%M"),
        "ends_at": (now + timedelta(hours=ends)).strftime("%Y-%m-%d %H:%M"),
    }


def add_mode(client, data, username="admin"):
    client.force_login(user(username))
    return client.post(reverse("site_modes:add"), data, HTTP_HOST=ADMIN_HOST)


def test_grey_mode__renders_on_its_site_at_once_and_not_on_others(client, django_capture_on_commit_callbacks):
    xinzhou = Site.objects.get(hostname="xinzhou.localhost")
    assert GREY not in home(client, "xinzhou.localhost")  # and cached

    with django_capture_on_commit_callbacks(execute=True):
        response = add_mode(client, mode_form(ModeKind.MOURNING, xinzhou))
    assert response.status_code == HTTPStatus.FOUND

    grey = home(client, "xinzhou.localhost")
    assert GREY in grey
    assert "publishing/css/modes.css" in grey
    assert GREY not in home(client, "www.localhost")


def test_cluster_wide_emergency_notice__shows_on_every_site(client):
    add_mode(client, mode_form(ModeKind.EMERGENCY, message="受台风影响，全市中小学今日停课。"))

    for host in ("www.localhost", "xinzhou.localhost", "guangfeng.localhost"):
        assert "受台风影响，全市中小学今日停课。" in home(client, host), host


def test_mode__outside_its_times_is_not_shown(client):
    xinzhou = Site.objects.get(hostname="xinzhou.localhost")
    add_mode(client, mode_form(ModeKind.MOURNING, xinzhou, starts=-3, ends=-1))
    add_mode(client, mode_form(ModeKind.MOURNING, xinzhou, starts=1, ends=3))

    assert SiteMode.objects.count() == 2
    assert GREY not in home(client, "xinzhou.localhost")


def test_mode__ending_before_it_starts_or_a_notice_without_text_is_explained(client):
    response = add_mode(client, mode_form(ModeKind.EMERGENCY, starts=2, ends=1))

    html = response.content.decode()
    assert "结束时间应晚于开始时间" in html
    assert "请填写应急公告内容" in html
    assert not SiteMode.objects.exists()


def test_site_editor__cannot_switch_a_mode_on(client):
    response = add_mode(client, mode_form(ModeKind.MOURNING), username="xinzhou_reviewer")
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not SiteMode.objects.exists()
