"""Every site has one 政府信息公开 page, added when it is provisioned, in its navigation; editors may add it."""

from http import HTTPStatus

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Site

from disclosure.models import DisclosurePage
from sites.models import HomePage
from tests.sites.factories import SiteFactory

pytestmark = pytest.mark.django_db


def test_provisioned_site__gets_one_platform_page_linked_from_its_navigation(client):
    site = SiteFactory()
    page = DisclosurePage.objects.child_of(site.root_page).live().get()
    html = client.get("/", HTTP_HOST=site.hostname).content.decode()
    navigation = html[html.index('aria-label="栏目导航"') :]
    assert f'<a href="{page.relative_url(site)}">政府信息公开</a>' in navigation[: navigation.index("</nav>")]


def test_site_without_a_platform_page__has_no_link_to_one(client):
    site = SiteFactory()
    DisclosurePage.objects.child_of(site.root_page).get().delete()
    html = client.get("/", HTTP_HOST=site.hostname).content.decode()
    assert "政府信息公开" not in html


def test_platform_page__may_be_added_under_a_home_once(client):
    site = Site.objects.get(hostname="xinzhou.localhost")
    home = site.root_page.specific
    assert DisclosurePage in HomePage.allowed_subpage_models()
    client.force_login(get_user_model().objects.get(username="admin"))
    url = reverse("wagtailadmin_pages:add", args=["disclosure", "disclosurepage", home.pk])
    assert client.get(url).status_code == HTTPStatus.FORBIDDEN  # the home has one already
    DisclosurePage.objects.child_of(home).get().delete()
    assert client.get(url).status_code == HTTPStatus.OK
