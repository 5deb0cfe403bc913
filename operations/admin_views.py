"""安全日志: the security log report, for cluster administrators only, filtered and exported as CSV."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from operations.models import SecurityEvent
from sites.permissions import is_cluster_admin


class SecurityEventFilterSet(WagtailFilterSet):
    action = django_filters.ChoiceFilter(label="事件", choices=SecurityEvent.Action.choices)
    timestamp = django_filters.DateFromToRangeFilter(label="日期", widget=DateRangePickerWidget)
    actor_name = django_filters.CharFilter(label="操作人", lookup_expr="icontains")
    target = django_filters.CharFilter(label="对象", lookup_expr="icontains")
    ip_address = django_filters.CharFilter(label="客户端地址", lookup_expr="startswith")

    class Meta:
        model = SecurityEvent
        fields = []


class SecurityLogView(ReportView):
    page_title = "安全日志"
    header_icon = "lock"
    model = SecurityEvent
    filterset_class = SecurityEventFilterSet
    index_url_name = "operations_security_log"
    index_results_url_name = "operations_security_log_results"
    columns = [
        Column("local_time", label="时间"),
        Column("get_action_display", label="事件"),
        Column("actor_text", label="操作人"),
        Column("target", label="对象"),
        Column("detail", label="内容"),
        Column("ip_address", label="客户端地址"),
    ]
    list_export = ["local_time", "get_action_display", "actor_text", "target", "detail", "ip_address"]
    export_headings = {column.accessor: column.label for column in columns}

    def dispatch(self, request, *args, **kwargs):
        if not is_cluster_admin(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return f"security-log-{timezone.localdate():%Y-%m-%d}"
