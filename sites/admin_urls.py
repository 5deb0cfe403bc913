"""Admin URLs that take the place of Wagtail's own, matched ahead of them (see cms/urls.py)."""

from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.urls import display_custom_404
from wagtail.utils.urlpatterns import decorate_urlpatterns

from sites.bulk_actions import own_sites_bulk_action
from sites.choosers import OwnSitesBrowseView, OwnSitesChosenMultipleView
from sites.reports import ClusterPageTypesUsageReportView

urlpatterns = [
    path("choose-page/", OwnSitesBrowseView.as_view()),
    path("choose-page/<int:parent_page_id>/", OwnSitesBrowseView.as_view()),
    path("choose-page/chosen-multiple/", OwnSitesChosenMultipleView.as_view()),
    path("bulk/<str:app_label>/<str:model_name>/<str:action>/", own_sites_bulk_action),
    path("reports/page-types-usage/", ClusterPageTypesUsageReportView.as_view()),
    path("reports/page-types-usage/results/", ClusterPageTypesUsageReportView.as_view(results_only=True)),
]
# Decorated as Wagtail decorates the URLs these replace.
for decorator in (require_admin_access, display_custom_404, never_cache):
    urlpatterns = decorate_urlpatterns(urlpatterns, decorator)
