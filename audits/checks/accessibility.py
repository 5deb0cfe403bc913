"""Accessibility basics of GB/T 37668-2019, page by page."""

from audits.checks.base import AuditContext, Observation


def _pages(context: AuditContext):
    return ((url, fetched.page) for url, fetched in context.crawl.pages.items())


def image_alt(context: AuditContext):
    for url, page in _pages(context):
        missing = [image for image in page.images if image.alt is None]
        if missing:
            yield Observation(f"{len(missing)} 张图片缺少 alt 替代文本", url, missing[0].excerpt)


def page_lang(context: AuditContext):
    for url, page in _pages(context):
        if not page.lang:
            yield Observation("页面未在 <html> 上声明 lang", url)


def heading_order(context: AuditContext):
    for url, page in _pages(context):
        previous = 0
        for level, text in page.headings:
            if previous and level > previous + 1:
                yield Observation(f"标题从 h{previous} 跳到 h{level}", url, text[:120])
                break
            previous = level


def field_labels(context: AuditContext):
    for url, page in _pages(context):
        unlabelled = page.unlabelled_fields()
        if unlabelled:
            yield Observation(f"{len(unlabelled)} 个表单字段没有标签", url, unlabelled[0].excerpt)
