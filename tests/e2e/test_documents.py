"""An article's attachment, downloaded by a real browser, is the file that was uploaded."""

import io

import pytest
import wagtail_factories
from PIL import Image

from sites.models import ArticleAttachment
from tests.e2e.conftest import site_url
from tests.sites.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def pdf_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 80), "#1f4e9c").save(buffer, format="PDF")
    return buffer.getvalue()


def test_article_attachment__downloads_byte_identical(page, live_server, tmp_path):
    content = pdf_bytes()
    document = wagtail_factories.DocumentFactory(
        title="2026年政府信息公开工作要点", file__filename="gongkai-2026.pdf", file__data=content
    )
    article = ArticlePageFactory()
    article.attachments.add(ArticleAttachment(document=document, title="2026年政府信息公开工作要点"))
    article.save_revision().publish()
    site = article.get_site()

    page.goto(site_url(live_server, site.hostname, article.relative_url(site)))
    link = page.get_by_role("region", name="附件").get_by_role("link", name="2026年政府信息公开工作要点")
    with page.expect_download() as started:
        link.click(modifiers=["Alt"])  # Alt-click: save the link rather than open it
    download = started.value
    assert download.failure() is None
    assert download.suggested_filename == "gongkai-2026.pdf"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.read_bytes() == content
