"""The single receiver for page and site changes; it hands each change to `publishing.fan_out`.

Page signals are connected without a sender and filtered by `BasePage`, so the page types of
every app reach search, the catalogue and the caches without `sites` knowing them. Wagtail
names the specific page class as the sender, also where the instance is a plain `Page`.
"""

from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.models import Page, PageLogEntry, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms.models import BasePage
from sites import caching
from sites.models import ArticlePage, ColumnPage, SiteProfile
from sites.models.pages import refresh_article_column_types
from sites.publishing import Change, ContentChange, Step, fan_out, register_publish_handler


def _site_ids_showing(page: Page) -> frozenset[int]:
    site = page.get_site()
    return frozenset({site.pk}) if site else frozenset()


def _site_ids_linking(page: Page) -> frozenset[int]:
    """A policy file and its 政策解读 link to each other, perhaps across sites: both sites show the change."""
    if not isinstance(page, ArticlePage):
        return frozenset()
    linked = ArticlePage.objects.filter(
        Q(pk__in={page.interprets_id, _previously_interpreted(page)}) | Q(interprets_id=page.pk)
    ).values_list("url_path", flat=True)
    roots = Site.get_site_root_paths()
    return frozenset(root.site_id for url_path in linked for root in roots if url_path.startswith(root.root_path))


def _previously_interpreted(page: ArticlePage) -> int | None:
    """The file the last published revision interpreted: a 政策解读 that now names another file leaves the
    old file's listing. Wagtail logs a publish after its signal, so the newest entry is the one before."""
    content = (
        PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.publish", revision__isnull=False)
        .order_by("-timestamp", "-pk")
        .values_list("revision__content", flat=True)
        .first()
    )
    return content.get("interprets") if isinstance(content, dict) else None


def remember_linked_sites(sender, instance, **kwargs) -> None:
    """Before a delete clears the links (`SET_NULL`), note the sites of the pages linked to this one."""
    if _is_cluster_page(sender) and instance.live:
        instance._linked_site_ids = _site_ids_linking(instance)


def _is_cluster_page(sender) -> bool:
    return isinstance(sender, type) and issubclass(sender, BasePage)


def on_page_published(sender, instance, **kwargs) -> None:
    """A page went live or was republished."""
    if not _is_cluster_page(sender):
        return
    if isinstance(instance, ColumnPage):
        refresh_article_column_types(instance)  # its type may have changed
    fan_out(ContentChange(Change.PUBLISHED, _site_ids_showing(instance) | _site_ids_linking(instance), instance))


def on_page_unpublished(sender, instance, **kwargs) -> None:
    if _is_cluster_page(sender):
        fan_out(ContentChange(Change.UNPUBLISHED, _site_ids_showing(instance) | _site_ids_linking(instance), instance))


def on_page_deleted(sender, instance, **kwargs) -> None:
    if _is_cluster_page(sender) and instance.live:
        linked = getattr(instance, "_linked_site_ids", frozenset())
        fan_out(ContentChange(Change.DELETED, _site_ids_showing(instance) | linked, instance))


def on_page_moved(sender, instance, parent_page_before=None, **kwargs) -> None:
    """A page moved, perhaps to another column or site: both the old and the new site change."""
    if not _is_cluster_page(sender):
        return
    refresh_article_column_types(instance)
    site_ids = _site_ids_showing(instance)
    if parent_page_before is not None:
        site_ids |= _site_ids_showing(parent_page_before)
    fan_out(ContentChange(Change.MOVED, site_ids, instance.specific_deferred))


def on_site_changed(sender, instance: Site | SiteProfile, **kwargs) -> None:
    """A site or its profile changed: every site's 站群导航 may name it, so all of them change."""
    fan_out(ContentChange(Change.SITE_CHANGED, frozenset(Site.objects.values_list("pk", flat=True))))


def on_content_change_purge_caches(change: ContentChange) -> None:
    """Make every cached page and fragment of the sites that show the change stale."""
    caching.purge_sites(change.site_ids)


def register_signal_handlers() -> None:
    page_published.connect(on_page_published, dispatch_uid="sites-page-published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="sites-page-unpublished")
    pre_delete.connect(remember_linked_sites, dispatch_uid="sites-page-linked-sites")
    post_delete.connect(on_page_deleted, dispatch_uid="sites-page-deleted")
    post_page_move.connect(on_page_moved, dispatch_uid="sites-page-moved")
    post_save.connect(on_site_changed, sender=SiteProfile, dispatch_uid="sites-siteprofile-saved")
    post_save.connect(on_site_changed, sender=Site, dispatch_uid="sites-site-saved")
    post_delete.connect(on_site_changed, sender=Site, dispatch_uid="sites-site-deleted")
    register_publish_handler(Step.CACHE)(on_content_change_purge_caches)
