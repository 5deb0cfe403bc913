"""The crawl against a hostile little site served over real HTTP: every bad answer becomes a finding, never a hang."""

import contextlib
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from wagtail.models import Site

from audits.checks import AuditContext
from audits.checks.links import links_check, missing_fragments
from audits.crawler import CrawlLimits, Fetched, crawl, make_client
from audits.enums import CheckCode

HOME = """<!DOCTYPE html><html lang="zh-hans"><body>
<a href="/ok/">正常</a> <a href="/ok/#there">锚点</a> <a href="/ok/#absent">缺锚点</a>
<a href="/error/">出错</a> <a href="/loop/">循环</a> <a href="/slow/">慢</a> <a href="/huge/">巨大</a>
<a href="/files/report.pdf">附件</a> <a href="/limited/">限流</a> <a href="/private/">不许抓</a>
<a href="http://unreachable.invalid/">外站</a> <img src="/missing.png" alt="图">
<a href="mailto:office@example.gov.cn">邮件</a> <a href="javascript:void(0)">脚本</a>
<a href="http://[bad/">坏地址</a> <a href="http://a..b/">空标签</a> <a href="http://x:99999/">端口</a>
</body></html>"""
PAGE = '<!DOCTYPE html><html lang="zh-hans"><body><h1 id="there">页</h1>{links}</body></html>'
SLOW_SECONDS = 1.5


class HostileSite(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: PLR0911 (one branch per kind of bad answer)
        path = self.path
        if path == "/robots.txt":
            return self._send(200, "text/plain", b"User-agent: *\nDisallow: /private/\n")
        if path == "/":
            return self._send(200, "text/html; charset=utf-8", HOME.encode())
        if path == "/ok/":
            links = "".join(f'<a href="/chain/{n}/">{n}</a>' for n in range(20))
            return self._send(200, "text/html; charset=utf-8", PAGE.format(links=links).encode())
        if path.startswith("/chain/"):
            return self._send(200, "text/html; charset=utf-8", PAGE.format(links="").encode())
        if path == "/error/":
            return self._send(500, "text/html", b"boom")
        if path in ("/loop/", "/loop2/"):
            self.send_response(302)
            self.send_header("Location", "/loop2/" if path == "/loop/" else "/loop/")
            self.end_headers()
            return None
        if path == "/slow/":
            time.sleep(SLOW_SECONDS)
            return self._send(200, "text/html", b"late")
        if path == "/huge/":
            return self._send(200, "text/html", b"<p>" + b"x" * (2 * 1024 * 1024))
        if path == "/files/report.pdf":
            return self._send(200, "application/pdf", bytes(range(256)) * 4096)
        if path == "/limited/":
            return self._send(429, "text/html", b"slow down")
        if path == "/private/":
            raise AssertionError("robots.txt forbids this page")
        return self._send(404, "text/html", b"not found")

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)


@pytest.fixture(scope="module")
def hostile_site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), HostileSite)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


LIMITS = CrawlLimits(max_pages=10, timeout=0.5, max_bytes=1024 * 1024, concurrency=4)


@pytest.fixture(scope="module")
def result(hostile_site):
    with make_client([]) as client:
        started = time.monotonic()
        crawled = crawl(client, hostile_site, LIMITS)
        crawled.seconds = time.monotonic() - started
    return crawled


def test_crawl__each_bad_answer_is_recorded_with_its_reason(result, hostile_site):
    checked = result.checked
    assert checked[f"{hostile_site}error/"].status == 500
    assert checked[f"{hostile_site}loop/"].error.startswith("重定向循环")
    assert checked[f"{hostile_site}slow/"].error == "超时：0.5 秒内未响应"
    assert checked[f"{hostile_site}huge/"].error == "页面超过 1 MB"
    assert checked[f"{hostile_site}limited/"].status == 429
    assert checked["http://unreachable.invalid/"].error == "无法连接服务器"
    assert checked[f"{hostile_site}missing.png"].status == 404
    attachment = checked[f"{hostile_site}files/report.pdf"]
    assert attachment.ok
    assert attachment.text is None


def test_crawl__obeys_robots_txt_and_stops_at_the_page_limit(result, hostile_site):
    assert f"{hostile_site}private/" not in result.checked
    assert result.disallowed == {f"{hostile_site}private/"}
    assert len(result.pages) <= LIMITS.max_pages
    assert result.truncated
    # Pages past the limit are still checked as links, just not crawled.
    assert all(result.checked[f"{hostile_site}chain/{n}/"].ok for n in range(20))


def test_crawl__never_waits_much_longer_than_its_time_limits(result):
    assert result.seconds < 10


def test_link_checks__classify_dead_links_and_treat_429_as_a_warning(result, hostile_site):
    context = AuditContext(site=Site(hostname="127.0.0.1"), profile=None, crawl=result, indicator_set=None, today=None)

    def messages(code):
        return sorted(observation.message.split("：")[0] for observation in links_check(code)(context))

    assert messages(CheckCode.DEAD_LINK) == [
        "HTTP 500",
        "网址格式错误",
        "网址格式错误",
        "超时",
        "重定向循环",
        "页面超过 1 MB",
    ]
    assert messages(CheckCode.DEAD_EXTERNAL_LINK) == ["无法连接服务器", "网址格式错误"]
    assert messages(CheckCode.DEAD_IMAGE) == ["HTTP 404"]
    assert messages(CheckCode.DEAD_ATTACHMENT) == []
    assert messages(CheckCode.RATE_LIMITED) == ["对方限制访问频率（HTTP 429），稍后复查"]
    fragments = [observation.message for observation in missing_fragments(context)]
    assert fragments == [f"页内锚点 #absent 不存在：{hostile_site}ok/"]


def test_crawl__reuses_what_the_run_already_fetched_and_adds_its_own(hostile_site):
    known = {"http://unreachable.invalid/": Fetched(url="http://unreachable.invalid/", error="已在本次考核中检查")}
    with make_client([]) as client:
        crawled = crawl(client, hostile_site, LIMITS, known=known)
    assert crawled.checked["http://unreachable.invalid/"].error == "已在本次考核中检查"
    assert known[f"{hostile_site}error/"].status == 500
    assert known[hostile_site].page is None  # the run keeps no page bodies
