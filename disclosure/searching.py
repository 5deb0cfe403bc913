"""Catalogue entries without a page (a file held only as an attachment) in the cluster's search.

An entry with a page is found through its page. One without is shown on the 政府信息公开 platform
of the nearest site up its organisation's tree, and found there under 公开目录.
"""

from collections.abc import Iterable

from wagtail.models import Site

from disclosure.models import CatalogueEntry, DisclosurePage
from search.sources import Item, Source
from sites.models import Organisation, SiteProfile

KIND = "catalogueentry"
KIND_LABEL = "公开目录"


def _platform_urls() -> dict[int, tuple[int, str]]:
    """Organisation id to (site id, URL of the site's platform) for every site with a live platform."""
    sites = {site.root_page.path: site for site in Site.objects.select_related("root_page")}
    platforms: dict[int, str] = {}
    for page in DisclosurePage.objects.live().order_by("path"):
        site = next((site for path, site in sites.items() if page.path.startswith(path)), None)
        if site is not None and site.pk not in platforms:
            platforms[site.pk] = site.root_url + "/" + page.url_path[len(site.root_page.url_path) :]
    return {
        organisation_id: (site_id, platforms[site_id])
        for organisation_id, site_id in SiteProfile.objects.values_list("organisation_id", "site_id")
        if site_id in platforms and organisation_id is not None
    }


def _platform_of(organisation_id: int, parents: dict[int, int | None], platforms: dict) -> tuple[int, str] | None:
    seen: set[int] = set()
    while organisation_id is not None and organisation_id not in seen:
        if organisation_id in platforms:
            return platforms[organisation_id]
        seen.add(organisation_id)
        organisation_id = parents.get(organisation_id)
    return None


def standalone_entries(keys: Iterable[int] | None) -> list[Item]:
    entries = CatalogueEntry.objects.public().filter(page__isnull=True).select_related("theme", "genre")
    if keys is not None:
        entries = entries.filter(pk__in=list(keys))
    entries = entries.prefetch_related("tags", "attachments__document")
    platforms = _platform_urls()
    parents = dict(Organisation.objects.values_list("pk", "parent_id"))
    items = []
    for entry in entries:
        platform = _platform_of(entry.organisation_id, parents, platforms)
        if platform is None:
            continue
        site_id, url = platform
        attachments = [attachment.display_title for attachment in entry.attachments.all()]
        items.append(
            Item(
                key=entry.pk,
                site_id=site_id,
                title=entry.title,
                url=f"{url}entry/{entry.pk}/",
                content="\n".join([entry.summary, *attachments]),
                organisation_id=entry.organisation_id,
                published_at=entry.published_at,
                tags=tuple(tag.name for tag in entry.tags.all()),
                metadata={
                    "index_number": entry.index_number or "",
                    "document_number": entry.document_number,
                    "theme": entry.theme.name if entry.theme else "",
                    "genre": entry.genre.name if entry.genre else "",
                    "validity": entry.get_validity_display(),
                },
            )
        )
    return items


SOURCE = Source(kind=KIND, kind_label=KIND_LABEL, model=CatalogueEntry, items=standalone_entries)
