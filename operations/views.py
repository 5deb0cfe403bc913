from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django_otp import login as otp_login

from operations import two_factor
from operations.forms import EnrolmentForm


def two_factor_setup(request):
    """Enrol an authenticator app: show the key, confirm it with a first code, verify this session."""
    device = two_factor.pending_device(request.user)
    form = EnrolmentForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        two_factor.confirm(device)
        otp_login(request, device)
        return redirect(reverse("wagtailadmin_home"))
    context = {
        "form": form,
        "secret": two_factor.base32_secret(device),
        "config_url": device.config_url,
        "required": two_factor.must_use_two_factor(request.user),
        "enrolled": two_factor.confirmed_device(request.user) is not None,
    }
    return TemplateResponse(request, "operations/two_factor_setup.html", context)
