"""Browser tests: a real headless Chromium (Debian's) driven by Playwright against a live server."""

import os
import shutil
from pathlib import Path

import pytest

E2E_DIR = Path(__file__).parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if item.path.is_relative_to(E2E_DIR):
            item.add_marker(pytest.mark.browser)


# Playwright's sync API runs an event loop in the test thread; the test's own ORM calls are still
# synchronous, so Django's async-safety guard is lifted for this package only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


# Module scope: Playwright's event loop lives as long as the browser, and asgiref's async_to_sync
# refuses to run in a thread that has one, so other tests must not run while it is open.
@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (apt-get install chromium); .ci/run installs it.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai")
    page = context.new_page()
    yield page
    context.close()


def site_url(live_server, hostname: str, path: str = "/") -> str:
    """The live server's address for one site: Chromium resolves every *.localhost to loopback."""
    port = live_server.url.rsplit(":", 1)[1]
    return f"http://{hostname}:{port}{path}"
