"""What runs on a clock: Wagtail's scheduled publishing and expiry, and the emergency and mourning
modes starting and ending, which change pages no editor touches at that moment."""

import io
import logging
from datetime import datetime

from django.conf import settings
from django.core.management import call_command
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Revision, Site

from cms.alt_text import page_missing_alt_text
from publishing.models import SiteMode
from sites import caching, static_pages

logger = logging.getLogger(__name__)


def hold_back_undescribed_images() -> None:
    """Unschedule the due revisions whose images lack alternative text: no page goes out without it.

    The page form checked when the revision was scheduled, but an image's description may have
    been cleared since. Wagtail records the cancellation in the page's history (取消定时发布).
    """
    for revision in Revision.page_revisions.filter(approved_go_live_at__lt=timezone.now()):
        if problems := page_missing_alt_text(revision.as_object()):
            revision.approved_go_live_at = None
            revision.save(update_fields=["approved_go_live_at"])
            logger.warning("定时发布已取消：%s（%s）%s", revision.object_str, revision.object_id, "".join(problems))


def tick(since: datetime, now: datetime) -> None:
    """Publish and unpublish what is due, and refresh the sites whose modes began or ended in (since, now]."""
    hold_back_undescribed_images()
    # publish_scheduled goes through page_published and page_unpublished, so the fan-out sees it.
    call_command("publish_scheduled", stdout=io.StringIO())
    boundary = Q(starts_at__gt=since, starts_at__lte=now) | Q(ends_at__gt=since, ends_at__lte=now)
    modes = SiteMode.objects.filter(boundary)
    if modes.filter(site__isnull=True).exists():
        caching.purge_sites(Site.objects.values_list("pk", flat=True))
    else:
        caching.purge_sites(modes.values_list("site_id", flat=True))
    # Page files last as long as the page cache's entries, for what changes without a purge.
    static_pages.sweep(settings.PAGE_CACHE_SECONDS)
