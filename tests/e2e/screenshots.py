"""`make screenshots`: desktop and phone screenshots of every page type of a city, a county and a
department site, and of the same pages in the 适老化 mode, into one folder for side-by-side review.

Not collected by the suite (the name does not start with `test_`); make passes the file by name.
Chinese text needs a CJK font in the browser's system (apt-get install fonts-noto-cjk): without one
every character is an empty box, so the run stops and says so.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.e2e.conftest import site_url
from tests.e2e.test_accessibility import CARE_CHOICES, CARE_PAGE_KINDS, DESKTOP, HOSTNAMES, PHONE, pages_of_every_type

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

FOLDER = Path(os.environ.get("SCREENSHOTS_DIR", "var/screenshots"))


def cjk_font_families() -> str:
    """The fonts fontconfig offers chromium for Chinese text."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return ""
    command = [fc_list, ":lang=zh", "family"]
    return subprocess.run(command, capture_output=True, text=True, check=False).stdout  # noqa: S603 (fixed arguments)


def test_screenshots_of_every_page_type(browser, live_server):
    if not cjk_font_families().strip():
        pytest.fail("没有中文字体，截图中的汉字会显示为方框：请先安装 apt-get install fonts-noto-cjk")
    FOLDER.mkdir(parents=True, exist_ok=True)
    written = []
    for care in ("", CARE_CHOICES):
        for viewport_name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
            context = browser.new_context(viewport=viewport, locale="zh-CN", device_scale_factor=1)
            if care:
                context.add_cookies(
                    [{"name": "care", "value": care, "url": site_url(live_server, host)} for host in HOSTNAMES]
                )
            page = context.new_page()
            for hostname in HOSTNAMES:
                for kind, path in pages_of_every_type(hostname).items():
                    if care and kind not in CARE_PAGE_KINDS:
                        continue
                    page.goto(site_url(live_server, hostname, path))
                    name = "-".join(part for part in (*kind, "care" if care else "") if part)
                    target = FOLDER / f"{hostname.split('.')[0]}-{name}-{viewport_name}.png"
                    page.screenshot(path=target, full_page=True)
                    written.append(target)
            context.close()
    print(f"\n{len(written)} screenshots in {FOLDER.resolve()}")  # noqa: T201
    assert written
