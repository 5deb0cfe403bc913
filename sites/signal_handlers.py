"""The single receiver for page and site changes; it hands each change to `publishing.fan_out`."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from sites.models import ArticlePage, ColumnPage, HomePage, LeaderPage, ServiceGuidePage, SiteProfile, TopicPage
from sites.models.pages import refresh_article_column_types
from sites.publishing import Change, ContentChange, fan_out

CLUSTER_PAGE_MODELS = (HomePage, ColumnPage, ArticlePage, ServiceGuidePage, LeaderPage, TopicPage)


def _site_ids_showing(page: Page) -> frozenset[int]:
    site = page.get_site()
    return frozenset({site.pk}) if site else frozenset()


def on_page_published(sender, instance, **kwargs) -> None:
    """A page went live or was republished."""
    if isinstance(instance, ColumnPage):
        refresh_article_column_types(instance)  # its type may have changed
    fan_out(ContentChange(Change.PUBLISHED, _site_ids_showing(instance), instance))


def on_page_unpublished(sender, instance, **kwargs) -> None:
    fan_out(ContentChange(Change.UNPUBLISHED, _site_ids_showing(instance), instance))


def on_page_deleted(sender, instance, **kwargs) -> None:
    if instance.live:
        fan_out(ContentChange(Change.DELETED, _site_ids_showing(instance), instance))


def on_page_moved(sender, instance, parent_page_before=None, **kwargs) -> None:
    """A page moved, perhaps to another column or site: both the old and the new site change."""
    refresh_article_column_types(instance)
    site_ids = _site_ids_showing(instance)
    if parent_page_before is not None:
        site_ids |= _site_ids_showing(parent_page_before)
    fan_out(ContentChange(Change.MOVED, site_ids, instance))


def on_site_changed(sender, instance: Site | SiteProfile, **kwargs) -> None:
    """A site or its profile changed: every site's 站群导航 may name it, so all of them change."""
    fan_out(ContentChange(Change.SITE_CHANGED, frozenset(Site.objects.values_list("pk", flat=True))))


def register_signal_handlers() -> None:
    for model in CLUSTER_PAGE_MODELS:
        label = model._meta.label_lower
        page_published.connect(on_page_published, sender=model, dispatch_uid=f"sites-published-{label}")
        page_unpublished.connect(on_page_unpublished, sender=model, dispatch_uid=f"sites-unpublished-{label}")
        post_delete.connect(on_page_deleted, sender=model, dispatch_uid=f"sites-deleted-{label}")
        post_page_move.connect(on_page_moved, sender=model, dispatch_uid=f"sites-moved-{label}")
    post_save.connect(on_site_changed, sender=SiteProfile, dispatch_uid="sites-siteprofile-saved")
    post_save.connect(on_site_changed, sender=Site, dispatch_uid="sites-site-saved")
    post_delete.connect(on_site_changed, sender=Site, dispatch_uid="sites-site-deleted")
