"""Dead links, images and attachments, internal and external, and missing #fragment targets."""

from urllib.parse import urldefrag

from audits.checks.base import AuditContext, Observation, grouped
from audits.crawler import LinkKind
from audits.enums import CheckCode

TOO_MANY_REQUESTS = 429


def _dead_code(context: AuditContext, kind: str, target: str) -> CheckCode:
    if kind == LinkKind.IMAGE:
        return CheckCode.DEAD_IMAGE
    if kind == LinkKind.ATTACHMENT:
        return CheckCode.DEAD_ATTACHMENT
    return CheckCode.DEAD_LINK if context.is_internal(target) else CheckCode.DEAD_EXTERNAL_LINK


def _broken(context: AuditContext):
    """(check code, key, observation) for every use of a target that did not answer."""
    for use in context.crawl.links:
        if use.kind == LinkKind.MALFORMED:
            yield CheckCode.DEAD_LINK, use.target, Observation(f"网址格式错误：{use.target}", use.source, use.excerpt)
            continue
        target = urldefrag(use.target)[0]
        fetched = context.crawl.checked.get(target)
        if fetched is None or fetched.ok:
            continue
        if fetched.status == TOO_MANY_REQUESTS:
            code = CheckCode.RATE_LIMITED
            reason = "对方限制访问频率（HTTP 429），稍后复查"
        else:
            code = _dead_code(context, use.kind, target)
            reason = fetched.error or f"HTTP {fetched.status}"
        yield code, target, Observation(f"{reason}：{target}", use.source, use.excerpt)


def links_check(code: CheckCode):
    def run(context: AuditContext):
        return grouped((key, observation) for found, key, observation in _broken(context) if found == code)

    return run


def missing_fragments(context: AuditContext):
    pages = context.crawl.pages
    found = []
    for use in context.crawl.links:
        if use.kind == LinkKind.MALFORMED:
            continue
        target, fragment = urldefrag(use.target)
        if not fragment or fragment == "top":
            continue
        page = pages.get(target)
        if page is not None and page.page is not None and fragment not in page.page.targets:
            found.append((use.target, Observation(f"页内锚点 #{fragment} 不存在：{target}", use.source, use.excerpt)))
    return grouped(found)
