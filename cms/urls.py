from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.documents import serve_document

urlpatterns = [
    # The cluster's admin views that replace some of Wagtail's come first, so they match first.
    path(f"{settings.ADMIN_PATH}/", include("sites.admin_urls")),
    path(f"{settings.ADMIN_PATH}/", include(wagtailadmin_urls)),
    # Before Wagtail's own pattern of the same name, which it replaces.
    re_path(r"^documents/(\d+)/(.*)$", serve_document, name="wagtaildocs_serve"),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("sites.urls")),
    path("", include("themes.urls")),
    path("", include("interviews.urls")),
    path("", include("disclosure.urls")),
    path("", include("publishing.urls")),
    path("", include("search.urls")),
]

if settings.SERVE_MEDIA:
    # Uploaded images; in production the web server in front serves MEDIA_ROOT. Documents only ever go
    # through their download view, which applies their collection's privacy (nginx: an internal location).
    urlpatterns += [re_path(r"^media/(?P<path>(?!documents/).*)$", serve, {"document_root": settings.MEDIA_ROOT})]

# Wagtail serves every site's pages by Host header; it must come last.
urlpatterns += [path("", include(wagtail_urls))]
