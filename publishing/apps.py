from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "publishing"
    verbose_name = "信息发布"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from publishing.signal_handlers import register_signal_handlers

        register_signal_handlers()
