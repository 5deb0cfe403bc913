from django.urls import path
from wagtail.contrib.sitemaps.views import sitemap

from sites.views import robots_txt

urlpatterns = [
    path("robots.txt", robots_txt, name="robots_txt"),
    # Wagtail's sitemap lists the live pages of the requesting site only.
    path("sitemap.xml", sitemap, name="sitemap"),
]
