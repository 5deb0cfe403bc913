from django.urls import path

from disclosure import views

app_name = "disclosure"
urlpatterns = [
    path("api/disclosure/entries/", views.entries, name="entries"),
]
