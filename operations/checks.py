"""System checks of the operations settings."""

from django.conf import settings
from django.core.checks import Error, register

from operations.security_log import MINIMUM_RETENTION_DAYS


@register()
def security_log_retention(app_configs, **kwargs) -> list[Error]:
    if settings.SECURITY_LOG_RETENTION_DAYS >= MINIMUM_RETENTION_DAYS:
        return []
    return [
        Error(
            f"SECURITY_LOG_RETENTION_DAYS 为 {settings.SECURITY_LOG_RETENTION_DAYS} 天，"
            f"网络安全法要求网络日志留存不少于六个月（至少 {MINIMUM_RETENTION_DAYS} 天）。",
            id="operations.E001",
        )
    ]
