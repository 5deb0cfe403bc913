"""站点无法访问: the share of the week's probes in which the home page did not open within the time limit."""

from datetime import timedelta

from django.utils import timezone

from audits.checks.base import AuditContext, Observation
from audits.models import AvailabilityProbe


def home_unavailable(context: AuditContext):
    indicator_set = context.indicator_set
    days = indicator_set.availability_days
    probes = AvailabilityProbe.objects.filter(
        site=context.site, probed_at__gte=timezone.now() - timedelta(days=days)
    ).order_by("-probed_at")
    total = probes.count()
    failures = probes.filter(ok=False)
    failed = failures.count()
    if not failed or failed * 100 < indicator_set.unavailable_percent * total:
        return
    latest = failures.first()
    yield Observation(
        f"最近{days}天 {total} 次探测中 {failed} 次首页无法在 {float(indicator_set.slow_home_seconds):g} 秒内打开"
        f"（{failed * 100 / total:.1f}%）",
        context.crawl.start_url,
        f"{timezone.localtime(latest.probed_at):%Y-%m-%d %H:%M} {latest.error}",
    )
