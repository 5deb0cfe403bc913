"""Every image has a text alternative: required when an image is added, and checked before a page
goes out by every path: the admin form (published or sent for review, posted through the real
admin views), workflow approval, scheduled publishing and the legacy import."""

import io
import json
from datetime import timedelta
from http import HTTPStatus

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form
from wagtail.models import PageLogEntry, Site

from cms.alt_text import images_without_alt_in_html
from publishing.scheduler import tick
from publishing.workflows import secrecy_group_of
from sites.models import ArticlePage, SiteProfile
from tests.admin_forms import edit_form_data, with_legacy_body

pytestmark = pytest.mark.django_db

HOST = "xinzhou.localhost"


@pytest.mark.parametrize(
    ("html", "missing"),
    [
        ('<p><img src="/a.png" alt="市政府大楼"></p>', 0),
        ('<img src="/a.png"><IMG SRC="/b.png">', 2),
        ('<img src="/divider.png" alt="">', 0),
        ("<img src=/a.png alt='  '>", 1),
        ("<img src=/a.png alt=大楼>", 0),
        ('<embed embedtype="image" id="3" format="fullwidth"/>', 1),
        ('<embed embedtype="image" id="3" format="fullwidth" alt=""/>', 0),
        ('<embed embedtype="image" id="3" format="left" alt="示意图"/>', 0),
        ('<embed embedtype="media" url="https://example.com/v"/>', 0),
        ('<p title="alt=x"><img src="/a.png" data-alt="x"></p>', 1),
        ("", 0),
    ],
)
def test_images_in_body_html__without_alternative_text_are_counted(html, missing):
    assert images_without_alt_in_html(html) == missing


def _png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "#b71c1c").save(buffer, format="PNG")
    return SimpleUploadedFile("building.png", buffer.getvalue(), content_type="image/png")


def test_image_form__requires_the_alternative_text():
    form_class = get_image_form(get_image_model())
    data = {"title": "市政府大楼", "collection": SiteProfile.objects.first().collection_id, "tags": ""}
    form = form_class(data, {"file": _png()})
    assert not form.is_valid()
    assert "description" in form.errors
    assert form.fields["description"].label == "替代文本"
    assert form_class({**data, "description": "市政府办公大楼正面"}, {"file": _png()}).is_valid()


def _edit(client, page, action: str, **changes):
    client.force_login(get_user_model().objects.get(username="admin"))
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = edit_form_data(client.get(url, HTTP_HOST=HOST))
    data.update({name: [str(value)] for name, value in changes.items()})
    if action:
        data[action] = [action]
    return client.post(url, data, HTTP_HOST=HOST)


@pytest.fixture
def article_with_undescribed_cover():
    article = ArticlePage.objects.live().filter(url_path__startswith="/xinzhou-localhost/").first()
    image = (
        get_image_model().objects.filter(collection__name__contains="信州").first() or get_image_model().objects.first()
    )
    image.description = ""
    image.save()
    return article, image


@pytest.mark.parametrize("action", ["action-publish", "action-submit"])
def test_page_with_an_image_lacking_alternative_text__is_not_published_or_submitted(
    client, article_with_undescribed_cover, action
):
    article, image = article_with_undescribed_cover
    response = _edit(client, article, action, cover_image=image.pk)
    assert response.status_code == HTTPStatus.OK
    assert f"图片「{image.title}」没有替代文本" in response.content.decode()
    assert ArticlePage.objects.get(pk=article.pk).cover_image_id != image.pk


def test_page_with_an_image_lacking_alternative_text__may_still_be_saved_as_a_draft(
    client, article_with_undescribed_cover
):
    article, image = article_with_undescribed_cover
    assert _edit(client, article, "", cover_image=image.pk).status_code == HTTPStatus.FOUND


def test_page_once_the_image_is_described__is_published(client, article_with_undescribed_cover):
    article, image = article_with_undescribed_cover
    image.description = "信州区政务服务中心大厅"
    image.save()
    response = _edit(client, article, "action-publish", cover_image=image.pk)
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[-2000:]
    assert ArticlePage.objects.get(pk=article.pk).cover_image_id == image.pk


def test_page_whose_imported_body_has_an_image_without_alt__is_not_published(client):
    article = ArticlePage.objects.live().filter(url_path__startswith="/xinzhou-localhost/").first()
    client.force_login(get_user_model().objects.get(username="admin"))
    url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    data = with_legacy_body(
        edit_form_data(client.get(url, HTTP_HOST=HOST)),
        '<p>规划图：</p><p><img src="/media/legacy/plan.png" width="640"></p>',
    )
    data["action-publish"] = ["action-publish"]
    response = client.post(url, data, HTTP_HOST=HOST)
    assert response.status_code == HTTPStatus.OK
    assert "正文中有 1 张图片没有替代文本" in response.content.decode()


def test_workflow_approval__refuses_a_page_whose_image_lost_its_alternative_text(article_with_undescribed_cover):
    article, image = article_with_undescribed_cover
    users = get_user_model().objects
    image.description = "信州区政务服务中心大厅"
    image.save()
    article.cover_image = image
    article.save_revision(user=users.get(username="xinzhou_editor"))
    article.get_workflow().start(article, users.get(username="xinzhou_editor"))
    article.refresh_from_db()
    article.current_workflow_task_state.approve(user=users.get(username="xinzhou_reviewer"))
    image.description = ""
    image.save()
    secrecy_officer = users.create_user("xinzhou_secrecy_officer")
    secrecy_officer.groups.add(secrecy_group_of(Site.objects.get(hostname=HOST)))
    article.refresh_from_db()
    confirmed = {"no_state_secret": True, "no_commercial_secret": True, "no_personal_information": True}

    with pytest.raises(PermissionDenied, match=f"图片「{image.title}」没有替代文本"):
        article.current_workflow_task.specific.on_action(
            article.current_workflow_task_state, secrecy_officer, "approve", **confirmed
        )
    assert ArticlePage.objects.get(pk=article.pk).cover_image_id != image.pk


def test_scheduled_publishing__unschedules_a_revision_whose_image_has_no_alternative_text(
    article_with_undescribed_cover,
):
    article, image = article_with_undescribed_cover
    article.cover_image = image
    now = timezone.now()
    revision = article.save_revision(approved_go_live_at=now - timedelta(minutes=1))

    tick(now - timedelta(minutes=1), now)

    revision.refresh_from_db()
    assert revision.approved_go_live_at is None
    assert ArticlePage.objects.get(pk=article.pk).cover_image_id != image.pk
    assert PageLogEntry.objects.filter(page=article, action="wagtail.schedule.cancel").exists()


def test_import__refuses_a_line_whose_body_has_an_image_without_alt(tmp_path):
    item = {"site": HOST, "column": "xxfb/zwdt", "source": "信州区人民政府办公室"}
    lines = [
        {
            **item,
            "title": "旧站图片新闻",
            "body_html": '<p>会场</p><img src="/old/a.png">',
            "published_at": "2019-05-01",
        },
        {
            **item,
            "title": "旧站配图新闻",
            "body_html": '<img src="/old/b.png" alt="会场">',
            "published_at": "2019-05-02",
        },
    ]
    path = tmp_path / "legacy.jsonl"
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines))
    out, err = io.StringIO(), io.StringIO()
    call_command("import_content", str(path), stdout=out, stderr=err)
    assert err.getvalue().splitlines() == [
        '第 1 行：正文中有 1 张图片没有替代文本（alt），请在源数据中补上（装饰性图片写 alt=""）'
    ]
    assert list(ArticlePage.objects.filter(title__startswith="旧站").values_list("title", flat=True)) == [
        "旧站配图新闻"
    ]


def test_reviewer_approving_from_the_editor__is_told_the_image_lacks_alternative_text(
    client, article_with_undescribed_cover
):
    article, image = article_with_undescribed_cover
    editor = get_user_model().objects.get(username="xinzhou_editor")
    article.save_revision(user=editor)
    article.get_workflow().start(article, editor)
    response = _edit(
        client, article, "action-workflow-action", cover_image=image.pk, **{"workflow-action-name": "approve"}
    )
    assert response.status_code == HTTPStatus.OK
    assert f"图片「{image.title}」没有替代文本" in response.content.decode()
    article.refresh_from_db()
    assert article.current_workflow_task.name.endswith("内容审核")
