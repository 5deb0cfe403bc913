from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "平台核心"
