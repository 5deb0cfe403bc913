"""Search follows every publish, unpublish, move and delete through the publish fan-out, and the
saves and deletions of the items of every registered source (`search.sources`)."""

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page

from search import indexing
from search.sources import Source
from sites.models import ColumnPage
from sites.publishing import Change, ContentChange, Step, register_publish_handler

logger = logging.getLogger(__name__)


def _column_changed(page: ColumnPage) -> bool:
    """Whether a republished column's title or type differ from what its pages' documents say."""
    from search.models import SearchDocument

    below = SearchDocument.objects.filter(page__path__startswith=page.path).exclude(page_id=page.pk)
    return below.exclude(column_title=page.title, column_type=page.column_type).exists()


def on_content_change_update_search(change: ContentChange) -> None:
    page = change.page
    if change.change == Change.BATCH:
        indexing.index_pages(change.page_ids, extra_site_ids=())
        indexing.remove_orphans(change.site_ids)
    elif change.change == Change.SITE_CHANGED:
        indexing.reindex_sites_with_stale_urls()
    elif page is None:
        return
    elif change.change == Change.PUBLISHED:
        # The sites told beyond the page's own are those that accepted it (信息报送).
        site = page.get_site()
        indexing.index_pages([page.pk], extra_site_ids=change.site_ids - {site.pk if site else None})
        if isinstance(page, ColumnPage) and _column_changed(page):
            indexing.index_subtree(page)
    elif change.change == Change.MOVED:
        indexing.index_subtree(Page.objects.get(pk=page.pk))
    elif change.change == Change.UNPUBLISHED:
        indexing.index_pages([page.pk])
    elif change.change == Change.DELETED:
        indexing.remove_pages([page.pk])
        indexing.remove_orphans(change.site_ids)


def _reindex_item(source: Source, key: int) -> None:
    # As in the fan-out: a failure is logged, the editor's save stands.
    try:
        indexing.index_items(source, [key])
    except Exception:
        logger.exception("检索索引更新失败：%s %s", source.kind, key)


def follow_source(source: Source) -> None:
    """Re-index an item of `source` once the transaction that saved or deleted it commits."""

    def on_item_changed(sender, instance, **kwargs) -> None:
        key = instance.pk
        transaction.on_commit(lambda: _reindex_item(source, key))

    dispatch_uid = f"search-source-{source.kind}"
    post_save.connect(on_item_changed, sender=source.model, weak=False, dispatch_uid=f"{dispatch_uid}-saved")
    post_delete.connect(on_item_changed, sender=source.model, weak=False, dispatch_uid=f"{dispatch_uid}-deleted")


def register_signal_handlers() -> None:
    register_publish_handler(Step.SEARCH)(on_content_change_update_search)
