from django.urls import path

from publishing import views

app_name = "publishing_admin"
urlpatterns = [
    path("submissions/", views.queue, name="queue"),
    path("submissions/<int:submission_id>/accept/", views.decide, {"action": "accept"}, name="accept"),
    path("submissions/<int:submission_id>/reject/", views.decide, {"action": "reject"}, name="reject"),
    path("submit/<int:page_id>/", views.submit, name="submit"),
    path("record/<int:page_id>/", views.record, name="record"),
    path("statistics/", views.statistics, name="statistics"),
]
