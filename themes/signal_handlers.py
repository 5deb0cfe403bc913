from django.db import transaction

from sites.publishing import ContentChange, Step, register_publish_handler
from themes.cache import purge_site


def on_content_change_purge_caches(change: ContentChange) -> None:
    """Make the navigation and listings of every site that shows the changed content stale."""

    def purge() -> None:
        for site_id in change.site_ids:
            purge_site(site_id)

    transaction.on_commit(purge)


def register_signal_handlers() -> None:
    register_publish_handler(Step.CACHE)(on_content_change_purge_caches)
