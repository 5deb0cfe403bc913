from django.urls import path

from operations import views

urlpatterns = [
    path("two-factor/", views.two_factor_setup, name="operations_two_factor_setup"),
]
