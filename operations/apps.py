from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "operations"
    verbose_name = "运行保障"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from operations import checks  # noqa: F401 (registers the system checks)
        from operations.signal_handlers import register_signal_handlers

        register_signal_handlers()
