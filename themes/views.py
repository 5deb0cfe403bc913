from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from sites.models import SiteProfile


@require_GET
@cache_control(max_age=300, public=True)
def site_stylesheet(request: HttpRequest) -> HttpResponse:
    """The requesting site's branding colours as CSS variables.

    A stylesheet rather than an inline style, so pages carry no per-request nonce and can be
    cached whole; the link's query string changes with the colours.
    """
    profile = SiteProfile.for_request(request)
    css = f":root {{ --primary: {profile.primary_colour}; --accent: {profile.accent_colour}; }}\n"
    return HttpResponse(css, content_type="text/css; charset=utf-8")
