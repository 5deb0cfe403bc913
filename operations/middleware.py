import json

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from operations.health import readiness
from operations.two_factor import must_use_two_factor

LIVENESS_PATH = "/healthz"
READINESS_PATH = "/readyz"


def _json(payload: dict, status: int) -> HttpResponse:
    response = HttpResponse(json.dumps(payload, ensure_ascii=False), status=status, content_type="application/json")
    response["Cache-Control"] = "no-store"
    return response


class HealthCheckMiddleware:
    """Answers /healthz and /readyz before any other middleware.

    The orchestrator asks over plain HTTP with whatever Host it likes: the answers must not depend
    on ALLOWED_HOSTS, the HTTPS redirect, sessions or a site, nor touch the database for liveness.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info == LIVENESS_PATH:
            return _json({"status": "ok"}, 200)
        if request.path_info == READINESS_PATH:
            results = readiness()
            # A degraded engine still serves every request (search from the database's engine): ready.
            ready = all(result.ok or result.degraded for result in results)
            status = "unavailable" if not ready else "degraded" if any(r.degraded for r in results) else "ok"
            payload = {"status": status, "checks": {result.name: result.as_json() for result in results}}
            return _json(payload, 200 if ready else 503)
        return self.get_response(request)


class TwoFactorRequiredMiddleware:
    """Where settings require two-factor login, an unverified session reaches only the enrolment page.

    After django-otp's OTPMiddleware, which tells whether this session was verified by a device.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith(reverse("wagtailadmin_home")) and self._must_enrol(request):
            # The enrolment page itself, its script catalogue, and the way out.
            allowed = {
                reverse("operations_two_factor_setup"),
                reverse("wagtailadmin_javascript_catalog"),
                reverse("wagtailadmin_logout"),
            }
            if request.path_info not in allowed:
                return redirect("operations_two_factor_setup")
        return self.get_response(request)

    @staticmethod
    def _must_enrol(request: HttpRequest) -> bool:
        user = request.user
        return user.is_authenticated and not user.is_verified() and must_use_two_factor(user)
