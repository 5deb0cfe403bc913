"""Turning a page of any app into the fields of its search document.

Nothing here names a sibling app's page type. The text is what the page's Wagtail `search_fields`
name (an interview's transcript is one), plus its rich-text and body fields and a few summary
fields any type may have. A page type adds structured fields (the catalogue's 索引号, theme,
genre…) by defining `search_metadata()`, returning a dict with any of `METADATA_FIELDS`.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Q
from django.utils import timezone
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, Site
from wagtail.search import index

from cms.models import BasePage
from search.sources import Item, Source
from sites.models import ColumnPage, HomePage, Organisation, SiteProfile
from sites.tree import ancestor_paths, nearest

METADATA_FIELDS = ("index_number", "document_number", "theme", "genre", "validity")
# Short text fields many page types share; searched with the body when a type has them.
SUMMARY_FIELDS = ("subtitle", "summary", "intro", "description", "topic", "item_name", "position", "source")
PUBLISHED_AT_FIELDS = ("pub_date", "scheduled_start")
MAX_CONTENT_LENGTH = 200_000


def searchable_models() -> list[type[Page]]:
    """Every page type of every app that derives from `BasePage`, except the home page."""
    return [model for model in apps.get_models() if issubclass(model, BasePage) and model is not HomePage]


def searchable_pages():
    """Live, public pages of the searchable types."""
    return Page.objects.live().public().type(*searchable_models()).filter(depth__gt=2)


@dataclass
class IndexingContext:
    """What a batch of pages shares: sites, their organisations, columns and the organisation tree."""

    sites: list[Site] = field(default_factory=list)
    site_organisations: dict[int, int | None] = field(default_factory=dict)
    organisations: dict[int, tuple[int | None, str]] = field(default_factory=dict)
    columns: dict[str, tuple[str, str]] = field(default_factory=dict)

    @classmethod
    def for_pages(cls, pages: Iterable[Page]) -> "IndexingContext":
        pages = list(pages)
        sites = sorted(Site.objects.select_related("root_page"), key=lambda site: -len(site.root_page.path))
        column_paths = {path for page in pages for path in ancestor_paths(page.path)} | {page.path for page in pages}
        columns = {
            path: (title, column_type)
            for path, title, column_type in ColumnPage.objects.filter(path__in=column_paths).values_list(
                "path", "title", "column_type"
            )
        }
        return cls(
            sites=sites,
            site_organisations=dict(SiteProfile.objects.values_list("site_id", "organisation_id")),
            organisations={
                pk: (parent, name) for pk, parent, name in Organisation.objects.values_list("pk", "parent", "name")
            },
            columns=columns,
        )

    def site_of(self, page: Page) -> Site | None:
        return next((site for site in self.sites if page.path.startswith(site.root_page.path)), None)

    def organisation_path(self, organisation_id: int | None) -> str:
        chain: list[int] = []
        while organisation_id is not None and organisation_id not in chain:
            chain.append(organisation_id)
            organisation_id = self.organisations.get(organisation_id, (None, ""))[0]
        return "/" + "".join(f"{pk}/" for pk in reversed(chain)) if chain else ""


def _text_values(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, Iterable):
        return [text for item in value for text in _text_values(item)]
    return [str(value)]


def page_text(page: Page) -> str:
    """The searchable text of `page` other than its title, as plain text."""
    parts: list[str] = []
    for name in SUMMARY_FIELDS:
        value = getattr(page, name, None)
        if isinstance(value, str) and value:
            parts.append(value)
    seen = {"title", *SUMMARY_FIELDS}
    for search_field in page.search_fields:
        if isinstance(search_field, index.SearchField) and search_field.field_name not in seen:
            seen.add(search_field.field_name)
            parts.extend(_text_values(search_field.get_value(page)))
    for model_field in page._meta.get_fields():
        if isinstance(model_field, RichTextField | StreamField) and model_field.name not in seen:
            seen.add(model_field.name)
            parts.extend(_text_values(model_field.get_searchable_content(model_field.value_from_object(page))))
    return "\n".join(part.strip() for part in parts if part and part.strip())[:MAX_CONTENT_LENGTH]


def _metadata(page: Page) -> dict[str, str]:
    metadata = {name: str(getattr(page, name, "") or "") for name in ("document_number",)}
    if hasattr(page, "get_validity_display"):
        metadata["validity"] = page.get_validity_display()
    provided = getattr(page, "search_metadata", None)
    if callable(provided):
        metadata.update({key: str(value or "") for key, value in provided().items() if key in METADATA_FIELDS})
    return metadata


def _published_at(page: Page):
    for name in PUBLISHED_AT_FIELDS:
        value = getattr(page, name, None)
        if value is not None:
            return value
    return page.first_published_at or page.last_published_at


def document_fields(page: Page, context: IndexingContext) -> dict | None:
    """The search document's fields for a specific page, or None when it is on no site."""
    site = context.site_of(page)
    if site is None:
        return None
    organisation_id = getattr(page, "organisation_id", None) or context.site_organisations.get(site.pk)
    column_path = nearest(page.path, context.columns, inclusive=True)
    column_title, column_type = context.columns.get(column_path, ("", "")) if column_path else ("", "")
    published_at = _published_at(page)
    tag_names = [tag.name for tag in page.tags.all()] if hasattr(page, "tags") else []
    metadata = _metadata(page)
    content_parts = [" ".join(tag_names), *(metadata.get(name, "") for name in METADATA_FIELDS[:2]), page_text(page)]
    root_url_path = site.root_page.url_path
    return {
        "page_id": page.pk,
        "kind": page._meta.model_name,
        "kind_label": str(page._meta.verbose_name),
        "site_id": site.pk,
        "organisation_id": organisation_id,
        "organisation_path": context.organisation_path(organisation_id),
        "organisation_name": context.organisations.get(organisation_id, (None, ""))[1] if organisation_id else "",
        "column_title": column_title,
        "column_type": column_type,
        "title": page.title,
        "content": "\n".join(part for part in content_parts if part),
        "url": site.root_url + "/" + page.url_path[len(root_url_path) :],
        "published_at": published_at,
        "year": timezone.localtime(published_at).year if published_at else None,
        "tags": ",".join(tag_names)[:500],
        **{name: metadata.get(name, "")[:80] for name in METADATA_FIELDS},
    }


def item_fields(source: Source, item: Item, context: IndexingContext) -> dict | None:
    """The search document's fields for an item of a source, or None when its site is gone."""
    if not any(site.pk == item.site_id for site in context.sites):
        return None
    metadata = {name: str(item.metadata.get(name, "") or "") for name in METADATA_FIELDS}
    content_parts = [" ".join(item.tags), *(metadata[name] for name in METADATA_FIELDS[:2]), item.content]
    organisation_id = item.organisation_id
    return {
        "page_id": None,
        "source": source.kind,
        "source_key": item.key,
        "kind": source.kind,
        "kind_label": source.kind_label,
        "site_id": item.site_id,
        "organisation_id": organisation_id,
        "organisation_path": context.organisation_path(organisation_id),
        "organisation_name": context.organisations.get(organisation_id, (None, ""))[1] if organisation_id else "",
        "column_title": "",
        "column_type": "",
        "title": item.title[:255],
        "content": "\n".join(part for part in content_parts if part)[:MAX_CONTENT_LENGTH],
        "url": item.url[:500],
        "published_at": item.published_at,
        "year": timezone.localtime(item.published_at).year if item.published_at else None,
        "tags": ",".join(item.tags)[:500],
        **{name: metadata[name][:80] for name in METADATA_FIELDS},
    }


def pages_below(paths: Iterable[str]):
    """Live searchable pages at or below any of `paths`."""
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return searchable_pages().filter(condition) if condition else searchable_pages().none()
