"""The demo's audits: one audit of every site, and the faults `seed_demo --with-faults` plants for it to find."""

from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from wagtail.models import Site

from audits.auditing import default_limits, in_process_transport, run_audit
from audits.enums import CheckCode, RunTrigger
from audits.models import AuditRun
from cms.blocks.body import legacy_html_body
from sites.enums import ColumnType
from sites.models import ArticlePage, ColumnPage, SiteProfile

FAULT_SLUG = "audit-fault"
DEAD_INTERNAL_PATH = "/xxfb/zwdt/no-such-article/"
DEAD_EXTERNAL_URL = "http://unreachable.invalid/report.html"


def seed_demo(sites: list[Site]) -> None:
    """Audit every site once, in this process, if no audit has been run yet."""
    if settings.AUDITS_AUDIT_ON_SEED and not AuditRun.objects.exists():
        audit_in_process(sites)


def audit_in_process(sites: list[Site]) -> AuditRun:
    with in_process_transport() as transport:
        return run_audit(sites, transport=transport, limits=default_limits(concurrency=1), trigger=RunTrigger.DEMO)


def _news_column(site: Site) -> ColumnPage:
    return ColumnPage.objects.descendant_of(site.root_page).get(slug="zwdt")


def _publish_fault_article(site: Site, html: str) -> None:
    column = _news_column(site)
    if ArticlePage.objects.child_of(column).filter(slug=FAULT_SLUG).exists():
        return
    article = ArticlePage(
        title="网站考核演示：植入的问题", slug=FAULT_SLUG, source="演示数据", body=legacy_html_body(html)
    )
    column.add_child(instance=article)
    article.save_revision().publish()


def _dead_internal_link(site: Site) -> None:
    _publish_fault_article(site, f'<p>详见<a href="{DEAD_INTERNAL_PATH}">已删除的文章</a>。</p>')


def _dead_external_link(site: Site) -> None:
    _publish_fault_article(site, f'<p>详见<a href="{DEAD_EXTERNAL_URL}">外部报告</a>。</p>')


def _image_without_alt(site: Site) -> None:
    _publish_fault_article(site, '<p><img src="/static/themes/img/dzjg.svg" width="55" height="60"></p>')


def _stale_news_column(site: Site) -> None:
    ArticlePage.objects.descendant_of(_news_column(site)).update(pub_date=timezone.now() - timedelta(days=60))


def _blank_column(site: Site) -> None:
    home = site.root_page
    if not ColumnPage.objects.child_of(home).filter(slug="kblm").exists():
        column = ColumnPage(title="工作简报", slug="kblm", column_type=ColumnType.NOTICES)
        home.add_child(instance=column)
        column.save_revision().publish()


def _missing_footer_code(site: Site) -> None:
    SiteProfile.objects.filter(site=site).update(site_code="")


# The first label of the site's host → (the fault, the checks that must find it, how to plant it).
FAULTS: dict[str, tuple[str, set[str], Callable[[Site], None]]] = {
    "www": ("错误的内部链接", {CheckCode.DEAD_LINK}, _dead_internal_link),
    "guangfeng": ("错误的外部链接", {CheckCode.DEAD_EXTERNAL_LINK}, _dead_external_link),
    "yushan": ("动态要闻栏目不更新", {CheckCode.STALE_COLUMN}, _stale_news_column),
    "yanshan": ("空白栏目", {CheckCode.BLANK_COLUMN}, _blank_column),
    "hengfeng": (
        "页脚缺少网站标识码",
        {CheckCode.FOOTER, CheckCode.SITE_CODE, CheckCode.META_TAGS},
        _missing_footer_code,
    ),
    "yiyang": ("图片缺少替代文本", {CheckCode.IMAGE_ALT}, _image_without_alt),
}


def plant_faults(sites: list[Site]) -> AuditRun | None:
    """Plant each fault on its named site, then audit every site so the reports show them."""
    for site in sites:
        fault = FAULTS.get(site.hostname.split(".")[0])
        if fault:
            fault[2](site)
    if settings.AUDITS_AUDIT_ON_SEED:
        return audit_in_process(sites)
    return None
