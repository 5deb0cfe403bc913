"""保密审查 cannot be skipped: where a site's workflow has it, only cluster administrators publish
directly, through every publish path of the admin; reviewers still unpublish."""

from http import HTTPStatus

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from sites.models import ArticlePage, ColumnPage
from tests.admin_forms import edit_form_data

pytestmark = pytest.mark.django_db

HOST = "xinzhou.localhost"
ADMIN_HOST = "www.localhost"
REFUSAL = "本网站的内容须经审核和保密审查后发布，您不能直接发布，请提交审核。"


def user(username: str):
    return get_user_model().objects.get(username=username)


@pytest.fixture
def cluster_admin():
    """A member of 站群管理员 who is no superuser."""
    admin = get_user_model().objects.create_user("cluster_officer")
    admin.groups.add(Group.objects.get(name=settings.CLUSTER_ADMIN_GROUP_NAME))
    return admin


def article() -> ArticlePage:
    return ArticlePage.objects.live().descendant_of(Site.objects.get(hostname=HOST).root_page).first()


def edit_and_publish(client, page, title: str):
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    form = client.get(url, HTTP_HOST=ADMIN_HOST)
    data = edit_form_data(form)
    data["title"] = [title]
    data["action-publish"] = ["action-publish"]
    return form, client.post(url, data, HTTP_HOST=ADMIN_HOST, follow=True)


def test_reviewer__finds_no_publish_button_and_a_forged_publish_is_kept_as_a_draft(client):
    page = article()
    client.force_login(user("xinzhou_reviewer"))

    form, response = edit_and_publish(client, page, "审核员直接发布的标题")

    assert 'name="action-publish"' not in form.content.decode()
    assert 'name="action-submit"' in form.content.decode()
    assert REFUSAL in response.content.decode()
    page.refresh_from_db()
    assert page.title != "审核员直接发布的标题"
    assert page.has_unpublished_changes
    assert page.get_latest_revision_as_object().title == "审核员直接发布的标题"


def test_reviewer__cannot_create_a_page_published(client):
    client.force_login(user("xinzhou_reviewer"))
    column = ColumnPage.objects.descendant_of(Site.objects.get(hostname=HOST).root_page).get(slug="zwdt")
    data = nested_form_data(
        {
            "title": "审核员新建并发布",
            "slug": "reviewer-direct",
            "source": "信州区人民政府办公室",
            "pub_date": "2026-11-20 09:00",
            "validity": "valid",
            "body": streamfield([("rich_text", rich_text("<p>正文。</p>"))]),
            "attachments": inline_formset([]),
            "tags": "",
            "action-publish": "1",
        }
    )
    url = reverse("wagtailadmin_pages:add", args=["sites", "articlepage", column.pk])

    response = client.post(url, data, HTTP_HOST=ADMIN_HOST, follow=True)

    assert REFUSAL in response.content.decode()
    assert not ArticlePage.objects.get(slug="reviewer-direct").live


def test_reviewer__bulk_publish_from_the_listing_publishes_nothing(client):
    page = article()
    page.title = "待发布的草稿"
    page.save_revision()
    client.force_login(user("xinzhou_reviewer"))
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"]) + f"?id={page.pk}"

    response = client.post(url, {"include_descendants": ""}, HTTP_HOST=ADMIN_HOST)

    assert response.status_code in (HTTPStatus.OK, HTTPStatus.FOUND)
    page.refresh_from_db()
    assert page.title != "待发布的草稿"
    assert page.has_unpublished_changes


def test_reviewer__still_unpublishes(client):
    page = article()
    client.force_login(user("xinzhou_reviewer"))

    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]), HTTP_HOST=ADMIN_HOST)

    assert response.status_code == HTTPStatus.FOUND
    page.refresh_from_db()
    assert not page.live


def test_cluster_admin__publishes_directly(client, cluster_admin):
    page = article()
    client.force_login(cluster_admin)

    form, response = edit_and_publish(client, page, "站群管理员直接发布")

    assert 'name="action-publish"' in form.content.decode()
    assert REFUSAL not in response.content.decode()
    page.refresh_from_db()
    assert page.title == "站群管理员直接发布"
    assert not page.has_unpublished_changes
