from django.urls import path

from interviews import admin_views

app_name = "interviews_admin"
urlpatterns = [
    path("", admin_views.index, name="index"),
    path("<int:interview_id>/", admin_views.console, name="console"),
    path("<int:interview_id>/state/", admin_views.state, name="state"),
    path("<int:interview_id>/act/<slug:action>/", admin_views.act, name="act"),
]
