from django.contrib import messages
from django.http import HttpRequest, HttpResponse
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
