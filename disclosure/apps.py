from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "disclosure"
    verbose_name = "政府信息公开"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from disclosure.searching import SOURCE
        from disclosure.signal_handlers import register_signal_handlers
        from search.sources import register_search_source

        register_signal_handlers()
        register_search_source(SOURCE)
        # A site's 政府信息公开 page may be added under its home; `sites` knows nothing of this app.
        from sites.models import HomePage

        if "disclosure.DisclosurePage" not in HomePage.subpage_types:
            HomePage.subpage_types = [*HomePage.subpage_types, "disclosure.DisclosurePage"]
