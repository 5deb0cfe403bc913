"""Running an audit: crawl each site, run every check, score, and store the run with its findings."""

import contextlib
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal

import httpx
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from django.utils import timezone
from wagtail.models import Site

from audits.checks import CHECKS, AuditContext
from audits.crawler import CrawlLimits, Fetched, ResolvingTransport, crawl, fetch, make_client
from audits.enums import RunStatus, RunTrigger
from audits.models import (
    AssessorScore,
    AuditRun,
    AvailabilityProbe,
    Dismissal,
    Finding,
    IndicatorSet,
    SiteAssessment,
)
from audits.scoring import score_site
from sites.models import SiteProfile


def default_limits(**overrides) -> CrawlLimits:
    values = {
        "max_pages": settings.AUDITS_MAX_PAGES,
        "timeout": settings.AUDITS_FETCH_TIMEOUT,
        "concurrency": settings.AUDITS_CONCURRENCY,
        "unchecked_hosts": frozenset(settings.AUDITS_UNCHECKED_HOSTS),
    }
    values.update(overrides)
    return CrawlLimits(**values)


@contextlib.contextmanager
def in_process_transport() -> Iterator[httpx.BaseTransport]:
    """The cluster's own WSGI app as the server, in this thread, inside this thread's transaction.

    As Django's test client does, the request signals must not close this thread's connection.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield httpx.WSGITransport(app=WSGIHandler())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def server_transport(origin: str) -> httpx.BaseTransport:
    """Every cluster host answered by the server at `origin` (e.g. http://127.0.0.1:8104)."""
    return ResolvingTransport(origin)


def run_audit(
    sites: Iterable[Site] | None = None,
    *,
    transport: httpx.BaseTransport | None = None,
    limits: CrawlLimits | None = None,
    indicator_set: IndicatorSet | None = None,
    trigger: str = RunTrigger.MANUAL,
    on_site: Callable[[Site], None] | None = None,
    on_fetch: Callable[[Fetched], None] | None = None,
) -> AuditRun:
    """Audit `sites` (all by default) and store the run; a site that cannot be crawled is a finding, not a crash."""
    sites = list(sites if sites is not None else Site.objects.select_related("root_page").order_by("pk"))
    indicator_set = indicator_set or IndicatorSet.default()
    limits = limits or default_limits()
    run = AuditRun.objects.create(indicator_set=indicator_set, trigger=trigger)
    hosts = set(Site.objects.values_list("hostname", flat=True))
    try:
        known: dict[str, Fetched] = {}
        with make_client(hosts, transport) as client:
            for site in sites:
                if on_site:
                    on_site(site)
                assessment = audit_site(run, site, client, limits, on_fetch=on_fetch, known=known)
                run.pages_fetched += assessment.pages_crawled
        run.status = RunStatus.DONE
    except BaseException:
        run.status = RunStatus.FAILED
        raise
    finally:
        run.finished_at = timezone.now()
        run.save(update_fields=["status", "finished_at", "pages_fetched"])
    return run


def audit_site(
    run: AuditRun,
    site: Site,
    client: httpx.Client,
    limits: CrawlLimits,
    *,
    on_fetch: Callable[[Fetched], None] | None = None,
    known: dict[str, Fetched] | None = None,
) -> SiteAssessment:
    result = crawl(client, f"{site.root_url}/", limits, progress=on_fetch, known=known)
    indicator_set = run.indicator_set
    record_probe(site, result.home, indicator_set)
    context = AuditContext(
        site=site,
        profile=SiteProfile.for_site(site),
        crawl=result,
        indicator_set=indicator_set,
        today=timezone.localdate(),
        column_rules={rule.column_type: rule for rule in indicator_set.column_rules.all()},
    )
    dismissed = set(Dismissal.objects.filter(site=site).values_list("fingerprint", flat=True))
    findings = []
    for check in CHECKS:
        for observation in check.run(context):
            fingerprint = Finding.fingerprint_of(check.code, observation.url, observation.message)
            findings.append(
                Finding(
                    check_code=check.code,
                    severity=check.severity,
                    rule=check.rule,
                    message=observation.message[:500],
                    url=observation.url[:1000],
                    excerpt=observation.excerpt[:500],
                    fingerprint=fingerprint,
                    dismissed=fingerprint in dismissed,
                )
            )
    with transaction.atomic():
        assessment = SiteAssessment.objects.create(
            run=run,
            site=site,
            site_name=site.site_name or site.hostname,
            pages_crawled=len(result.pages),
            home_seconds=result.home.elapsed,
        )
        for finding in findings:
            finding.assessment = assessment
        Finding.objects.bulk_create(findings)
        rescore(assessment)
    return assessment


def record_probe(site: Site, home: Fetched, indicator_set: IndicatorSet) -> AvailabilityProbe:
    limit = float(indicator_set.slow_home_seconds)
    if not home.ok:
        error = home.error or f"HTTP {home.status}"
    elif home.elapsed > limit:
        error = f"{home.elapsed:.1f} 秒才打开"
    else:
        error = ""
    return AvailabilityProbe.objects.create(site=site, ok=not error, seconds=home.elapsed, error=error[:200])


def probe_sites(
    sites: Iterable[Site], *, transport: httpx.BaseTransport | None = None, limits: CrawlLimits | None = None
) -> list[AvailabilityProbe]:
    """Open each site's home page once and record whether it opened in time (the frequent check)."""
    indicator_set = IndicatorSet.default()
    limits = limits or default_limits()
    hosts = set(Site.objects.values_list("hostname", flat=True))
    with make_client(hosts, transport) as client:
        return [
            record_probe(site, fetch(client, f"{site.root_url}/", limits, read_body=False), indicator_set)
            for site in sites
        ]


def latest_assessor_points(site: Site, indicator_set: IndicatorSet) -> dict[int, Decimal]:
    """The newest assessor score of each indicator for `site`."""
    points: dict[int, Decimal] = {}
    for score in AssessorScore.objects.filter(site=site, indicator__indicator_set=indicator_set):
        points.setdefault(score.indicator_id, score.points)
    return points


def rescore(assessment: SiteAssessment) -> SiteAssessment:
    """Score (again) from the assessment's counted findings and the current assessor scores."""
    indicator_set = assessment.run.indicator_set
    codes = list(assessment.findings.filter(dismissed=False).values_list("check_code", flat=True))
    result = score_site(indicator_set, codes, latest_assessor_points(assessment.site, indicator_set))
    assessment.score = result.score
    assessment.deductions = result.deductions
    assessment.bonus = result.bonus
    assessment.vetoed = result.vetoed
    assessment.verdict = result.verdict
    assessment.breakdown = result.breakdown
    assessment.save(update_fields=["score", "deductions", "bonus", "vetoed", "verdict", "breakdown"])
    return assessment


def dismiss(finding: Finding, reason: str, user) -> Dismissal:
    """Leave a finding out of the score, in this assessment and in every later run."""
    site = finding.assessment.site
    dismissal, _ = Dismissal.objects.update_or_create(
        site=site,
        fingerprint=finding.fingerprint,
        defaults={
            "check_code": finding.check_code,
            "message": finding.message,
            "reason": reason,
            "dismissed_by": user,
        },
    )
    Finding.objects.filter(assessment=finding.assessment, fingerprint=finding.fingerprint).update(dismissed=True)
    rescore(finding.assessment)
    return dismissal
