"""The editors' report: what citizens searched for on their sites, and what found nothing."""

from datetime import timedelta

from django.db.models import Sum
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Site

from search.models import QueryRecord
from search.permissions import own_site_ids

REPORT_DAYS = 30
REPORT_ROWS = 50


class QueryReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "search/admin/query_report.html"
    page_title = "检索统计"
    header_icon = "search"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        site_ids = own_site_ids(self.request.user)
        sites = Site.objects.all() if site_ids is None else Site.objects.filter(pk__in=site_ids)
        chosen = self.request.GET.get("site", "")
        if chosen.isdigit() and sites.filter(pk=int(chosen)).exists():
            sites = sites.filter(pk=int(chosen))
        since = timezone.localdate() - timedelta(days=REPORT_DAYS - 1)
        records = QueryRecord.objects.filter(site__in=sites, day__gte=since).values("query")
        totals = records.annotate(total=Sum("searches"), empty=Sum("zero_results"))
        context.update(
            sites=sites.order_by("site_name"),
            days=REPORT_DAYS,
            top_queries=totals.order_by("-total", "query")[:REPORT_ROWS],
            zero_result_queries=[row for row in totals.order_by("-empty", "query") if row["empty"] == row["total"]][
                :REPORT_ROWS
            ],
        )
        return context
