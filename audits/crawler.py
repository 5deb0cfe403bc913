"""A polite crawl of one site over HTTP: every page it links to, and every link, image and file checked.

Bounded everywhere, so a bad site becomes findings instead of a hung run: each fetch has a time
limit (the 15 s rule) and a size limit, redirects are followed by hand (loops and chains are
caught), the crawl stops at a page limit, and robots.txt is obeyed for the site's own pages.
"""

import contextlib
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
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
    # An address no client can even parse (`http://[bad`, `http://a..b/`): a dead link, never fetched.
    MALFORMED = "malformed"


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
    except (httpx.InvalidURL, ValueError):
        result.error = "网址格式错误"
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
    known: dict[str, Fetched] | None = None,
) -> CrawlResult:
    """Crawl the site at `start_url` breadth first, then check every link target it found once.

    `known`: what other crawls of the same run fetched, by URL; links to it (another site of the
    cluster, a shared file) are not fetched again, and this crawl's fetches are added to it.
    """
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
                uses = links_of(fetched)
                result.links += uses
                for target in _site_pages(uses, host):
                    if target in queued:
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
            {urldefrag(use.target)[0] for use in result.links if use.kind != LinkKind.MALFORMED}
            - set(result.checked)
            - result.disallowed,
        )
        targets = [url for url in targets if _should_check(url, host, limits)]
        if known is not None:
            result.checked.update({url: known[url] for url in targets if url in known})
            targets = [url for url in targets if url not in known]
        for fetched in mapper(lambda url: fetch(client, url, limits, read_body=False), targets):
            result.checked[fetched.url] = fetched
    if known is not None:
        # Without their bodies: the run keeps only whether each URL answered.
        known.update({url: replace(fetched, text=None, page=None) for url, fetched in result.checked.items()})
    return result


def _site_pages(uses: list[LinkUse], host: str) -> list[str]:
    """The pages of the site itself that `uses` link to, without their fragments."""
    pages = (urldefrag(use.target)[0] for use in uses if use.kind == LinkKind.PAGE)
    return [target for target in pages if urlsplit(target).hostname == host]


def links_of(fetched: Fetched) -> list[LinkUse]:
    """Every http(s) target the page refers to: links, images, stylesheets and scripts."""
    page = fetched.page
    references = [(anchor.href, None, anchor.text or anchor.href) for anchor in page.anchors]
    references += [(image.src, LinkKind.IMAGE, image.excerpt) for image in page.images if image.src]
    references += [(resource, LinkKind.RESOURCE, resource) for resource in page.resources]
    uses = []
    for reference, kind, excerpt in references:
        try:
            target = _with_path(urljoin(fetched.final_url, reference.strip()))
            parts = urlsplit(target)
            _ = parts.port  # raises on a port out of range
        except ValueError:
            uses.append(LinkUse(fetched.url, reference[:500], LinkKind.MALFORMED, excerpt))
            continue
        if parts.scheme in CHECKED_SCHEMES:
            uses.append(LinkUse(fetched.url, target, kind or link_kind(target), excerpt))
    return uses


def _with_path(url: str) -> str:
    """`http://host` as `http://host/`, the URL a crawl starts from."""
    parts = urlsplit(url)
    return parts._replace(path="/").geturl() if parts.scheme in CHECKED_SCHEMES and not parts.path else url


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
