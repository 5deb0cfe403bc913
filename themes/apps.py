from django.apps import AppConfig


class ThemesConfig(AppConfig):
    name = "themes"
    verbose_name = "主题"

    def ready(self) -> None:
        from themes import checks  # noqa: F401
