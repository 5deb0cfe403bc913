"""Editors work only on their own site: checked through real admin HTTP requests, role by role."""

import re
from http import HTTPStatus

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import Collection, GroupPagePermission, Site, Workflow
from wagtail.permissions import policy_registry

from sites.models import ArticlePage

pytestmark = pytest.mark.django_db


def user(username: str):
    return get_user_model().objects.get(username=username)


def article_of(hostname: str) -> ArticlePage:
    return ArticlePage.objects.live().descendant_of(Site.objects.get(hostname=hostname).root_page).first()


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


@pytest.mark.parametrize(
    ("username", "own_site", "other_sites"),
    [
        ("xinzhou_editor", "xinzhou.localhost", ["www.localhost", "guangfeng.localhost"]),
        ("xinzhou_reviewer", "xinzhou.localhost", ["www.localhost", "guangfeng.localhost"]),
        ("guangfeng_editor", "guangfeng.localhost", ["www.localhost", "xinzhou.localhost"]),
        ("city_editor", "www.localhost", ["xinzhou.localhost", "jyj.localhost"]),
    ],
)
def test_site_editor__edits_own_site_and_gets_403_elsewhere(client, username, own_site, other_sites):
    client.force_login(user(username))
    assert client.get(edit_url(article_of(own_site)), HTTP_HOST="www.localhost").status_code == HTTPStatus.OK
    for other in other_sites:
        response = client.get(edit_url(article_of(other)), HTTP_HOST="www.localhost")
        assert response.status_code == HTTPStatus.FORBIDDEN, other


def test_county_editor__cannot_post_changes_to_a_city_page(client):
    client.force_login(user("xinzhou_editor"))
    page = article_of("www.localhost")
    response = client.post(edit_url(page), {"title": "篡改", "slug": page.slug}, HTTP_HOST="www.localhost")
    assert response.status_code == HTTPStatus.FORBIDDEN
    page.refresh_from_db()
    assert page.title != "篡改"


def test_county_editor__cannot_add_pages_under_another_county(client):
    client.force_login(user("xinzhou_editor"))
    column = article_of("guangfeng.localhost").get_parent()
    url = reverse("wagtailadmin_pages:add", args=["sites", "articlepage", column.pk])
    assert client.get(url, HTTP_HOST="www.localhost").status_code == HTTPStatus.FORBIDDEN


def test_county_editor__can_add_an_article_to_own_column(client):
    client.force_login(user("xinzhou_editor"))
    column = article_of("xinzhou.localhost").get_parent()
    url = reverse("wagtailadmin_pages:add", args=["sites", "articlepage", column.pk])
    assert client.get(url, HTTP_HOST="www.localhost").status_code == HTTPStatus.OK


def test_editor__cannot_publish_and_reviewer_only_unpublishes_outside_the_workflow():
    site = Site.objects.get(hostname="xinzhou.localhost")
    page = article_of("xinzhou.localhost")
    assert not page.permissions_for_user(user("xinzhou_editor")).can_publish()
    assert not page.permissions_for_user(user("xinzhou_editor")).can_unpublish()
    assert not page.permissions_for_user(user("xinzhou_reviewer")).can_publish()
    assert page.permissions_for_user(user("xinzhou_reviewer")).can_unpublish()
    assert not site.root_page.permissions_for_user(user("xinzhou_reviewer")).can_delete()


def test_site_editor__chooses_images_only_from_own_collection():
    policy = policy_registry.get_by_type(get_image_model())
    collections = policy.collections_user_has_permission_for(user("xinzhou_editor"), "choose")
    assert list(collections) == [Collection.objects.get(name="信州区人民政府门户网站")]


def test_cluster_admin__edits_every_site(client):
    client.force_login(user("admin"))
    for hostname in ("www.localhost", "xinzhou.localhost", "jyj.localhost"):
        assert client.get(edit_url(article_of(hostname)), HTTP_HOST="www.localhost").status_code == HTTPStatus.OK


def test_denied_page__explains_in_chinese(client):
    client.force_login(user("xinzhou_editor"))
    html = client.get(edit_url(article_of("www.localhost")), HTTP_HOST="www.localhost").content.decode()
    assert "你没有权限访问" in html
    assert "无权访问" in html


def test_admin__speaks_chinese(client):
    client.force_login(user("xinzhou_editor"))
    html = client.get(reverse("wagtailadmin_home"), HTTP_HOST="www.localhost").content.decode()
    assert '<html lang="zh-hans"' in html
    assert "控制面板" in html


def test_admin__explorer_starts_at_the_editors_own_site(client):
    client.force_login(user("xinzhou_editor"))
    response = client.get(reverse("wagtailadmin_explore_root"), HTTP_HOST="www.localhost")
    home = Site.objects.get(hostname="xinzhou.localhost").root_page
    assert response["Location"] == reverse("wagtailadmin_explore", args=[home.pk])


def test_county_editor__submits_an_article_for_review_through_the_admin(client):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

    client.force_login(user("xinzhou_editor"))
    column = article_of("xinzhou.localhost").get_parent()
    url = reverse("wagtailadmin_pages:add", args=["sites", "articlepage", column.pk])
    data = nested_form_data(
        {
            "title": "信州区编辑提交的文章",
            "slug": "editor-article",
            "source": "信州区人民政府办公室",
            "pub_date": "2026-11-20 09:00",
            "validity": "valid",
            "body": streamfield([("rich_text", rich_text("<p>待审核的正文。</p>"))]),
            "attachments": inline_formset([]),
            "tags": "",
            "action-submit": "提交审核",
        }
    )
    response = client.post(url, data, HTTP_HOST="www.localhost")
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:2000]
    page = ArticlePage.objects.get(slug="editor-article")
    assert not page.live
    # The sanitizer keeps what Wagtail's editor stores, block keys included.
    assert re.fullmatch(r'<p data-block-key="\w+">待审核的正文。</p>', page.body[0].value.source)
    assert page.current_workflow_task.name == "信州区人民政府门户网站内容审核"
    assert page.current_workflow_task.specific.groups.get().name == "信州区人民政府门户网站审核"


def test_only_cluster_administrators_hold_permissions_on_the_whole_tree():
    root_groups = set(GroupPagePermission.objects.filter(page__depth=1).values_list("group__name", flat=True))
    assert root_groups == {settings.CLUSTER_ADMIN_GROUP_NAME}
    assert not Workflow.objects.filter(name__regex=r"^[A-Za-z ]+$").exists()
