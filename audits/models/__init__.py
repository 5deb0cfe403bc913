from audits.models.indicators import AssessorScore, ColumnRule, Indicator, IndicatorSet
from audits.models.runs import AuditRun, AvailabilityProbe, Dismissal, Finding, SiteAssessment

__all__ = [
    "AssessorScore",
    "AuditRun",
    "AvailabilityProbe",
    "ColumnRule",
    "Dismissal",
    "Finding",
    "Indicator",
    "IndicatorSet",
    "SiteAssessment",
]
