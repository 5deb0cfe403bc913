"""在线访谈 in a real browser: a viewer's open live page shows the host's message without reloading.

WebSocket needs the ASGI server, so the site is served by uvicorn in a subprocess on the test
database (committed data, as in tests/sites/test_cache_coherence.py); the host posts from the
console page of another browser context, so the message goes through the server's own channel
layer and hub.
"""

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from playwright.sync_api import expect

from interviews import broadcasting
from interviews.enums import Role
from sites.models import SiteProfile
from tests.interviews.factories import InterviewPageFactory, StaffFactory, give_role, interviews_column
from tests.sites.factories import SiteFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
HOSTNAME = "interview-e2e.localhost"
PROJECT_DIR = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def asgi_server(tmp_path):
    """uvicorn on the test database; yields its base URL for HOSTNAME."""
    port = free_port()
    db = connection.settings_dict
    database_url = (
        f"sqlite:///{db['NAME']}"
        if db["ENGINE"].endswith("sqlite3")
        else f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )
    environ = {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        **({"REDIS_URL": settings.REDIS_URL} if settings.REDIS_URL else {"CACHE_DIR": str(tmp_path / "cache")}),
    }
    log = (tmp_path / "server.log").open("wb")
    server = subprocess.Popen(  # noqa: S603 (a fixed command line)
        [sys.executable, "-m", "uvicorn", "cms.asgi:application", "--port", str(port)],
        cwd=PROJECT_DIR,
        env=environ,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://{HOSTNAME}:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/", headers={"Host": HOSTNAME}, timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert server.poll() is None, (tmp_path / "server.log").read_text()
            assert time.monotonic() < deadline, (tmp_path / "server.log").read_text()
            time.sleep(0.3)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


@pytest.fixture
def live_interview():
    site = SiteFactory(hostname=HOSTNAME)
    interview = InterviewPageFactory(parent=interviews_column(site), title="浏览器测试访谈")
    broadcasting.start_broadcast(interview)
    host = StaffFactory()
    host.groups.add(SiteProfile.for_site(site).editor_group)
    give_role(interview, host, Role.HOST)
    client = Client()
    client.force_login(host)
    return interview, client.cookies["sessionid"].value


def test_viewer__sees_the_host_message_without_reloading(browser, asgi_server, live_interview):
    interview, session = live_interview
    path = interview.relative_url(interview.get_site())
    viewer_context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai")
    viewer = viewer_context.new_page()
    problems = []
    viewer.on("pageerror", lambda error: problems.append(str(error)))
    # Every response the page needs must succeed (browsers also ask for a favicon the sites do not have).
    viewer.on(
        "response",
        lambda response: (
            response.status >= 400 and not response.url.endswith("/favicon.ico") and problems.append(response.url)
        ),
    )
    viewer.goto(f"{asgi_server}{path}")
    expect(viewer.locator("#interview")).to_have_attribute("data-connected", "true")
    navigations = []
    viewer.on("framenavigated", lambda frame: navigations.append(frame.url))

    # A second viewer whose WebSocket never gets through: it falls back to polling.
    polling_context = browser.new_context(locale="zh-CN")
    polling = polling_context.new_page()
    polling.route_web_socket(re.compile(".*"), lambda socket: socket.close())
    polling.goto(f"{asgi_server}{path}")

    host_context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai")
    host_context.add_cookies([{"name": "sessionid", "value": session, "domain": HOSTNAME, "path": "/"}])
    console = host_context.new_page()
    console.goto(f"{asgi_server}/admin/interviews/{interview.pk}/")
    expect(console.locator("#console-connection")).to_have_text("实时连接正常")
    console.get_by_label("内容").fill("各位网友，欢迎收看本期访谈！")
    console.get_by_role("button", name="发布", exact=True).click()

    stream = viewer.locator("#interview-messages")
    expect(stream.get_by_text("各位网友，欢迎收看本期访谈！")).to_be_visible()
    expect(stream.locator(".speaker").last).to_have_text("主持人")
    assert navigations == []
    assert problems == []
    expect(console.locator("#console-messages")).to_contain_text("各位网友，欢迎收看本期访谈！")
    expect(polling.locator("#interview-connection")).to_contain_text("定时刷新")
    expect(polling.locator("#interview-messages")).to_contain_text("各位网友，欢迎收看本期访谈！", timeout=20_000)
    for context in (viewer_context, polling_context, host_context):
        context.close()
