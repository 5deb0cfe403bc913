"""Security response headers of the home page, and HTTP resources on HTTPS pages."""

from urllib.parse import urlsplit

from audits.checks.base import AuditContext, Observation

REQUIRED_HEADERS = (
    ("x-content-type-options", "X-Content-Type-Options"),
    ("content-security-policy", "Content-Security-Policy"),
    ("referrer-policy", "Referrer-Policy"),
)


def security_headers(context: AuditContext):
    home = context.crawl.home
    if not home.ok:
        return
    headers = home.headers
    for key, name in REQUIRED_HEADERS:
        if key not in headers:
            yield Observation(f"首页响应缺少 {name}", home.url)
    if "x-frame-options" not in headers and "frame-ancestors" not in headers.get("content-security-policy", ""):
        yield Observation("首页响应缺少防止嵌套的 X-Frame-Options 或 frame-ancestors", home.url)
    if urlsplit(home.final_url).scheme == "https" and "strict-transport-security" not in headers:
        yield Observation("HTTPS 首页缺少 Strict-Transport-Security", home.url)


def mixed_content(context: AuditContext):
    for url, fetched in context.crawl.pages.items():
        if urlsplit(fetched.final_url).scheme != "https":
            continue
        page = fetched.page
        insecure = [image.src for image in page.images if image.src.startswith("http://")]
        insecure += [resource for resource in page.resources if resource.startswith("http://")]
        if insecure:
            yield Observation(f"HTTPS 页面引用了 {len(insecure)} 个 HTTP 资源", url, insecure[0][:500])
