"""Keeping the search documents and the engine's index current, page by page or all at once."""

from collections.abc import Callable, Iterable, Iterator

from django.db import connection, transaction
from wagtail.models import Page, Site

from search.documents import IndexingContext, document_fields, item_fields, pages_below, searchable_pages
from search.engines import get_engine
from search.models import IndexState, SearchDocument, SearchDocumentSite
from search.sources import Item, Source, registered_sources

BATCH_SIZE = 500


def _insert(documents: list[SearchDocument]) -> None:
    """Insert new document rows and give each its id: what `bulk_create` does, without building
    the SQL of every value, which with 25 columns took as long as the engine's index.

    On PostgreSQL one statement takes a column of values in each of its parameters; SQLite's
    statements take as many rows as its parameters allow.
    """
    fields = [field for field in SearchDocument._meta.concrete_fields if not field.primary_key]
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    insert = f"INSERT INTO {SearchDocument._meta.db_table} ({columns}) "

    def values(batch: list[SearchDocument]) -> list:
        return [
            field.get_db_prep_save(getattr(document, field.attname), connection)
            for document in batch
            for field in fields
        ]

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            arrays = ", ".join(f"%s::{field.db_type(connection)}[]" for field in fields)
            flat = values(documents)
            cursor.execute(
                f"{insert}SELECT * FROM unnest({arrays}) RETURNING id",  # noqa: S608 (names from the model)
                [flat[column :: len(fields)] for column in range(len(fields))],
            )
            ids = [pk for (pk,) in cursor.fetchall()]
        else:
            row = "(" + ", ".join(["%s"] * len(fields)) + ")"
            per_statement = connection.features.max_query_params // len(fields)
            ids = []
            for start in range(0, len(documents), per_statement):
                batch = documents[start : start + per_statement]
                cursor.execute(f"{insert}VALUES {', '.join([row] * len(batch))} RETURNING id", values(batch))
                ids += [pk for (pk,) in cursor.fetchall()]
    for document, pk in zip(documents, ids, strict=True):
        document.pk = pk
        document._state.adding, document._state.db = False, connection.alias


def store(generation: int, documents: list[SearchDocument]) -> None:
    """Write new documents of `generation`: their rows, the sites in their `site_ids`, their index entries."""
    _insert(documents)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {SearchDocumentSite._meta.db_table} (document_id, site_id) VALUES (%s, %s)",  # noqa: S608 (names from the model)
            [(document.pk, site_id) for document in documents for site_id in document.site_ids],
        )
    get_engine().add(generation, documents)


def _remove(generation: int, documents: list[SearchDocument]) -> None:
    if documents:
        get_engine().remove(generation, documents)
        SearchDocument.objects.filter(pk__in=[document.pk for document in documents]).delete()


def _sites_by_page(generation: int, page_ids: Iterable[int]) -> dict[int, set[int]]:
    rows = SearchDocumentSite.objects.filter(document__generation=generation, document__page_id__in=list(page_ids))
    by_page: dict[int, set[int]] = {}
    for page_id, site_id in rows.values_list("document__page_id", "site_id"):
        by_page.setdefault(page_id, set()).add(site_id)
    return by_page


def _write(
    generation: int,
    pages: list[Page],
    extra_site_ids: Iterable[int] = (),
    carried_sites: dict[int, set[int]] | None = None,
) -> int:
    """(Re)write the documents of `pages` in `generation`; the sites that showed them keep doing so."""
    old = list(SearchDocument.objects.filter(generation=generation, page_id__in=[page.pk for page in pages]))
    kept_sites = carried_sites or _sites_by_page(generation, [document.page_id for document in old])
    own_sites = {document.page_id: document.site_id for document in old}
    _remove(generation, old)
    context = IndexingContext.for_pages(pages)
    documents = []
    for page in pages:
        fields = document_fields(page, context)
        if fields is not None:
            documents.append(SearchDocument(generation=generation, **fields))
    existing_site_ids = set(Site.objects.values_list("pk", flat=True))
    for document in documents:
        # Sites that accepted the page (信息报送) stay; the site it left on a move does not.
        site_ids = (kept_sites.get(document.page_id, set()) - {own_sites.get(document.page_id)}) | set(extra_site_ids)
        document.site_ids = sorted((site_ids | {document.site_id}) & existing_site_ids)
    store(generation, documents)
    return len(documents)


def _write_items(generation: int, source: Source, keys: Iterable[int] | None, items: list[Item]) -> int:
    """(Re)write the documents of a source's items (of `keys`, or all) in `generation`, on their own site."""
    old = SearchDocument.objects.filter(generation=generation, source=source.kind)
    if keys is not None:
        old = old.filter(source_key__in=list(keys))
    _remove(generation, list(old))
    context = IndexingContext.for_pages([])
    documents = []
    for item in items:
        fields = item_fields(source, item, context)
        if fields is not None:
            documents.append(SearchDocument(generation=generation, **fields))
    for document in documents:
        document.site_ids = [document.site_id]
    store(generation, documents)
    return len(documents)


@transaction.atomic
def index_items(source: Source, keys: Iterable[int] | None = None) -> None:
    """Bring the documents of a source's items (these, or all) up to date; those no longer public go."""
    keys = None if keys is None else set(keys)
    items = list(source.items(keys))
    for generation in IndexState.get().generations():
        _write_items(generation, source, keys, items)


def _specific_pages(page_ids: Iterable[int]) -> list[Page]:
    return list(searchable_pages().filter(pk__in=list(page_ids)).specific())


@transaction.atomic
def index_pages(page_ids: Iterable[int], extra_site_ids: Iterable[int] = ()) -> None:
    """Bring the documents of these pages up to date: live public pages are (re)written, others removed."""
    page_ids = set(page_ids)
    pages = _specific_pages(page_ids)
    gone = page_ids - {page.pk for page in pages}
    for generation in IndexState.get().generations():
        _remove(generation, list(SearchDocument.objects.filter(generation=generation, page_id__in=gone)))
        if pages:
            _write(generation, pages, extra_site_ids)


def index_subtree(page: Page) -> None:
    """The page and every page below it (after a move, their URLs and columns changed)."""
    ids = [page.pk, *pages_below([page.path]).values_list("pk", flat=True)]
    for start in range(0, len(ids), BATCH_SIZE):
        index_pages(ids[start : start + BATCH_SIZE])


def remove_pages(page_ids: Iterable[int]) -> None:
    with transaction.atomic():
        for generation in IndexState.get().generations():
            _remove(generation, list(SearchDocument.objects.filter(generation=generation, page_id__in=set(page_ids))))


def remove_orphans(site_ids: Iterable[int] | None = None) -> None:
    """Documents whose page or site no longer exists (a subtree deleted with its root, a site deleted)."""
    documents = SearchDocument.objects.filter(page__isnull=False).exclude(page_id__in=Page.objects.values("pk"))
    if site_ids is not None:
        documents = documents.filter(site_id__in=list(site_ids))
    documents = documents | SearchDocument.objects.exclude(site_id__in=Site.objects.values("pk"))
    with transaction.atomic():
        for generation in IndexState.get().generations():
            _remove(generation, list(documents.filter(generation=generation)))


def reindex_sites_with_stale_urls() -> None:
    """After a site changed: re-index the sites whose address changed, drop those deleted."""
    remove_orphans()
    for site in Site.objects.select_related("root_page"):
        documents = SearchDocument.objects.filter(site=site)
        stale = documents.exclude(url__startswith=site.root_url + "/")
        if stale.filter(page__isnull=False).exists():
            index_subtree(site.root_page)
        for source in registered_sources():
            if stale.filter(source=source.kind).exists():
                index_items(source)


def _batches(items: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def rebuild(progress: Callable[[Iterable, int], Iterable] | None = None, batch_size: int = BATCH_SIZE) -> int:
    """Build a complete new generation beside the one searched, then swap; returns the documents written.

    Changes published meanwhile are written to both generations. If the rebuild stops half-way,
    searches keep using the old generation and the next rebuild discards the partial one.
    """
    engine = get_engine()
    with transaction.atomic():
        state = IndexState.objects.select_for_update().get_or_create(pk=1)[0]
        previous = state.current_generation
        stale = set(SearchDocument.objects.exclude(generation=previous).values_list("generation", flat=True))
        for generation in stale | ({state.building_generation} - {None}):
            engine.drop_generation(generation)
            SearchDocument.objects.filter(generation=generation).delete()
        new = max([previous, *stale, state.building_generation or 0]) + 1
        engine.create_generation(new)
        state.building_generation = new
        state.save()
    page_ids = list(searchable_pages().order_by("pk").values_list("pk", flat=True))
    batches = _batches(page_ids, batch_size)
    written = 0
    for batch in progress(batches, len(page_ids)) if progress else batches:
        with transaction.atomic():
            # Sites that accepted a page (信息报送) are carried over from the generation searched now.
            written += _write(new, _specific_pages(batch), carried_sites=_sites_by_page(previous, batch))
    for source in registered_sources():
        with transaction.atomic():
            written += _write_items(new, source, None, list(source.items(None)))
    with transaction.atomic():
        engine.complete_generation(new)
    with transaction.atomic():
        state = IndexState.objects.select_for_update().get(pk=1)
        state.current_generation, state.building_generation = new, None
        state.save()
        engine.activate(new)
        engine.drop_generation(previous)
        SearchDocument.objects.filter(generation=previous).delete()
    return written
