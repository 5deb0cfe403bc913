from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.http.request import split_domain_port
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation

# The text Wagtail's admin flashes when it turns a PermissionDenied into a redirect.
WAGTAIL_DENIED_MESSAGE = "Sorry, you do not have permission to access this area."


class AdminPermissionDeniedMiddleware:
    """Answers a denied admin request with 403 instead of Wagtail's redirect to the dashboard.

    A denial that looks like success (302) hides attempts to edit another site's pages from
    clients, logs and the audit trail; the Chinese message Wagtail queued is shown on the 403 page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 302 or response.get("Location") != reverse("wagtailadmin_home"):
            return response
        storage = messages.get_messages(request)
        queued = list(storage)
        denied_text = translation.gettext(WAGTAIL_DENIED_MESSAGE)
        # Wagtail wraps the text in its message markup, so look for it inside.
        if not any(denied_text in str(message) for message in queued):
            storage.used = False  # not a denial: leave the messages for the dashboard to show
            return response
        return render(request, "cms/permission_denied.html", {"message": denied_text}, status=403)


def admin_prefix() -> str:
    """The path under which the admin answers (`ADMIN_PATH`), with its slashes."""
    return f"/{settings.ADMIN_PATH}/"


class AdminHostMiddleware:
    """Where `ADMIN_HOSTNAME` is set, the admin (login page and APIs included) exists on that host alone.

    On every other host an admin path is answered as any unknown address would be, 404, so the public
    sites do not reveal where the admin is nor offer its login to password guessing.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        hostname = settings.ADMIN_HOSTNAME
        on_admin_path = hostname and request.path_info.startswith(admin_prefix())
        if on_admin_path and split_domain_port(request.get_host())[0] != hostname:
            raise Http404
        return self.get_response(request)
