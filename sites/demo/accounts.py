"""Demo accounts outside the demo: their published password opens nothing where demo users are not allowed.

A demo account is known by its credential, not its name: the password `Demo@2026` is in the README,
so any account that still has it is open to anyone, whatever it has been renamed to. An account
whose password was changed is an ordinary account (a real administrator may well be called admin).
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.crypto import constant_time_compare
from wagtail.admin.forms.auth import LoginForm

from sites.demo.seed import DEMO_PASSWORD

DEMO_ACCOUNT_REFUSED = "演示账号的公开密码不能在正式环境中使用，登录已被拒绝。请联系站群管理员重设密码。"


def is_refused_demo_password(password: object) -> bool:
    """Whether `password` is the demo password where settings do not allow demo users."""
    return (
        not settings.DEMO_USERS_ALLOWED and isinstance(password, str) and constant_time_compare(password, DEMO_PASSWORD)
    )


class DemoPasswordBackend:
    """Listed before ModelBackend: refuses the demo password before any backend accepts it.

    Like django-axes' backend it only vets credentials: without get_user it never owns a session.
    """

    def authenticate(self, request, username=None, password=None, **kwargs) -> None:
        if is_refused_demo_password(password):
            # PermissionDenied ends authenticate() for every backend and counts as a failed login.
            raise PermissionDenied


class AdminLoginForm(LoginForm):
    """Wagtail's login form, saying why the demo password was refused."""

    def get_invalid_login_error(self) -> ValidationError:
        if is_refused_demo_password(self.cleaned_data.get("password")):
            return ValidationError(DEMO_ACCOUNT_REFUSED, code="demo_password")
        return super().get_invalid_login_error()
