"""Whole-page cache for anonymous visitors, keyed by the site's cache version.

Publishing, unpublishing, moving or deleting a page, or changing a site, bumps the version of
every site that shows it (the `cache` step of the publish fan-out), so a cached page is never
older than the last change on its site; `PAGE_CACHE_SECONDS` bounds it for everything else.
Where `STATIC_PAGES_ROOT` is set, the same bytes are also written as a file for nginx (`static_pages`).

A page's cache entry is keyed by its path and by the query parameters the page says it depends
on (`cache_query_params` on the response, `("page",)` unless the page declares others); any
other parameter is ignored, so a flood of made-up query strings is answered from one entry.
"""

import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from wagtail.models import Site

from sites import static_pages
from sites.caching import site_version

UNCACHED_PREFIXES = ("/documents/", "/media/", "/static/")
UNCACHEABLE_CONTROL = ("private", "no-cache", "no-store")
DEFAULT_QUERY_PARAMS = ("page",)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _path_key(site_id: int, version: int, path: str) -> str:
    return f"sites:page:{site_id}:v{version}:{_digest(path)}"


def _entry_key(path_key: str, request: HttpRequest, params: tuple[str, ...]) -> str:
    query = urlencode(sorted((name, value) for name in params for value in request.GET.getlist(name)))
    return f"{path_key}:{_digest(query)}"


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
        version = site_version(site.pk)
        path_key = _path_key(site.pk, version, request.path)
        params = cache.get(f"{path_key}:params")
        if params is not None:
            cached = cache.get(_entry_key(path_key, request, params))
            if cached is not None:
                content, content_type = cached
                response = HttpResponse(content, content_type=content_type)
                response["X-Page-Cache"] = "hit"
                static_pages.write_page(request, site, version, content)
                return response
        response = self.get_response(request)
        if _cacheable_response(response):
            params = tuple(getattr(response, "cache_query_params", DEFAULT_QUERY_PARAMS))
            entry = (response.content, response["Content-Type"])
            cache.set_many({f"{path_key}:params": params, _entry_key(path_key, request, params): entry}, seconds)
            response["X-Page-Cache"] = "miss"
            static_pages.write_page(request, site, version, response.content)
        return response


def _cacheable_request(request: HttpRequest) -> bool:
    # Signed-in editors and reviewers see the site live. A session cookie alone proves nothing
    # (anyone can send one), so the session itself is asked, after the cheaper tests.
    return (
        request.method in ("GET", "HEAD")
        and not request.path.startswith((f"/{settings.ADMIN_PATH}/", *UNCACHED_PREFIXES))
        and "HTTP_AUTHORIZATION" not in request.META
        and not request.user.is_authenticated
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
