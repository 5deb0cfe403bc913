"""The interface every engine offers, and the SQL the two embedded engines share.

An engine keeps one index per generation (see `IndexState`): a rebuild fills a new one beside
the one searched and swaps, so an interrupted rebuild never leaves search empty. Documents are
rows of `SearchDocument` in every engine; an engine answers which of them match, in what order,
and the counts of each facet.
"""

from dataclasses import dataclass, field

from django.db import connection

from search.analysis import ParsedQuery, index_tokens
from search.enums import Facet, SortOrder
from search.models import SearchDocument

DOCUMENT_TABLE = SearchDocument._meta.db_table
SITE_TABLE = "search_searchdocumentsite"


@dataclass(frozen=True)
class Filters:
    generation: int
    site_id: int | None = None
    kind: str = ""
    organisation_id: int | None = None
    year: int | None = None
    column_type: str = ""


@dataclass
class Hits:
    document_ids: list[int]
    total: int
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    # Answered by the embedded engine because the configured one could not answer.
    degraded: bool = False


class Engine:
    name = ""

    def create_generation(self, generation: int) -> None:
        raise NotImplementedError

    def drop_generation(self, generation: int) -> None:
        raise NotImplementedError

    def activate(self, generation: int) -> None:
        """Make `generation` the one searched (engines that search by generation need nothing)."""

    def add(self, generation: int, documents: list[SearchDocument]) -> None:
        raise NotImplementedError

    def remove(self, generation: int, documents: list[SearchDocument]) -> None:
        raise NotImplementedError

    def search(self, query: ParsedQuery, filters: Filters, sort: SortOrder, offset: int, limit: int) -> Hits:
        raise NotImplementedError


def document_tokens(document: SearchDocument) -> tuple[list[str], list[str]]:
    return index_tokens(document.title), index_tokens(document.content)


class SQLEngine(Engine):
    """Ordering, filters and facets in SQL over the document table, around an engine's match."""

    def match_sql(self, query: ParsedQuery, generation: int, *, with_title: bool) -> tuple[str, list]:
        """SQL selecting `id` (and `in_title` when asked) of the documents matching every term."""
        raise NotImplementedError

    def _where(self, filters: Filters) -> tuple[str, list]:
        clauses, params = ["d.generation = %s"], [filters.generation]
        if filters.site_id is not None:
            clauses.append(f"EXISTS (SELECT 1 FROM {SITE_TABLE} s WHERE s.document_id = d.id AND s.site_id = %s)")
            params.append(filters.site_id)
        if filters.kind:
            clauses.append("d.kind = %s")
            params.append(filters.kind)
        if filters.organisation_id is not None:
            clauses.append("d.organisation_path LIKE %s")
            params.append(f"%/{int(filters.organisation_id)}/%")
        if filters.year is not None:
            clauses.append("d.year = %s")
            params.append(filters.year)
        if filters.column_type:
            clauses.append("d.column_type = %s")
            params.append(filters.column_type)
        return " AND ".join(clauses), params

    def search(self, query: ParsedQuery, filters: Filters, sort: SortOrder, offset: int, limit: int) -> Hits:
        """One statement: the matches joined to the documents once, then the page and every facet.

        The page's rows come back unordered among the facet rows, with what they were ordered by,
        and are put in order here.
        """
        where, where_params = self._where(filters)
        with_title = sort == SortOrder.RELEVANCE
        match, match_params = self.match_sql(query, filters.generation, with_title=with_title)
        in_title = "h.in_title" if with_title else "0"
        order = "in_title DESC, " if with_title else ""
        sql = (
            f"WITH hits AS {self.materialized}(SELECT d.id, d.kind, d.organisation_id, d.column_type, d.year, "
            f"d.published_at, {in_title} AS in_title "
            f"FROM ({match}) h {self.join} {DOCUMENT_TABLE} d ON d.id = h.id WHERE {where}) "
            + " UNION ALL ".join(
                [
                    "SELECT 'page', CAST(id AS TEXT), 0, published_at, in_title "
                    "FROM (SELECT id, published_at, in_title FROM hits "
                    f"ORDER BY {order}published_at DESC NULLS LAST, id DESC LIMIT %s OFFSET %s) page",
                    f"SELECT '{Facet.KIND}', kind, COUNT(*), NULL, NULL FROM hits GROUP BY kind",
                    f"SELECT '{Facet.ORGANISATION}', CAST(organisation_id AS TEXT), COUNT(*), NULL, NULL FROM hits "
                    "WHERE organisation_id IS NOT NULL GROUP BY organisation_id",
                    f"SELECT '{Facet.COLUMN_TYPE}', column_type, COUNT(*), NULL, NULL FROM hits "
                    "WHERE column_type <> '' GROUP BY column_type",
                    f"SELECT '{Facet.YEAR}', CAST(year AS TEXT), COUNT(*), NULL, NULL FROM hits "
                    "WHERE year IS NOT NULL GROUP BY year",
                    f"SELECT '{Facet.SITE}', CAST(s.site_id AS TEXT), COUNT(*), NULL, NULL FROM hits "
                    f"JOIN {SITE_TABLE} s ON s.document_id = hits.id GROUP BY s.site_id",
                ]
            )
        )
        facets: dict[str, list[tuple[str, int]]] = {str(facet): [] for facet in Facet}
        page: list[tuple] = []
        with connection.cursor() as cursor:
            cursor.execute(sql, [*match_params, *where_params, limit, offset])
            for facet, value, count, published_at, title_match in cursor.fetchall():
                if facet == "page":
                    page.append((bool(title_match) if with_title else False, published_at, int(value)))
                else:
                    facets[facet].append((str(value), count))
        # The database's order: title matches first (for relevance), newest first, no date last, higher id first.
        page.sort(key=lambda row: (row[0], row[1] is not None, row[1] or "", row[2]), reverse=True)
        return Hits([row[2] for row in page], sum(count for _, count in facets[Facet.KIND]), facets)

    materialized = "MATERIALIZED "
    # How the match joins the documents; SQLite needs telling to start from the match.
    join = "JOIN"
