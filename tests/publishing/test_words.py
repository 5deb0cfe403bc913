"""错敏词 through the admin's real views: the list kept by cluster administrators, warnings shown
and highlighted, blocked words refusing submission and publication with the words named."""

from http import HTTPStatus

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from publishing.enums import WordLevel
from publishing.models import WordRule
from sites.models import ArticlePage, ColumnPage, SiteProfile

pytestmark = pytest.mark.django_db

HOST = "xinzhou.localhost"
ADMIN_HOST = "www.localhost"
CONFIRMED = {"no_state_secret": "on", "no_commercial_secret": "on", "no_personal_information": "on"}


def user(username: str):
    return get_user_model().objects.get(username=username)


def news_column() -> ColumnPage:
    return ColumnPage.objects.descendant_of(Site.objects.get(hostname=HOST).root_page).get(slug="zwdt")


def post_article(client, username, action, *, title="秋季农业生产推进会", body="<p>正文。</p>", attachments=()):
    client.force_login(user(username))
    url = reverse("wagtailadmin_pages:add", args=["sites", "articlepage", news_column().pk])
    data = nested_form_data(
        {
            "title": title,
            "slug": "word-check",
            "source": "信州区人民政府办公室",
            "pub_date": "2026-11-20 09:00",
            "validity": "valid",
            "body": streamfield([("rich_text", rich_text(body))]),
            "attachments": inline_formset(list(attachments)),
            "tags": "",
            action: "1",
        }
    )
    return client.post(url, data, HTTP_HOST=ADMIN_HOST, follow=True)


@pytest.fixture
def rules():
    WordRule.objects.create(word="副县长张三", level=WordLevel.BLOCK, suggestion="副区长张三")
    WordRule.objects.create(word="工商局", level=WordLevel.WARN, suggestion="市场监督管理局")


def test_cluster_admin__adds_a_word_through_the_admin(client):
    client.force_login(user("admin"))
    response = client.post(
        reverse("word_rules:add"),
        {"word": "市长李四", "level": WordLevel.BLOCK, "suggestion": ""},
        HTTP_HOST=ADMIN_HOST,
    )
    assert response.status_code == HTTPStatus.FOUND
    assert WordRule.objects.get(word="市长李四").level == WordLevel.BLOCK


def test_site_editor__cannot_change_the_word_list(client):
    client.force_login(user("xinzhou_editor"))
    response = client.post(reverse("word_rules:add"), {"word": "随便", "level": WordLevel.WARN}, HTTP_HOST=ADMIN_HOST)
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not WordRule.objects.filter(word="随便").exists()


@pytest.mark.usefixtures("rules")
def test_blocked_word_in_the_body__keeps_the_article_out_of_review_and_names_the_word(client):
    response = post_article(client, "xinzhou_editor", "action-submit", body="<p>副县长张三出席会议。</p>")

    html = response.content.decode()
    assert "含有禁止发布的词语：“副县长张三”（应为“副区长张三”）" in html
    page = ArticlePage.objects.get(slug="word-check")
    assert page.current_workflow_state is None
    assert not page.live


@pytest.mark.usefixtures("rules")
def test_blocked_word__refuses_a_cluster_admins_direct_publish(client):
    response = post_article(client, "admin", "action-publish", title="副县长张三调研秋粮收购")

    assert "副县长张三" in response.content.decode()
    assert not ArticlePage.objects.get(slug="word-check").live


@pytest.mark.usefixtures("rules")
def test_blocked_word_in_an_attachments_title__is_refused(client):
    collection = SiteProfile.for_site(Site.objects.get(hostname=HOST)).collection
    document = get_document_model().objects.create(
        title="副县长张三讲话稿", file=ContentFile(b"text", name="speech.txt"), collection=collection
    )

    response = post_article(client, "admin", "action-publish", attachments=[{"document": document.pk}])

    assert "副县长张三" in response.content.decode()
    assert not ArticlePage.objects.get(slug="word-check").live


@pytest.mark.usefixtures("rules")
def test_warned_word__is_submitted_and_highlighted_for_editor_and_reviewer(client):
    response = post_article(client, "xinzhou_editor", "action-submit", body="<p>市工商局开展秋季检查。</p>")

    assert "<mark>工商局</mark>" in response.content.decode()
    page = ArticlePage.objects.get(slug="word-check")
    assert page.current_workflow_state is not None
    client.force_login(user("xinzhou_reviewer"))
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]), HTTP_HOST=ADMIN_HOST).content.decode()
    assert "<mark>工商局</mark>（应为“市场监督管理局”）" in edit


def test_blocked_word_listed_after_review__stops_the_secrecy_approval_from_the_dashboard_naming_it(client):
    post_article(client, "xinzhou_editor", "action-submit", body="<p>副县长张三出席会议。</p>")
    page = ArticlePage.objects.get(slug="word-check")
    page.current_workflow_task_state.approve(user=user("xinzhou_reviewer"))
    WordRule.objects.create(word="副县长张三", level=WordLevel.BLOCK)
    page.refresh_from_db()
    client.force_login(user("xinzhou_secrecy"))
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", page.current_workflow_task_state.pk])

    dialog = client.post(url, CONFIRMED, HTTP_HOST=ADMIN_HOST, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    plain = client.post(url, CONFIRMED, HTTP_HOST=ADMIN_HOST, follow=True)

    assert dialog.status_code == HTTPStatus.OK
    assert dialog.json()["redirect"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    shown = client.get(dialog.json()["redirect"], HTTP_HOST=ADMIN_HOST).content.decode()
    assert "含有禁止发布的词语：“副县长张三”" in shown
    assert "含有禁止发布的词语：“副县长张三”" in plain.content.decode()
    page.refresh_from_db()
    assert not page.live
    assert page.current_workflow_task_state.status == "in_progress"


def test_scheduling_in_the_past__is_held_back_as_a_draft_with_a_message(client):
    client.force_login(user("admin"))
    url = reverse("wagtailadmin_pages:add", args=["sites", "articlepage", news_column().pk])
    data = nested_form_data(
        {
            "title": "定时发布的文章",
            "slug": "word-check",
            "source": "信州区人民政府办公室",
            "pub_date": "2026-11-20 09:00",
            "validity": "valid",
            "go_live_at": "2020-01-01 08:00",
            "body": streamfield([("rich_text", rich_text("<p>正文。</p>"))]),
            "attachments": inline_formset([]),
            "tags": "",
            "action-publish": "1",
        }
    )

    response = client.post(url, data, HTTP_HOST=ADMIN_HOST, follow=True)

    assert "定时发布时间 2020-01-01 08:00 已经过去" in response.content.decode()
    page = ArticlePage.objects.get(slug="word-check")
    assert not page.live
    assert page.current_workflow_state is None
