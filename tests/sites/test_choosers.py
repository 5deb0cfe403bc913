"""The admin's page choosers show an editor only the pages of their own sites, drafts included."""

import json
from http import HTTPStatus

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse
from wagtail.models import Site

from sites.models import LeaderPage
from tests.sites.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def demo_home(hostname: str):
    """The home page of a demo site: these tests are about the demo's editors and their sites."""
    return Site.objects.get(hostname=hostname).root_page


DRAFT_TITLE = "绝密草稿"


@pytest.fixture
def guangfeng_draft():
    column = demo_home("guangfeng.localhost").get_descendants().get(slug="zwdt").specific
    draft = ArticlePageFactory(parent=column, title=DRAFT_TITLE, slug="top-secret", live=False)
    draft.save_revision()
    return draft


def login(client, username: str):
    client.force_login(get_user_model().objects.get(username=username))
    return client


def modal_html(response) -> str:
    assert response.status_code == HTTPStatus.OK, response.content.decode()[:500]
    return json.loads(response.content)["html"]


def get(client, url: str, **params):
    return client.get(url, params, HTTP_HOST="www.localhost")


@pytest.mark.parametrize(
    ("username", "sees_guangfeng"),
    [("xinzhou_editor", False), ("xinzhou_reviewer", False), ("guangfeng_editor", True), ("admin", True)],
)
def test_page_chooser_root__lists_only_the_users_own_sites(client, username, sees_guangfeng):
    html = modal_html(get(login(client, username), reverse("wagtailadmin_choose_page")))
    assert ("广丰区人民政府门户网站" in html) is sees_guangfeng
    if username.startswith("xinzhou"):
        assert "信州区人民政府门户网站" in html
        assert "上饶市人民政府门户网站" not in html


def test_link_chooser__starts_at_the_editors_own_sites(client):
    # The rich-text link chooser opens the same browse view with its link options.
    params = {"allow_external_link": "true", "allow_email_link": "true", "page_type": "wagtailcore.page"}
    html = modal_html(get(login(client, "xinzhou_editor"), reverse("wagtailadmin_choose_page"), **params))
    assert "广丰区人民政府门户网站" not in html
    assert "信州区人民政府门户网站" in html


def test_page_chooser_browse__refuses_another_sites_page_in_chinese(client, guangfeng_draft):
    column = guangfeng_draft.get_parent()
    url = reverse("wagtailadmin_choose_page_child", args=[column.pk])
    response = get(login(client, "xinzhou_editor"), url)
    assert response.status_code == HTTPStatus.FORBIDDEN
    html = response.content.decode()
    assert "只能选择你所管理网站的页面" in html
    assert DRAFT_TITLE not in html


def test_page_chooser_browse__lists_drafts_of_the_users_own_site(client, guangfeng_draft):
    url = reverse("wagtailadmin_choose_page_child", args=[guangfeng_draft.get_parent().pk])
    assert DRAFT_TITLE in modal_html(get(login(client, "guangfeng_editor"), url))
    assert DRAFT_TITLE in modal_html(get(login(client, "admin"), url))


@pytest.mark.parametrize(("username", "finds_it"), [("xinzhou_editor", False), ("guangfeng_editor", True)])
def test_page_chooser_search__finds_only_the_users_own_sites(client, guangfeng_draft, username, finds_it):
    response = get(login(client, username), reverse("wagtailadmin_choose_page_search"), q=DRAFT_TITLE)
    assert response.status_code == HTTPStatus.OK
    assert (DRAFT_TITLE in response.content.decode()) is finds_it


def test_page_chooser_search__cluster_admin_finds_every_site(client, guangfeng_draft):
    response = get(login(client, "admin"), reverse("wagtailadmin_choose_page_search"), q=DRAFT_TITLE)
    assert DRAFT_TITLE in response.content.decode()


def test_page_chooser_chosen__refuses_another_sites_page_in_chinese(client, guangfeng_draft):
    own = demo_home("xinzhou.localhost")
    url = reverse("wagtailadmin_choose_page_chosen_multiple")
    login(client, "xinzhou_editor")
    response = client.get(f"{url}?id={own.pk}&id={guangfeng_draft.pk}", HTTP_HOST="www.localhost")
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert "只能选择你所管理网站的页面" in response.content.decode()
    assert DRAFT_TITLE not in response.content.decode()


def test_page_chooser_chosen__returns_the_editors_own_pages(client):
    own = demo_home("xinzhou.localhost")
    url = reverse("wagtailadmin_choose_page_chosen_multiple")
    response = get(login(client, "xinzhou_editor"), url, id=own.pk)
    assert response.status_code == HTTPStatus.OK
    assert [page["id"] for page in json.loads(response.content)["result"]] == [own.pk]


def test_page_chooser__a_site_editor_sees_nothing_of_a_site_they_lost(client):
    # Page permissions decide, not group names: take the editor's site away and the chooser is empty.
    editor = get_user_model().objects.get(username="xinzhou_editor")
    editor.groups.clear()
    editor.groups.add(*get_user_model().objects.get(username="guangfeng_editor").groups.all())
    html = modal_html(get(login(client, "xinzhou_editor"), reverse("wagtailadmin_choose_page")))
    assert "信州区人民政府门户网站" not in html
    assert Site.objects.filter(site_name="信州区人民政府门户网站").exists()


def test_page_chooser_by_type__refuses_to_start_inside_another_site(client):
    # Wagtail starts a chooser for one page type at the pages' common ancestor: here 广丰's column.
    guangfeng = demo_home("guangfeng.localhost")
    LeaderPage.objects.exclude(path__startswith=guangfeng.path).delete()
    url = reverse("wagtailadmin_choose_page")
    assert get(login(client, "xinzhou_editor"), url, page_type="sites.leaderpage").status_code == HTTPStatus.FORBIDDEN
    assert "负责人信息" in modal_html(get(login(client, "guangfeng_editor"), url, page_type="sites.leaderpage"))


def test_page_chooser__a_user_without_sites_browses_an_empty_tree(client):
    user = get_user_model().objects.create_user("librarian")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    html = modal_html(get(login(client, "librarian"), reverse("wagtailadmin_choose_page")))
    assert "门户网站" not in html


def bulk_url(model: str, action: str) -> str:
    return reverse("wagtail_bulk_action", args=[*model.split("."), action])


def test_bulk_action__refuses_another_sites_page_without_naming_it(client, guangfeng_draft):
    response = get(login(client, "xinzhou_editor"), bulk_url("wagtailcore.page", "delete"), id=guangfeng_draft.pk)
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert DRAFT_TITLE not in response.content.decode()


def test_bulk_action__all_of_a_search_keeps_only_the_editors_own_pages(client, guangfeng_draft):
    own = demo_home("xinzhou.localhost").get_descendants().get(slug="zwdt").specific
    ArticlePageFactory(parent=own, title="绝密草稿信州", slug="own-draft", live=False)
    response = get(login(client, "xinzhou_editor"), bulk_url("wagtailcore.page", "publish"), id="all", q="绝密草稿")
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "绝密草稿信州" in html
    assert f"{DRAFT_TITLE}<" not in html


@pytest.mark.parametrize("model", ["wagtailimages.image", "wagtaildocs.document"])
def test_bulk_action__refuses_another_sites_image_or_document(client, model):
    from django.apps import apps

    other = apps.get_model(model).objects.filter(collection__name="上饶市人民政府门户网站").first()
    response = get(login(client, "xinzhou_editor"), bulk_url(model, "delete"), id=other.pk)
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert other.title not in response.content.decode()


def test_bulk_action__an_id_that_is_no_number_is_refused_not_an_error(client):
    response = get(login(client, "admin"), bulk_url("wagtailcore.page", "publish"), id="abc")
    assert response.status_code == HTTPStatus.FORBIDDEN
