from django.apps import AppConfig


class AuditsConfig(AppConfig):
    name = "audits"
    verbose_name = "网站绩效评估"
    default_auto_field = "django.db.models.BigAutoField"
