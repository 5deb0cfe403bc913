from django.urls import path

from themes.views import site_stylesheet

urlpatterns = [path("site.css", site_stylesheet, name="site_stylesheet")]
