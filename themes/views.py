import hashlib

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition, require_GET
from django.views.decorators.vary import vary_on_cookie

from sites.models import SiteProfile
from themes.care import COOKIE_MAX_AGE, COOKIE_NAME, CarePreferences, stylesheet


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


def _preferences(request: HttpRequest) -> CarePreferences:
    return CarePreferences.from_cookie(request.COOKIES.get(COOKIE_NAME))


@require_GET
def care_choice(request: HttpRequest) -> HttpResponse:
    """A 适老化 toolbar link: remembers the visitor's choice and returns to the page it came from.

    A plain link rather than a form, so it works without JavaScript and the cached page needs no
    CSRF token; the worst a forged link can do is change how the site looks to one visitor.
    """
    preferences = _preferences(request).changed(request.GET.get("set", ""))
    back = request.GET.get("next", "")
    if not back.startswith("/") or not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = "/"
    response = HttpResponseRedirect(back)
    response["Cache-Control"] = "no-store"
    if preferences.is_default:
        response.delete_cookie(COOKIE_NAME, samesite="Lax")
    else:
        response.set_cookie(COOKIE_NAME, preferences.to_cookie(), max_age=COOKIE_MAX_AGE, samesite="Lax")
    return response


@require_GET
@vary_on_cookie
@cache_control(private=True, no_cache=True)
@condition(etag_func=lambda request: _stylesheet_tag(stylesheet(_preferences(request))))
def care_stylesheet(request: HttpRequest) -> HttpResponse:
    """This visitor's 适老化 styles; revalidated on each page view, answered 304 while unchanged."""
    return HttpResponse(stylesheet(_preferences(request)), content_type="text/css; charset=utf-8")


def _stylesheet_tag(css: str) -> str:
    return hashlib.sha256(css.encode()).hexdigest()[:16]
