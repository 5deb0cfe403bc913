from django.urls import path

from audits import views

app_name = "audits"
urlpatterns = [
    path("", views.ranking, name="ranking"),
    path("ranking.csv", views.ranking_csv, name="ranking_csv"),
    path("sites/<int:site_id>/", views.site_report, name="site_report"),
    path("findings/<int:finding_id>/dismiss/", views.dismiss_finding, name="dismiss_finding"),
]
