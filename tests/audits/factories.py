"""Faults planted in a demo site, and audits of sites through the cluster's own app."""

from datetime import timedelta

from django.utils import timezone
from wagtail.models import Site

from audits.auditing import default_limits, in_process_transport, run_audit
from audits.models import SiteAssessment
from cms.blocks.body import legacy_html_body
from sites.models import ArticlePage, ColumnPage
from tests.sites.factories import ArticlePageFactory


def demo_site(hostname: str) -> Site:
    return Site.objects.select_related("root_page").get(hostname=hostname)


def column(site: Site, slug: str) -> ColumnPage:
    return ColumnPage.objects.descendant_of(site.root_page).get(slug=slug)


def article_with_body(site: Site, html: str, slug: str = "planted-fault") -> ArticlePage:
    """A published article in the site's 政务动态 column whose body is `html`."""
    return ArticlePageFactory(parent=column(site, "zwdt"), slug=slug, title="考核测试文章", body=legacy_html_body(html))


def make_column_stale(site: Site, slug: str, days: int = 90) -> None:
    """Every article of the column published `days` days ago."""
    ArticlePage.objects.descendant_of(column(site, slug)).update(pub_date=timezone.now() - timedelta(days=days))


def audit(*sites: Site, **limits) -> dict[str, SiteAssessment]:
    """Audit the sites through the app in this process and transaction; assessments by host."""
    with in_process_transport() as transport:
        run = run_audit(list(sites), transport=transport, limits=default_limits(concurrency=1, **limits))
    return {assessment.site.hostname: assessment for assessment in run.assessments.select_related("site")}


def findings(assessment: SiteAssessment, check_code: str) -> list:
    return list(assessment.findings.filter(check_code=check_code))
