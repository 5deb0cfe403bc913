from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from audits.models import AssessorScore, IndicatorSet


class IndicatorSetViewSet(ModelViewSet):
    """Indicator sets with their column rules and indicators, edited by assessors."""

    model = IndicatorSet
    icon = "list-ol"
    menu_label = "指标体系"
    list_display = ["name", "is_default", "pass_mark"]
    inspect_view_enabled = True


class AssessorScoreViewSet(ModelViewSet):
    """Expert, third-party and security-test scores, with the reasons shown in the reports."""

    model = AssessorScore
    icon = "edit"
    menu_label = "评审打分"
    list_display = ["site", "indicator", "points", "assessor", "created_at"]
    list_filter = ["indicator__indicator_set"]


class AuditsViewSetGroup(ViewSetGroup):
    menu_label = "考核设置"
    menu_icon = "tasks"
    items = (IndicatorSetViewSet("indicator_sets"), AssessorScoreViewSet("assessor_scores"))


audits_viewset_group = AuditsViewSetGroup()
