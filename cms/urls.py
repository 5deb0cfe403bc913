from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("sites.urls")),
    path("", include("themes.urls")),
    path("", include("interviews.urls")),
]

if settings.SERVE_MEDIA:
    # Uploaded images and documents; in production the web server in front serves MEDIA_ROOT.
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]

# Wagtail serves every site's pages by Host header; it must come last.
urlpatterns += [path("", include(wagtail_urls))]
