from django.apps import AppConfig


class SitesConfig(AppConfig):
    name = "sites"
    verbose_name = "站群"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from sites.signal_handlers import register_signal_handlers

        register_signal_handlers()
