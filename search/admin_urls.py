from django.urls import path

from search.admin_views import QueryReportView

app_name = "search_admin"
urlpatterns = [path("report/", QueryReportView.as_view(), name="report")]
