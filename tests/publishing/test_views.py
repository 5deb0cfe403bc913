"""Every publishing admin screen renders for those who may see it, in Chinese."""

from http import HTTPStatus

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Site

from sites.models import ArticlePage

pytestmark = pytest.mark.django_db

ADMIN_HOST = "www.localhost"


def user(username: str):
    return get_user_model().objects.get(username=username)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("word_rules:index", "错敏词"),
        ("site_modes:index", "应急与哀悼模式"),
        ("publishing_admin:queue", "待处理"),
        ("publishing_admin:statistics", "信息报送统计"),
    ],
)
def test_cluster_admin__opens_each_publishing_screen(client, name, text):
    client.force_login(user("admin"))
    response = client.get(reverse(name), HTTP_HOST=ADMIN_HOST)
    assert response.status_code == HTTPStatus.OK
    assert text in response.content.decode()


def test_county_editor__finds_submit_and_record_on_a_published_article(client):
    article = ArticlePage.objects.live().descendant_of(Site.objects.get(hostname="xinzhou.localhost").root_page).first()
    client.force_login(user("xinzhou_editor"))

    edit = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk]), HTTP_HOST=ADMIN_HOST).content.decode()
    assert reverse("publishing_admin:submit", args=[article.pk]) in edit
    assert reverse("publishing_admin:record", args=[article.pk]) in edit

    form = client.get(reverse("publishing_admin:submit", args=[article.pk]), HTTP_HOST=ADMIN_HOST).content.decode()
    city = Site.objects.get(hostname="www.localhost")
    assert f"{city.site_name} · 区县动态" in form
    assert "广丰" not in form  # a sibling county is not above it
