"""Citizens' view of the cluster in a real browser: each site by its own name, on a phone too."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import site_url

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 375, "height": 740}


def test_city_portal__leads_to_a_county_portal_through_the_cluster_navigation(page, live_server):
    page.goto(site_url(live_server, "www.localhost"))
    expect(page).to_have_title("上饶市人民政府门户网站")
    cluster = page.get_by_role("region", name="站群导航")
    expect(cluster.get_by_role("link")).to_have_count(16)
    href = cluster.get_by_role("link", name="信州区").get_attribute("href")
    page.goto(href.replace("http://xinzhou.localhost", site_url(live_server, "xinzhou.localhost").rstrip("/")))
    expect(page.get_by_role("link", name="信州区人民政府门户网站")).to_be_visible()
    expect(page.locator("meta[name=SiteIDCode]")).to_have_attribute("content", "3611020001")


def test_county_portal__column_and_article_with_breadcrumbs(page, live_server):
    page.goto(site_url(live_server, "xinzhou.localhost"))
    page.get_by_role("navigation", name="栏目导航").get_by_role("link", name="信息发布").click()
    expect(page.get_by_role("heading", level=1, name="信息发布")).to_be_visible()
    page.get_by_role("complementary", name="子栏目").get_by_role("link", name="政务动态").click()
    page.locator(".article-list a").first.click()
    crumbs = page.get_by_role("navigation", name="当前位置")
    expect(crumbs.get_by_role("link")).to_have_text(["首页", "信息发布", "政务动态"])
    expect(page.locator(".article-meta")).to_contain_text(re.compile(r"发布时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}"))
    expect(page.get_by_role("img", name="党政机关")).to_be_visible()


@pytest.mark.parametrize("hostname", ["www.localhost", "xinzhou.localhost", "jyj.localhost"])
def test_every_theme__fits_a_phone_screen_without_sideways_scrolling(browser, live_server, hostname):
    context = browser.new_context(viewport=PHONE, locale="zh-CN")
    page = context.new_page()
    page.goto(site_url(live_server, hostname))
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    expect(page.get_by_role("navigation", name="栏目导航")).to_be_visible()
    expect(page.locator(".site-footer")).to_contain_text("网站标识码")
    context.close()


def test_public_pages__load_without_console_errors_or_blocked_resources(page, live_server):
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("requestfailed", lambda request: problems.append(request.url))
    page.goto(site_url(live_server, "www.localhost", "/xxfb/fzrxx/"))
    page.wait_for_load_state("networkidle")
    assert problems == []
    expect(page.locator(".leader-list img").first).to_be_visible()
