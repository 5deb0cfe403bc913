"""政府信息公开 (国务院令第711号).

The guide (§12), last year's annual report (§49–50) and requests answered in time (§33).

Read from the `disclosure` app's models by name, when it is installed, as sibling apps do.
"""

from datetime import date

from django.apps import apps

from audits.checks.base import AuditContext, Observation
from sites.enums import GOVERNMENT_KINDS

# §49–50: departments publish last year's report by 1月31日, governments by 3月31日.
DEPARTMENT_REPORT_DEADLINE = (1, 31)
GOVERNMENT_REPORT_DEADLINE = (3, 31)
# A request being clarified has its clock stopped; a withdrawn one needs no answer.
PAUSED_OR_CLOSED = ("clarifying", "withdrawn", "answered")


def _organisation(context: AuditContext):
    if not apps.is_installed("disclosure") or context.profile is None:
        return None
    return context.profile.organisation


def disclosure_guide(context: AuditContext):
    organisation = _organisation(context)
    if organisation is None:
        return
    if not apps.get_model("disclosure", "DisclosureGuide").objects.filter(organisation=organisation).exists():
        yield Observation(f"{organisation.name}没有政府信息公开指南", context.crawl.start_url)


def required_report_year(kind: str, today: date) -> int:
    month, day = GOVERNMENT_REPORT_DEADLINE if kind in GOVERNMENT_KINDS else DEPARTMENT_REPORT_DEADLINE
    return today.year - 1 if today > date(today.year, month, day) else today.year - 2


def annual_report(context: AuditContext):
    organisation = _organisation(context)
    if organisation is None:
        return
    year = required_report_year(organisation.kind, context.today)
    reports = apps.get_model("disclosure", "AnnualReport").objects.filter(
        organisation=organisation, year=year, published_at__isnull=False
    )
    if not reports.exists():
        yield Observation(f"未发布{year}年政府信息公开工作年度报告", context.crawl.start_url, organisation.name)


def overdue_requests(context: AuditContext):
    organisation = _organisation(context)
    if organisation is None:
        return
    overdue = (
        apps.get_model("disclosure", "InformationRequest")
        .objects.filter(organisation=organisation, answered_on__isnull=True, due_on__lt=context.today)
        .exclude(status__in=PAUSED_OR_CLOSED)
        .exclude(due_provisional=True)
        .order_by("due_on")
    )
    for request in overdue:
        yield Observation(
            f"政府信息公开申请 {request.tracking_code} 超过答复期限未答复",
            context.crawl.start_url,
            f"答复期限 {request.due_on:%Y-%m-%d}",
        )
