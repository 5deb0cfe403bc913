"""Keeping the catalogue in step with published pages, and reading it for visitors and the open-data API."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from wagtail.models import Page, Site

from cms.blocks import plain_text
from disclosure.index_numbers import assign_index_number
from disclosure.models import CatalogueEntry, CatalogueSettings
from sites.enums import ColumnType, OrganisationKind, Validity
from sites.models import ArticlePage, Organisation, SiteProfile

# Pages in these columns enter the catalogue on their first publish; others when staff add them.
CATALOGUED_BY_DEFAULT = frozenset({ColumnType.POLICY_FILES})
FILTERS = ("org", "theme", "genre", "year", "validity", "q")
MAX_QUERY_LENGTH = 100
INSTITUTIONS_HEADING = "公共企事业单位"


def is_catalogued_by_default(page: Page) -> bool:
    """An article in a 政策文件 column; the column itself, though typed alike, is not a document."""
    return isinstance(page, ArticlePage) and page.column_type in CATALOGUED_BY_DEFAULT


def publishing_organisation(page: Page) -> Organisation | None:
    """The page's own publishing organisation, else the organisation of the site it is on."""
    organisation = getattr(page, "organisation", None)
    if organisation is not None:
        return organisation
    site = page.get_site()
    return SiteProfile.for_site(site).organisation if site else None


def sync_page(page: Page) -> CatalogueEntry | None:
    """Bring the page's entry up to date after a publish; create it if the page is catalogued by default.

    Returns the entry, numbered, or None when the page is not in the catalogue.
    """
    page = page.specific
    entry = CatalogueEntry.objects.filter(page=page).first()
    if entry is None and not is_catalogued_by_default(page):
        return None
    organisation = publishing_organisation(page)
    if organisation is None:
        return entry
    settings = CatalogueSettings.load()
    body = getattr(page, "body", None)
    length = len(plain_text(body)) if body is not None else 0
    with transaction.atomic():
        entry = entry or CatalogueEntry(page=page)
        entry.source_page_id = page.pk
        entry.title = page.title
        entry.document_number = getattr(page, "document_number", "")
        entry.validity = getattr(page, "validity", Validity.VALID)
        entry.organisation = organisation
        entry.published_at = getattr(page, "pub_date", None) or page.first_published_at or entry.published_at
        entry.long_document = length > settings.long_document_chars
        entry.live = page.live
        if not entry.summary:
            entry.summary = (getattr(page, "summary", "") or "")[: settings.summary_limit_for(entry.long_document)]
        entry.save()
        if entry.live:
            assign_index_number(entry)
    return entry


def withdraw_pages(page_ids: Iterable[int]) -> None:
    """Pages that were unpublished or deleted: their entries leave the public catalogue, numbers kept."""
    CatalogueEntry.objects.filter(source_page_id__in=list(page_ids)).update(live=False)


def publish_standalone(entry: CatalogueEntry) -> None:
    """An entry without a page is public once saved as such: number it then."""
    if entry.page_id is None and entry.live:
        assign_index_number(entry)


def _under(organisations: list[Organisation], root_id: int | None) -> list[Organisation]:
    """The organisation `root_id` and those under it, from a list holding them all."""
    children: dict[int | None, list[Organisation]] = defaultdict(list)
    for organisation in organisations:
        children[organisation.parent_id].append(organisation)
    found: list[Organisation] = []
    seen: set[int] = set()
    stack = [organisation for organisation in organisations if organisation.pk == root_id]
    while stack:
        organisation = stack.pop()
        if organisation.pk in seen:  # a parent loop, should one be entered
            continue
        seen.add(organisation.pk)
        found.append(organisation)
        stack.extend(reversed(children[organisation.pk]))
    return found


def organisations_under(root_id: int | None) -> list[Organisation]:
    """An organisation and every one under it, in one query: a cluster's tree is a few hundred rows at most."""
    if root_id is None:
        return []
    return _under(list(Organisation.objects.order_by("sort_order", "code")), root_id)


def scope_organisations(site: Site | None) -> list[Organisation]:
    """The organisations a site's catalogue covers: its own and every one under it (all, on the city portal)."""
    return organisations_under(SiteProfile.for_site(site).organisation_id if site else None)


@dataclass
class Filters:
    org: int | None = None
    theme: int | None = None
    genre: int | None = None
    year: int | None = None
    validity: str = ""
    q: str = ""
    errors: tuple[str, ...] = ()


def _positive_int(raw: str | None, name: str, errors: list[str]) -> int | None:
    if not raw:
        return None
    if raw.isascii() and raw.isdigit() and len(raw) <= 9:
        return int(raw)
    errors.append(f"参数 {name} 应为正整数。")
    return None


def read_filters(params) -> Filters:
    """Filters from query parameters; anything malformed is ignored and named in `errors`."""
    errors: list[str] = []
    validity = params.get("validity", "")
    if validity and validity not in Validity.values:
        errors.append("有效性参数不正确。")
        validity = ""
    query = " ".join(params.get("q", "").split())
    if len(query) > MAX_QUERY_LENGTH:
        errors.append(f"关键词不能超过{MAX_QUERY_LENGTH}字。")
        query = query[:MAX_QUERY_LENGTH]
    return Filters(
        org=_positive_int(params.get("org"), "org", errors),
        theme=_positive_int(params.get("theme"), "theme", errors),
        genre=_positive_int(params.get("genre"), "genre", errors),
        year=_positive_int(params.get("year"), "year", errors),
        validity=validity,
        q=query.replace("\x00", ""),
        errors=tuple(errors),
    )


def browse(organisations: list[Organisation], filters: Filters) -> QuerySet[CatalogueEntry]:
    """Public entries of `organisations` that pass `filters`, newest first."""
    if filters.org:
        organisations = _under(organisations, filters.org)
    entries = CatalogueEntry.objects.public().filter(
        organisation__in=[organisation.pk for organisation in organisations]
    )
    if filters.theme:
        entries = entries.filter(theme_id=filters.theme)
    if filters.genre:
        entries = entries.filter(genre_id=filters.genre)
    if filters.year:
        entries = entries.filter(published_at__year=filters.year)
    if filters.validity:
        entries = entries.filter(validity=filters.validity)
    for word in filters.q.split():
        entries = entries.filter(
            Q(title__icontains=word)
            | Q(summary__icontains=word)
            | Q(document_number__icontains=word)
            | Q(index_number__icontains=word)
            | Q(tags__name__icontains=word)
        ).distinct()
    return entries.select_related("organisation", "theme", "genre").order_by("-published_at", "-pk")


@dataclass
class OrganisationNode:
    organisation: Organisation
    count: int
    children: list["OrganisationNode"]


def organisation_tree(organisations: list[Organisation]) -> list[OrganisationNode]:
    """The organisations as a tree, each with the number of public entries in its subtree."""
    own = dict(
        CatalogueEntry.objects.public()
        .filter(organisation__in=[organisation.pk for organisation in organisations])
        .values_list("organisation")
        .annotate(n=Count("pk"))
        .values_list("organisation", "n")
    )
    nodes = {
        organisation.pk: OrganisationNode(organisation, own.get(organisation.pk, 0), [])
        for organisation in organisations
    }
    roots = []
    for organisation in organisations:
        parent = nodes.get(organisation.parent_id)
        (parent.children if parent else roots).append(nodes[organisation.pk])

    def total(node: OrganisationNode) -> int:
        node.count += sum(total(child) for child in node.children)
        return node.count

    for root in roots:
        total(root)
    return roots


def organisation_groups(organisations: list[Organisation]) -> list[tuple[str, list[OrganisationNode]]]:
    """(heading, tree) of the organisations: governments and departments, then 公共企事业单位 apart.

    An institution's entries still count in the government above it, as filtering by that
    government finds them.
    """
    institutions: list[OrganisationNode] = []

    def lift(nodes: list[OrganisationNode]) -> list[OrganisationNode]:
        kept = []
        for node in nodes:
            if node.organisation.kind == OrganisationKind.PUBLIC_INSTITUTION:
                institutions.append(node)
            else:
                node.children = lift(node.children)
                kept.append(node)
        return kept

    groups = [("", lift(organisation_tree(organisations)))]
    return [*groups, (INSTITUTIONS_HEADING, institutions)] if institutions else groups


def entry_record(entry: CatalogueEntry) -> dict[str, object]:
    """The open-data form of an entry: its catalogue metadata, nothing about people."""
    return {
        "index_number": entry.index_number,
        "title": entry.title,
        "summary": entry.summary,
        "theme": entry.theme.name if entry.theme_id else "",
        "genre": entry.genre.name if entry.genre_id else "",
        "organisation": entry.organisation.name,
        "organisation_code": entry.organisation.code,
        "written_on": entry.written_on.isoformat() if entry.written_on else "",
        "published_on": timezone.localdate(entry.published_at).isoformat(),
        "document_number": entry.document_number,
        "keywords": [tag.name for tag in entry.tags.all()],
        "validity": entry.get_validity_display(),
        "mode": entry.get_mode_display(),
        "url": entry.page.full_url if entry.page_id else "",
        "attachments": [{"title": title, "url": url} for title, url in entry.all_attachments()],
    }
