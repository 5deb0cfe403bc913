"""Every public page type of a city, a county and a department site, checked by the tools the
national assessment uses: valid HTML (W3C Nu checker), no WCAG 2.1 A/AA violation (axe-core), no
sideways scrolling on a 390 px phone."""

import pytest
from wagtail.models import Site

from tests.e2e.checkers import html_errors, install_checkers, wcag_violations
from tests.e2e.conftest import site_url

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# One site of each theme.
HOSTNAMES = ["www.localhost", "xinzhou.localhost", "jyj.localhost"]
# Columns whose listing differs in markup; the other column types list articles like `news`.
COLUMN_TYPES = {"channel", "news", "leaders", "services", "topics", "interviews"}
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 800}


def pages_of_every_type(hostname: str) -> list[str]:
    """Paths of one live page of each type on the site (each interview state too), and a missing page."""
    root = Site.objects.get(hostname=hostname).root_page
    paths = {}
    for page in root.get_descendants(inclusive=True).live().specific().order_by("path"):
        kind = type(page).__name__
        if kind == "ColumnPage" and page.column_type not in COLUMN_TYPES:
            continue
        variant = page.column_type if kind == "ColumnPage" else page.slug if kind == "InterviewPage" else ""
        paths.setdefault((kind, variant), page.url_path[len(root.url_path) - 1 :])
    return [*paths.values(), "/no-such-page/"]


def test_every_page_type__is_valid_accessible_html_that_fits_a_phone(browser, live_server, tmp_path):
    install_checkers()
    documents, violations, overflowing = {}, {}, {}
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN", bypass_csp=True)
    page = context.new_page()
    for hostname in HOSTNAMES:
        for path in pages_of_every_type(hostname):
            name = f"{hostname}{path}"
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
    assert not errors, f"{len(errors)} HTML errors in {len(documents)} pages:\n" + "\n".join(errors)
    assert not violations, "WCAG 2.1 AA violations:\n" + "\n".join(
        f"{name}: {violation}" for name, found in violations.items() for violation in found
    )
    assert not overflowing, f"wider than a {PHONE['width']} px phone (px too wide): {overflowing}"
