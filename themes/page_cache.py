"""Whole-page cache for anonymous visitors, keyed by the site's version.

Publishing, unpublishing or moving a page, or changing a site, bumps the version of every site
that shows it (the `cache` step of the publish fan-out), so a cached page is never older than
the last publish on its site; `PAGE_CACHE_SECONDS` bounds it for everything else.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from wagtail.models import Site

from themes.cache import site_version

UNCACHED_PREFIXES = ("/admin/", "/documents/", "/media/", "/static/")
UNCACHEABLE_CONTROL = ("private", "no-cache", "no-store")


def page_cache_key(site_id: int, full_path: str) -> str:
    digest = hashlib.sha256(full_path.encode()).hexdigest()[:32]
    return f"themes:page:{site_id}:v{site_version(site_id)}:{digest}"


class PageCacheMiddleware:
    """Answers repeat anonymous GETs of public pages from the cache, without touching the view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or not _cacheable_request(request):
            return self.get_response(request)
        site = Site.find_for_request(request)
        if site is None:
            return self.get_response(request)
        key = page_cache_key(site.pk, request.get_full_path())
        cached = cache.get(key)
        if cached is not None:
            content, content_type = cached
            response = HttpResponse(content, content_type=content_type)
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if _cacheable_response(response):
            cache.set(key, (response.content, response["Content-Type"]), seconds)
            response["X-Page-Cache"] = "miss"
        return response


def _cacheable_request(request: HttpRequest) -> bool:
    # A session cookie means an editor or reviewer: they see the site live, never a cached copy.
    return (
        request.method in ("GET", "HEAD")
        and not request.path.startswith(UNCACHED_PREFIXES)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


def _cacheable_response(response: HttpResponse) -> bool:
    # A response that sets a cookie (a CSRF token for a form, say) belongs to one visitor only.
    control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and not response.cookies
        and not any(word in control for word in UNCACHEABLE_CONTROL)
    )
