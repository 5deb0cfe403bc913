from django.urls import path

from disclosure import admin_views

app_name = "disclosure_admin"
urlpatterns = [
    path("", admin_views.index, name="index"),
    path("<int:request_id>/", admin_views.detail, name="detail"),
    path("<int:request_id>/<slug:action>/", admin_views.act, name="act"),
    path("shortfalls/", admin_views.missing, name="shortfalls"),
]
