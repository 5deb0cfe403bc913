"""Annual reports (§49–50): their figures from the system's own data, due dates, and who is missing what."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, QuerySet
from django.utils import timezone

from disclosure.applications import statistics
from disclosure.models import AnnualReport, CatalogueEntry, DisclosureGuide, InformationRequest
from sites.enums import OrganisationKind
from sites.models import Organisation

# The genres the national report template counts in its proactive-disclosure table.
REPORTED_GENRES = ("规章", "规范性文件")


def report_due_on(organisation: Organisation, year: int) -> date | None:
    """Departments publish last year's report by 31 January, governments by 31 March.

    None for 公共企事业单位: §49–50 bind administrative organs; public institutions report, if at
    all, under their own sector's rules, so no report is due here (their guides are).
    """
    if organisation.kind == OrganisationKind.PUBLIC_INSTITUTION:
        return None
    return date(year + 1, 3, 31) if organisation.is_government else date(year + 1, 1, 31)


def report_figures(organisation: Organisation, year: int) -> dict:
    """Parts 二 and 三 of the report: what the catalogue and the request log hold for the year."""
    entries = CatalogueEntry.objects.filter(organisation=organisation, index_number__isnull=False)
    in_year = entries.filter(published_at__year=year)
    by_genre = dict(in_year.values_list("genre__name").annotate(n=Count("pk")).values_list("genre__name", "n"))
    requests = InformationRequest.objects.filter(organisation=organisation)
    stats = statistics(requests, year)
    carried_over = requests.filter(received_on__year__lt=year, answered_on__year=year).count()
    return {
        "proactive": {
            "published": in_year.filter(live=True).count(),
            "by_genre": {genre: by_genre.get(genre, 0) for genre in REPORTED_GENRES},
            "in_force": entries.filter(live=True, validity="valid", published_at__year__lte=year).count(),
        },
        "requests": {
            "received": stats.received,
            "carried_over": carried_over,
            "answered": stats.answered,
            "withdrawn": stats.withdrawn,
            "pending": stats.pending,
            "by_outcome": stats.by_outcome,
            "median_working_days": stats.median_working_days,
        },
    }


def publish_report(report: AnnualReport) -> None:
    """Freeze the figures as they stand and publish the report."""
    report.figures = report_figures(report.organisation, report.year)
    report.published_at = report.published_at or timezone.now()
    report.save()


@dataclass
class Shortfall:
    organisation: Organisation
    missing_guide: bool
    missing_report: bool
    report_due_on: date | None


def shortfalls(organisations: QuerySet[Organisation], today: date | None = None) -> list[Shortfall]:
    """Organisations without a guide, or without last year's published report once it is due (if one is)."""
    today = today or timezone.localdate()
    year = today.year - 1
    with_guide = set(
        DisclosureGuide.objects.filter(organisation__in=organisations).values_list("organisation", flat=True)
    )
    reported = set(
        AnnualReport.objects.filter(organisation__in=organisations, year=year, published_at__isnull=False).values_list(
            "organisation", flat=True
        )
    )
    found = []
    for organisation in organisations.order_by("sort_order", "code"):
        due = report_due_on(organisation, year)
        missing_report = due is not None and organisation.pk not in reported and today > due
        if organisation.pk not in with_guide or missing_report:
            found.append(Shortfall(organisation, organisation.pk not in with_guide, missing_report, due))
    return found
