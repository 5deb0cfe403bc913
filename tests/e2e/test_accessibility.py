"""Every public page type of a city, a county and a department site, checked by the tools the
national assessment uses: valid HTML (W3C Nu checker), no WCAG 2.1 A/AA violation (axe-core), no
sideways scrolling on a 390 px phone; with and without the 适老化 mode. And the mode itself, used
by keyboard, with and without JavaScript.

One module, so one browser serves every check; the checkers come from npm (tests/e2e/checkers)."""

import re
from urllib.parse import quote

import pytest
from django.test import Client
from playwright.sync_api import expect
from wagtail.models import Site

from tests.e2e.checkers import html_errors, install_checkers, wcag_violations
from tests.e2e.conftest import site_url

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# One site of each theme.
HOSTNAMES = ["www.localhost", "xinzhou.localhost", "jyj.localhost"]
# Columns whose listing differs in markup; the other column types list articles like `news`.
COLUMN_TYPES = {"channel", "news", "leaders", "services", "topics", "interviews"}
# In the 适老化 mode the styles change, not the markup: the pages with the most kinds of content.
CARE_PAGE_KINDS = {
    ("HomePage", ""),
    ("ColumnPage", "news"),
    ("ArticlePage", "cover"),
    ("InterviewPage", "demo-live"),
    ("DisclosurePage", "apply/"),
    ("search", "results"),
}
CARE_CHOICES = "text2-contrast-spacing-cursor-guide"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 800}


def _variant(page) -> str:
    """What makes pages of one type look different: a column's type, an interview's state, a cover image."""
    match type(page).__name__:
        case "ColumnPage":
            return page.column_type
        case "InterviewPage":
            return page.slug
        case "ArticlePage":
            return "cover" if page.cover_image_id else ""
    return ""


def pages_of_every_type(hostname: str) -> dict[tuple[str, str], str]:
    """Paths of one live page of each type on the site (each interview state, articles with and without
    a cover image), and a missing page."""
    root = Site.objects.get(hostname=hostname).root_page
    paths = {}
    for page in root.get_descendants(inclusive=True).live().specific().order_by("path"):
        kind = type(page).__name__
        if kind == "ColumnPage" and page.column_type not in COLUMN_TYPES:
            continue
        variant = _variant(page)
        paths.setdefault((kind, variant), page.url_path[len(root.url_path) - 1 :])
        if hasattr(page, "get_subpage_urls"):
            paths |= _routes(hostname, page, paths[kind, variant])
    paths["search", ""] = "/search/"
    paths["search", "results"] = "/search/?q=" + quote("政务")
    paths["404", ""] = "/no-such-page/"
    return paths


def _routes(hostname: str, page, base: str) -> dict[tuple[str, str], str]:
    """A routable page's routes: those without parameters, and the first link found to each of the others."""
    routes = [str(pattern.pattern) for pattern in page.get_subpage_urls()]
    paths = {(type(page).__name__, route): base + route for route in routes if route and "<" not in route}
    client = Client(HTTP_HOST=hostname)
    pages = [client.get(path).content.decode() for path in [base, *paths.values()]]
    for route in routes:
        if "<" in route:
            prefix = base + route[: route.index("<")]
            link = re.search(rf'href="(?:https?://[^/"]+)?({re.escape(prefix)}[^"/]+/)"', "".join(pages))
            if link:
                paths[type(page).__name__, route] = link.group(1)
    return paths


def test_every_page_type__is_valid_accessible_html_that_fits_a_phone(browser, live_server, tmp_path):
    install_checkers()
    documents, violations, overflowing = {}, {}, {}
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN", bypass_csp=True)
    page = context.new_page()
    for care in ("", CARE_CHOICES):
        context.clear_cookies()
        if care:
            context.add_cookies([{"name": "care", "value": care, "url": site_url(live_server, h)} for h in HOSTNAMES])
        for hostname in HOSTNAMES:
            for kind, path in pages_of_every_type(hostname).items():
                if care and kind not in CARE_PAGE_KINDS:
                    continue
                name = f"{hostname}{path}{' (适老化)' if care else ''}"
                page.set_viewport_size(DESKTOP)
                documents[name] = page.goto(site_url(live_server, hostname, path)).text()
                if found := wcag_violations(page):
                    violations[name] = found
                page.set_viewport_size(PHONE)
                overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
                if overflow > 0:
                    overflowing[name] = overflow
    context.close()
    errors = html_errors(documents, tmp_path)
    assert len(documents) > 60
    assert not errors, f"{len(errors)} HTML errors in {len(documents)} pages:\n" + "\n".join(errors)
    assert not violations, "WCAG 2.1 AA violations:\n" + "\n".join(
        f"{name}: {violation}" for name, found in violations.items() for violation in found
    )
    assert not overflowing, f"wider than a {PHONE['width']} px phone (px too wide): {overflowing}"


def _root_font_size(page) -> str:
    return page.evaluate("getComputedStyle(document.documentElement).fontSize")


def test_care_mode__by_keyboard_without_javascript__enlarges_text_and_raises_contrast_on_every_page(
    browser, live_server
):
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN", java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url(live_server, "xinzhou.localhost", "/xxfb/zwdt/"))
    assert _root_font_size(page) == "16px"

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="跳到主要内容")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
    toolbar = page.get_by_role("navigation", name="适老化与无障碍")
    for _ in range(3):
        page.keyboard.press("Tab")
    expect(toolbar.get_by_role("link", name="特大字")).to_be_focused()
    with page.expect_navigation(url="**/xxfb/zwdt/"):
        page.keyboard.press("Enter")
    assert _root_font_size(page) == "24px"
    with page.expect_navigation(url="**/xxfb/zwdt/"):
        toolbar.get_by_role("link", name="高对比度").click()

    # Remembered on the next page.
    with page.expect_navigation():
        page.get_by_role("navigation", name="栏目导航").get_by_role("link", name="首页").click()
    assert _root_font_size(page) == "24px"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"
    with page.expect_navigation():
        toolbar.get_by_role("link", name="恢复默认").click()
    assert _root_font_size(page) == "16px"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != "rgb(0, 0, 0)"
    context.close()


def test_care_mode__with_javascript__offers_the_reading_guide_line_and_reading_aloud(browser, live_server):
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    page = context.new_page()
    page.goto(site_url(live_server, "jyj.localhost"))
    expect(page.locator(".care-guide-line")).to_have_count(0)
    with page.expect_navigation():
        page.get_by_role("link", name="阅读辅助线").click()
    page.mouse.move(300, 400)
    guide = page.locator(".care-guide-line")
    expect(guide).to_be_visible()
    box = guide.bounding_box()
    assert box["y"] < 400 < box["y"] + box["height"]
    if page.evaluate("'speechSynthesis' in window"):
        expect(page.get_by_role("button", name="朗读本页")).to_be_visible()
    context.close()
