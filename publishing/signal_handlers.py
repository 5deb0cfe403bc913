"""Keep every site that shows a submitted article current when the article changes or goes."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Site

from publishing.enums import SubmissionStatus
from publishing.models import SiteMode, Submission
from publishing.syndication import receiving_site_ids
from sites import caching
from sites.publishing import ContentChange, Step, register_publish_handler


def on_content_change_refresh_receiving_sites(change: ContentChange) -> None:
    """An article was republished, unpublished or moved: the sites that accepted it list it too.

    `sites` purges the sites in the tree of the change; this purges those that took the article
    through 信息报送, so its title, or its absence, shows there at the same time.
    """
    article_ids = set(change.page_ids)
    if change.page is not None:
        article_ids.add(change.page.pk)
    caching.purge_sites(receiving_site_ids(article_ids) - change.site_ids)


def on_submission_deleted(sender, instance: Submission, **kwargs) -> None:
    """A deleted article takes its submissions with it; the site that listed it must forget it."""
    if instance.status != SubmissionStatus.ACCEPTED:
        return
    target_site_id = instance.target_site_id
    transaction.on_commit(lambda: caching.purge_sites([target_site_id]))


def on_site_mode_changed(sender, instance: SiteMode, **kwargs) -> None:
    """A mode switched on, changed or removed shows on its site, or every site, at once."""
    site_ids = [instance.site_id] if instance.site_id else list(Site.objects.values_list("pk", flat=True))
    transaction.on_commit(lambda: caching.purge_sites(site_ids))


def register_signal_handlers() -> None:
    post_save.connect(on_site_mode_changed, sender=SiteMode, dispatch_uid="publishing-site-mode-saved")
    post_delete.connect(on_site_mode_changed, sender=SiteMode, dispatch_uid="publishing-site-mode-deleted")
    post_delete.connect(on_submission_deleted, sender=Submission, dispatch_uid="publishing-submission-deleted")
    register_publish_handler(Step.SYNDICATION)(on_content_change_refresh_receiving_sites)
