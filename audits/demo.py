"""The demo's first audit, so the ranking and the reports are never empty."""

from django.conf import settings
from wagtail.models import Site

from audits.auditing import default_limits, in_process_transport, run_audit
from audits.enums import RunTrigger
from audits.models import AuditRun


def seed_demo(sites: list[Site]) -> None:
    """Audit every site once, in this process, if no audit has been run yet."""
    if not settings.AUDITS_AUDIT_ON_SEED or AuditRun.objects.exists():
        return
    with in_process_transport() as transport:
        run_audit(sites, transport=transport, limits=default_limits(concurrency=1), trigger=RunTrigger.DEMO)
