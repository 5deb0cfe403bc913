from django.urls import path

from themes.views import care_choice, care_stylesheet, site_stylesheet

urlpatterns = [
    path("site.css", site_stylesheet, name="site_stylesheet"),
    path("care/", care_choice, name="care_choice"),
    path("care.css", care_stylesheet, name="care_stylesheet"),
]
