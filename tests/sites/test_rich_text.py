"""What an editor inserts is what citizens see; an imported body survives the admin unchanged.

Both round trips go through the admin's real edit view, posting the form as a browser would.
"""

import io
import json
from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import Site
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.blocks.rich_text import EDITOR_FEATURES
from sites.models import ArticlePage, SiteProfile
from tests.admin_forms import edit_form_data
from tests.workflow import approve_through_workflow

pytestmark = pytest.mark.django_db

HOST = "xinzhou.localhost"
LEGACY_BODY = (
    '<p style="text-align:center;"><strong>上饶市人民政府办公厅</strong></p>'
    "<table><caption>2012年电子政务项目预算</caption>"
    '<thead><tr><th scope="col">项目</th><th scope="col" style="text-align:right;">金额（万元）</th></tr></thead>'
    '<tbody><tr><td>政府网站群</td><td style="text-align:right;">120</td></tr>'
    '<tr><td colspan="2">合计另行下达</td></tr></tbody></table>'
    '<p style="text-align:right;">2012年3月26日</p>'
    '<p>详见<a href="https://www.gov.cn/zhengce/">中国政府网</a>。</p>'
    '<p><img src="/media/legacy/plan.png" alt="网站群结构图" width="640" height="360"></p>'
)


def publish_through_admin(page, change=None) -> None:
    """The site's editor opens the page's edit view, applies `change` to the form and submits it;
    the site's reviewer and secrecy reviewer approve it, which publishes it."""
    client = Client()
    client.force_login(get_user_model().objects.get(username="xinzhou_editor"))
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = edit_form_data(client.get(url, HTTP_HOST="www.localhost"))
    if change:
        change(data)
    data["action-submit"] = ["action-submit"]
    response = client.post(url, data, HTTP_HOST="www.localhost")
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:3000]
    approve_through_workflow(page, "xinzhou_reviewer", "xinzhou_secrecy")


def public_sections(page) -> dict[str, str]:
    html = Client().get(page.relative_url(page.get_site()), HTTP_HOST=HOST).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    return {"body": str(soup.select_one("div.body")), "files": str(soup.select_one(".attachments"))}


def replace_body(html: str):
    def change(data):
        for key in [key for key in data if key.startswith("body-")]:
            del data[key]
        data.update(nested_form_data({"body": streamfield([("rich_text", rich_text(html, features=EDITOR_FEATURES))])}))

    return change


def test_image_inserted_in_the_editor__shows_on_the_public_page():
    site = Site.objects.get(hostname=HOST)
    article = ArticlePage.objects.live().descendant_of(site.root_page).first()
    image = get_image_model().objects.filter(collection=SiteProfile.for_site(site).collection).first()
    body = f'<p>会议现场：</p><embed embedtype="image" id="{image.pk}" format="fullwidth" alt="会议现场照片"/>'
    publish_through_admin(article, replace_body(body))
    shown = BeautifulSoup(public_sections(article)["body"], "html.parser")
    img = shown.find("img", alt="会议现场照片")
    assert img is not None, shown
    assert img["src"].startswith("/media/images/")
    assert Client().get(img["src"], HTTP_HOST=HOST).status_code == HTTPStatus.OK


def test_imported_body__survives_opening_and_saving_in_the_admin_unchanged(tmp_path):
    (tmp_path / "files").mkdir()
    (tmp_path / "files" / "预算表.xls").write_bytes(b"\xd0\xcf\x11\xe0 legacy spreadsheet")
    line = {
        "site": HOST,
        "column": "xxfb/wjzl",
        "title": "关于印发2012年电子政务项目预算的通知",
        "body_html": LEGACY_BODY,
        "published_at": "2012-03-26T09:00:00+08:00",
        "source": "信州区人民政府办公室",
        "attachments": ["files/预算表.xls"],
    }
    (tmp_path / "legacy.jsonl").write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    call_command("import_content", str(tmp_path / "legacy.jsonl"), stdout=io.StringIO(), stderr=io.StringIO())
    article = ArticlePage.objects.get(title=line["title"])
    before = public_sections(article)
    assert "<table>" in before["body"]
    assert 'style="text-align:right;"' in before["body"]
    assert "预算表.xls" in before["files"]

    publish_through_admin(article)

    article.refresh_from_db()
    assert article.get_latest_revision().created_at > article.first_published_at
    assert public_sections(article) == before
