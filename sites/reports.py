"""Wagtail's 页面类型使用情况 report counts and names pages of every site, drafts included, so only
cluster administrators open it; a site's editors have their own sites' pages in the explorer."""

from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView

from sites.choosers import _refusal
from sites.permissions import is_cluster_admin

REPORT_MENU_NAME = "page-types-usage"


class ClusterPageTypesUsageReportView(PageTypesUsageReportView):
    def dispatch(self, request, *args, **kwargs):
        if not is_cluster_admin(request.user):
            return _refusal(request)
        return super().dispatch(request, *args, **kwargs)


def hide_report_from_site_staff(request, menu_items):
    """`construct_reports_menu`: the report's menu item for cluster administrators only."""
    if not is_cluster_admin(request.user):
        menu_items[:] = [item for item in menu_items if item.name != REPORT_MENU_NAME]
