"""What runs on a clock: Wagtail's scheduled publishing and expiry, and the emergency and mourning
modes starting and ending, which change pages no editor touches at that moment."""

import io
from datetime import datetime

from django.conf import settings
from django.core.management import call_command
from django.db.models import Q
from wagtail.models import Site

from publishing.models import SiteMode
from sites import caching, static_pages


def tick(since: datetime, now: datetime) -> None:
    """Publish and unpublish what is due, and refresh the sites whose modes began or ended in (since, now]."""
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
