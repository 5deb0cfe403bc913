from django.apps import AppConfig


class AuditsConfig(AppConfig):
    name = "audits"
    verbose_name = "网站绩效评估"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from audits.signal_handlers import register_signal_handlers

        register_signal_handlers()
