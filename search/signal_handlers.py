"""Search follows every publish, unpublish, move and delete through the publish fan-out."""

from wagtail.models import Page

from search import indexing
from sites.models import ColumnPage
from sites.publishing import Change, ContentChange, Step, register_publish_handler


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


def register_signal_handlers() -> None:
    register_publish_handler(Step.SEARCH)(on_content_change_update_search)
