from django import forms
from django.core.exceptions import ValidationError

from operations.two_factor import confirmed_device, verify
from sites.demo.accounts import AdminLoginForm as DemoAwareLoginForm

CODE_MISSING = "此账号已启用两步验证，请输入验证器应用显示的 6 位动态验证码。"
CODE_WRONG = "动态验证码不正确或已过期，请输入验证器应用当前显示的验证码。"


class TokenField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(
            label="动态验证码",
            required=False,
            max_length=16,
            help_text="已启用两步验证的账号必填：验证器应用中的 6 位数字。",
            widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
            **kwargs,
        )


class AdminLoginForm(DemoAwareLoginForm):
    """The admin login: password, then the TOTP code of an account that has an authenticator."""

    otp_token = TokenField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail leaves the label to Django's field-name default, the English "Password".
        self.fields["password"].label = "密码"

    def clean(self):
        cleaned_data = super().clean()
        user = self.get_user()
        device = confirmed_device(user) if user is not None else None
        if device is None:
            return cleaned_data
        token = cleaned_data.get("otp_token") or ""
        if not token:
            raise ValidationError(CODE_MISSING, code="token_required")
        if not verify(device, token):
            raise ValidationError(CODE_WRONG, code="invalid_token")
        # django-otp marks the session verified when Django logs in a user carrying this.
        user.otp_device = device
        return cleaned_data


class EnrolmentForm(forms.Form):
    otp_token = TokenField()

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device
        self.fields["otp_token"].required = True
        self.fields["otp_token"].help_text = "添加密钥后，输入验证器应用显示的 6 位数字以确认。"

    def clean_otp_token(self):
        token = self.cleaned_data["otp_token"]
        if not verify(self.device, token):
            raise ValidationError(CODE_WRONG, code="invalid_token")
        return token
