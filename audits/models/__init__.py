from audits.models.indicators import AssessorScore, ColumnRule, Indicator, IndicatorSet
from audits.models.runs import AuditRun, Dismissal, Finding, SiteAssessment

__all__ = [
    "AssessorScore",
    "AuditRun",
    "ColumnRule",
    "Dismissal",
    "Finding",
    "Indicator",
    "IndicatorSet",
    "SiteAssessment",
]
