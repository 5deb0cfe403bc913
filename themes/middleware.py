from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from sites.models import SiteProfile
from themes.registry import get_theme


class ThemeMiddleware:
    """Sets `request.theme` for the requesting site; lazy, so admin requests pay nothing for it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.theme = SimpleLazyObject(lambda: _theme_for(request))
        return self.get_response(request)


def _theme_for(request):
    if Site.find_for_request(request) is None:
        return get_theme("")
    return get_theme(SiteProfile.for_request(request).theme)
