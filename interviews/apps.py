from django.apps import AppConfig


class InterviewsConfig(AppConfig):
    name = "interviews"
    verbose_name = "在线访谈"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from interviews.signal_handlers import register_signal_handlers

        register_signal_handlers()
