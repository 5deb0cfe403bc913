"""The catalogue follows publishing through the `disclosure` step of the publish fan-out."""

from django.db.models.signals import post_save

from disclosure import catalogue
from disclosure.models import AnnualReport, CatalogueEntry, DisclosureGuide
from sites import caching
from sites.models import SiteProfile
from sites.publishing import Change, ContentChange, Step, register_publish_handler

WITHDRAWN = frozenset({Change.UNPUBLISHED, Change.DELETED})


def on_content_change(change: ContentChange) -> None:
    """Number and refresh the catalogue entry of a published page; withdraw that of an unpublished one.

    Runs after the publish has committed, before the caches of the sites showing it are purged.
    """
    if change.change in WITHDRAWN and change.page is not None:
        catalogue.withdraw_pages([change.page.pk])
    elif change.change in (Change.PUBLISHED, Change.MOVED) and change.page is not None:
        catalogue.sync_page(change.page)
    elif change.change == Change.BATCH:
        from wagtail.models import Page

        for page in Page.objects.filter(pk__in=change.page_ids, live=True).specific():
            catalogue.sync_page(page)


def on_catalogue_saved(sender, instance, **kwargs) -> None:
    """An entry, guide or report saved in the admin: number a standalone entry, refresh the sites showing it."""
    if isinstance(instance, CatalogueEntry):
        catalogue.publish_standalone(instance)
    organisation = instance.organisation
    # The platform of every site above the organisation lists it.
    chain = [organisation.pk]
    while organisation.parent_id:
        organisation = organisation.parent
        chain.append(organisation.pk)
    caching.purge_sites(set(SiteProfile.objects.filter(organisation__in=chain).values_list("site_id", flat=True)))


def register_signal_handlers() -> None:
    register_publish_handler(Step.DISCLOSURE)(on_content_change)
    for model in (CatalogueEntry, DisclosureGuide, AnnualReport):
        post_save.connect(on_catalogue_saved, sender=model, dispatch_uid=f"disclosure-{model.__name__}-saved")
