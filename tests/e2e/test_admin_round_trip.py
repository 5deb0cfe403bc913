"""An administrator's browser opening and publishing an imported article changes nothing citizens see.

Sites' reviewers publish through the workflow (保密审查); only cluster administrators publish directly.
"""

import io
import json
import re

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from playwright.sync_api import expect

from sites.models import ArticlePage
from tests.e2e.conftest import site_url
from tests.sites.test_rich_text import LEGACY_BODY

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def public_body(page, live_server, article) -> str:
    page.goto(site_url(live_server, "xinzhou.localhost", article.relative_url(article.get_site())))
    return str(BeautifulSoup(page.content(), "html.parser").select_one("div.body"))


def test_cluster_admin_publishes_an_imported_article_in_the_browser__body_unchanged(page, live_server, tmp_path):
    line = {
        "site": "xinzhou.localhost",
        "column": "xxfb/wjzl",
        "title": "浏览器往返：带表格的旧文件",
        "body_html": LEGACY_BODY,
        "published_at": "2012-03-26T09:00:00+08:00",
    }
    (tmp_path / "legacy.jsonl").write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    call_command("import_content", str(tmp_path / "legacy.jsonl"), stdout=io.StringIO(), stderr=io.StringIO())
    article = ArticlePage.objects.get(title=line["title"])
    before = public_body(page, live_server, article)
    assert "<table>" in before

    page.goto(site_url(live_server, "www.localhost", "/admin/login/"))
    page.get_by_label("用户名").fill("admin")
    page.get_by_placeholder("输入密码").fill("Demo@2026")
    page.get_by_role("button", name="登录").click()
    page.goto(site_url(live_server, "www.localhost", f"/admin/pages/{article.pk}/edit/"))
    expect(page.locator("textarea[name^='body-']")).to_have_value(str(article.body[0].value))
    page.get_by_role("button", name="更多动作").click()
    page.locator("button[name=action-publish]").click()
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/$"))

    # An import creates its pages without a revision: this one is the administrator's publish.
    assert article.revisions.count() >= 1
    assert public_body(page, live_server, article) == before
