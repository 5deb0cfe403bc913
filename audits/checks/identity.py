"""Meta tags, 网站标识码 and footer items.

Checked against the definitions the sites render from: `sites.meta_tags`, `sites.footer` and `sites.validators`.
"""

from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from wagtail.models import Page

from audits.checks.base import AuditContext, Observation, grouped
from sites.footer import missing_footer_items
from sites.meta_tags import ARTICLE_REQUIRED_TAGS, COLUMN_TAGS, SITE_TAGS, page_meta_tags
from sites.models import ArticlePage
from sites.validators import site_code_validator

# Column tags a column may leave empty (its description and keywords are optional fields).
REQUIRED_COLUMN_TAGS = ("ColumnName", "ColumnType")


def _pages_by_url(context: AuditContext) -> dict[str, Page]:
    root = context.site.root_page
    pages = Page.objects.live().descendant_of(root, inclusive=True).specific()
    return {"/" + page.url_path[len(root.url_path) :]: page for page in pages}


def meta_tags(context: AuditContext):
    by_url = _pages_by_url(context)
    found = []
    for url, fetched in context.crawl.pages.items():
        page = by_url.get(unquote(urlsplit(fetched.final_url).path))
        if page is None or fetched.page is None:
            continue
        expected = dict(page_meta_tags(context.site, context.profile, page))
        required = list(SITE_TAGS)
        if any(name in expected for name in COLUMN_TAGS):
            required += REQUIRED_COLUMN_TAGS
        if isinstance(page, ArticlePage):
            required += ARTICLE_REQUIRED_TAGS
        rendered = fetched.page.meta
        for name in required:
            if not rendered.get(name):
                found.append((f"missing {name}", Observation(f"缺少元数据 {name}", url, name)))
            elif name in expected and rendered[name] != expected[name]:
                message = f"元数据 {name} 与网站信息不符"
                found.append((f"wrong {name}", Observation(message, url, f"{rendered[name]} ≠ {expected[name]}")))
    return grouped(found)


def site_code(context: AuditContext):
    code = context.profile.site_code
    home = context.crawl.start_url
    if not code:
        yield Observation("网站信息未填写网站标识码", home)
        return
    try:
        site_code_validator(code)
    except ValidationError:
        yield Observation(f"网站标识码格式错误：{code}", home, "应为6位行政区划代码加4位序号")
        return
    organisation = context.profile.organisation
    if organisation and code.isdigit() and code[:6] != organisation.division_code:
        yield Observation(f"网站标识码前6位不是行政区划代码 {organisation.division_code}", home, code)
    fetched = context.crawl.pages.get(home)
    if fetched is not None and f"网站标识码：{code}" not in fetched.page.text:
        yield Observation("首页页脚未显示网站标识码", home, code)


def footer(context: AuditContext):
    found = []
    for url, fetched in context.crawl.pages.items():
        alts = [image.alt for image in fetched.page.images if image.alt]
        for item in missing_footer_items(fetched.page.text, alts):
            found.append((item, Observation(f"页脚缺少{item}", url, item)))
    return grouped(found)
