"""What the assessors' views show: the latest ranking, a site's report and its score over time."""

from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Q, Subquery
from wagtail.models import Site

from audits.enums import IndicatorKind, RunStatus
from audits.models import AuditRun, SiteAssessment

CHART_WIDTH, CHART_HEIGHT, CHART_TOP_SCORE = 600, 180, 130
HISTORY_LENGTH = 30


def latest_run() -> AuditRun | None:
    return AuditRun.objects.filter(status=RunStatus.DONE).select_related("indicator_set").first()


def ranking(sites: list[Site]) -> list[SiteAssessment]:
    """Each visible site's latest assessment, best first, with its open findings; sites never audited are left out."""
    latest = (
        SiteAssessment.objects.filter(site=OuterRef("site"), run__status=RunStatus.DONE)
        .order_by("-run__started_at", "-pk")
        .values("pk")[:1]
    )
    return list(
        SiteAssessment.objects.filter(site__in=sites, pk=Subquery(latest))
        .select_related("run", "site")
        .annotate(open_findings=Count("findings", filter=Q(findings__dismissed=False)))
        .order_by("-score", "site_name")
    )


@dataclass
class IndicatorGroup:
    code: str
    name: str
    kind: str
    points: str
    vetoed: bool
    findings: list = field(default_factory=list)


def grouped_findings(assessment: SiteAssessment) -> list[IndicatorGroup]:
    """The assessment's findings under the indicator that scores them (deductions before vetoes)."""
    indicators = list(assessment.run.indicator_set.indicators.all())
    breakdown = {entry["code"]: entry for entry in assessment.breakdown}
    groups = {
        indicator.code: IndicatorGroup(
            indicator.code,
            indicator.name,
            indicator.get_kind_display(),
            breakdown.get(indicator.code, {}).get("points", "0"),
            breakdown.get(indicator.code, {}).get("vetoed", False),
        )
        for indicator in indicators
    }
    order = sorted(indicators, key=lambda indicator: indicator.kind != IndicatorKind.DEDUCTION)
    other = IndicatorGroup("", "其他", "", "0", False)
    for finding in assessment.findings.all():
        home = next((groups[each.code] for each in order if finding.check_code in each.check_codes), other)
        home.findings.append(finding)
    return [group for group in [*groups.values(), other] if group.findings or group.vetoed or group.points != "0"]


def score_history(site: Site) -> list[SiteAssessment]:
    history = SiteAssessment.objects.filter(site=site, run__status=RunStatus.DONE).select_related("run")
    return list(reversed(history.order_by("-run__started_at", "-pk")[:HISTORY_LENGTH]))


def chart_points(history: list[SiteAssessment]) -> list[dict]:
    """Where each assessment sits in the SVG chart of the site's score over time."""
    if not history:
        return []
    step = CHART_WIDTH / max(len(history) - 1, 1)
    return [
        {
            "x": round(index * step, 1),
            "y": round(CHART_HEIGHT - float(assessment.score) / CHART_TOP_SCORE * CHART_HEIGHT, 1),
            "score": assessment.score,
            "date": assessment.run.started_at,
            "vetoed": assessment.vetoed,
        }
        for index, assessment in enumerate(history)
    ]
