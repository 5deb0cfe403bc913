from django.urls import path

from operations import views
from operations.admin_views import SecurityLogView

urlpatterns = [
    path("two-factor/", views.two_factor_setup, name="operations_two_factor_setup"),
    path("log/", SecurityLogView.as_view(), name="operations_security_log"),
    path("log/results/", SecurityLogView.as_view(results_only=True), name="operations_security_log_results"),
]
