"""The password rules of admin accounts, with their messages in Chinese.

Django's own validators cover the rest (similar to the user's name and e-mail, a common password,
digits only) and speak Chinese already; its length rule's message has no Chinese translation.
"""

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Every account here can sign in to the admin, so every password is held to the staff length."""

    def validate(self, password, user=None):
        if len(password) < self.min_length:
            raise ValidationError(self.get_error_message(), code="password_too_short")

    def get_error_message(self):
        return f"密码太短：至少需要 {self.min_length} 个字符。"

    def get_help_text(self):
        return f"密码至少需要 {self.min_length} 个字符。"
