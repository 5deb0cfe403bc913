"""A polite crawl of one site over HTTP: every page it links to, and every link, image and file checked.

Bounded everywhere, so a bad site becomes findings instead of a hung run: each fetch has a time
limit (the 15 s rule) and a size limit, redirects are followed by hand (loops and chains are
caught), the crawl stops at a page limit, and robots.txt is obeyed for the site's own pages.
"""

import contextlib
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from audits.html import ParsedPage, parse_page

USER_AGENT = "ShangraoSiteAudit/1.0"
ATTACHMENT_EXTENSIONS = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".zip", ".rar", ".wps", ".ofd")
CHECKED_SCHEMES = ("http", "https")
READ_TYPES = ("text/html", "text/plain")


class LinkKind:
    PAGE = "page"
    IMAGE = "image"
    ATTACHMENT = "attachment"
    RESOURCE = "resource"


@dataclass(frozen=True)
class CrawlLimits:
    max_pages: int = 500
    timeout: float = 15.0
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    concurrency: int = 4
    check_external: bool = True
    unchecked_hosts: frozenset[str] = frozenset()


@dataclass
class Fetched:
    url: str
    status: int | None = None
    final_url: str = ""
    content_type: str = ""
    elapsed: float = 0.0
    error: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    text: str | None = None
    page: ParsedPage | None = None

    @property
    def ok(self) -> bool:
        return not self.error and self.status is not None and self.status < 400


@dataclass
class LinkUse:
    source: str
    target: str
    kind: str
    excerpt: str


@dataclass
class CrawlResult:
    start_url: str
    pages: dict[str, Fetched] = field(default_factory=dict)
    checked: dict[str, Fetched] = field(default_factory=dict)
    links: list[LinkUse] = field(default_factory=list)
    truncated: bool = False
    disallowed: set[str] = field(default_factory=set)

    @property
    def home(self) -> Fetched:
        return self.checked[self.start_url]


class ResolvingTransport(httpx.HTTPTransport):
    """Sends requests for the cluster's hosts to one server, keeping their Host header (like curl --resolve)."""

    def __init__(self, origin: str, **kwargs):
        super().__init__(**kwargs)
        parts = urlsplit(origin)
        self._scheme, self._host, self._port = parts.scheme, parts.hostname, parts.port

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.url = request.url.copy_with(scheme=self._scheme, host=self._host, port=self._port)
        return super().handle_request(request)


def make_client(cluster_hosts: Iterable[str], transport: httpx.BaseTransport | None = None) -> httpx.Client:
    """An HTTP client; with `transport`, the cluster's own hosts are reached through it, the rest normally."""
    mounts = {f"all://{host}": transport for host in cluster_hosts} if transport else {}
    return httpx.Client(
        mounts=mounts, headers={"User-Agent": USER_AGENT}, follow_redirects=False, trust_env=False, verify=True
    )


def fetch(client: httpx.Client, url: str, limits: CrawlLimits, read_body: bool = True) -> Fetched:
    """GET `url`, following redirects by hand; the body is read only when it is text and wanted."""
    result = Fetched(url=url, final_url=url)
    started = time.monotonic()
    visited = {url}
    try:
        for _hop in range(limits.max_redirects + 1):
            with client.stream("GET", result.final_url, timeout=limits.timeout) as response:
                result.status = response.status_code
                result.headers = {name.lower(): value for name, value in response.headers.items()}
                result.content_type = result.headers.get("content-type", "").split(";")[0].strip().lower()
                if response.is_redirect and "location" in result.headers:
                    target = urldefrag(urljoin(result.final_url, result.headers["location"]))[0]
                    if target in visited:
                        result.error = f"重定向循环：{target}"
                        return result
                    visited.add(target)
                    result.final_url = target
                    continue
                if read_body and result.content_type in READ_TYPES and response.status_code == 200:
                    result.text = _read_text(response, limits, started, result)
                    if result.text is not None and result.content_type == "text/html":
                        result.page = parse_page(result.text)
                return result
        result.error = f"重定向超过 {limits.max_redirects} 次"
    except httpx.TimeoutException:
        result.error = f"超时：{limits.timeout:g} 秒内未响应"
    except httpx.ConnectError:
        result.error = "无法连接服务器"
    except httpx.HTTPError as error:
        result.error = f"请求失败：{type(error).__name__}"
    finally:
        result.elapsed = time.monotonic() - started
    return result


def _read_text(response: httpx.Response, limits: CrawlLimits, started: float, result: Fetched) -> str | None:
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limits.max_bytes:
            result.error = f"页面超过 {limits.max_bytes // 1024 // 1024} MB"
            return None
        if time.monotonic() - started > limits.timeout:
            result.error = f"超时：{limits.timeout:g} 秒内未读完"
            return None
        chunks.append(chunk)
    return b"".join(chunks).decode(response.charset_encoding or "utf-8", errors="replace")


def crawl(
    client: httpx.Client,
    start_url: str,
    limits: CrawlLimits,
    progress: Callable[[Fetched], None] | None = None,
) -> CrawlResult:
    """Crawl the site at `start_url` breadth first, then check every link target it found once."""
    host = urlsplit(start_url).hostname
    robots = _robots(client, start_url, limits)
    result = CrawlResult(start_url=start_url)
    queued = {start_url}
    frontier = [start_url]
    with _bounded_map(limits.concurrency) as mapper:
        while frontier:
            next_frontier = []
            for fetched in mapper(lambda url: fetch(client, url, limits), frontier):
                result.checked[fetched.url] = fetched
                if progress:
                    progress(fetched)
                if fetched.page is None or urlsplit(fetched.final_url).hostname != host:
                    continue
                result.pages[fetched.url] = fetched
                for use in links_of(fetched):
                    result.links.append(use)
                    target = urldefrag(use.target)[0]
                    if use.kind != LinkKind.PAGE or urlsplit(target).hostname != host or target in queued:
                        continue
                    if not robots.can_fetch(USER_AGENT, target):
                        result.disallowed.add(target)
                    elif len(queued) >= limits.max_pages:
                        result.truncated = True
                    else:
                        queued.add(target)
                        next_frontier.append(target)
            frontier = next_frontier
        targets = sorted(
            {urldefrag(use.target)[0] for use in result.links} - set(result.checked) - result.disallowed,
        )
        targets = [url for url in targets if _should_check(url, host, limits)]
        for fetched in mapper(lambda url: fetch(client, url, limits, read_body=False), targets):
            result.checked[fetched.url] = fetched
    return result


def links_of(fetched: Fetched) -> list[LinkUse]:
    """Every http(s) target the page refers to: links, images, stylesheets and scripts."""
    base = fetched.final_url
    page = fetched.page
    uses = []
    for anchor in page.anchors:
        target = urljoin(base, anchor.href.strip())
        if urlsplit(target).scheme in CHECKED_SCHEMES:
            uses.append(LinkUse(fetched.url, target, link_kind(target), anchor.text or anchor.href))
    for image in page.images:
        if image.src and urlsplit(urljoin(base, image.src)).scheme in CHECKED_SCHEMES:
            uses.append(LinkUse(fetched.url, urljoin(base, image.src), LinkKind.IMAGE, image.excerpt))
    for resource in page.resources:
        target = urljoin(base, resource)
        if urlsplit(target).scheme in CHECKED_SCHEMES:
            uses.append(LinkUse(fetched.url, target, LinkKind.RESOURCE, resource))
    return uses


def link_kind(url: str) -> str:
    path = urlsplit(url).path.lower()
    if path.startswith("/documents/") or path.endswith(ATTACHMENT_EXTENSIONS):
        return LinkKind.ATTACHMENT
    return LinkKind.PAGE


def _should_check(url: str, site_host: str, limits: CrawlLimits) -> bool:
    host = urlsplit(url).hostname or ""
    if host == site_host:
        return True
    return limits.check_external and host not in limits.unchecked_hosts


def _robots(client: httpx.Client, start_url: str, limits: CrawlLimits) -> RobotFileParser:
    robots = RobotFileParser()
    fetched = fetch(client, urljoin(start_url, "/robots.txt"), limits)
    robots.parse((fetched.text or "").splitlines() if fetched.content_type == "text/plain" else [])
    return robots


@contextlib.contextmanager
def _bounded_map(concurrency: int) -> Iterator[Callable]:
    """`map` over a bounded thread pool, or in this thread when the concurrency is 1.

    One thread is what an in-process crawl needs: the WSGI app then shares this thread's database
    connection and sees its uncommitted data.
    """
    if concurrency <= 1:
        yield map
        return
    with ThreadPoolExecutor(concurrency) as pool:
        yield pool.map
