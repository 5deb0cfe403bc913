"""The interface every engine offers, and the SQL the two embedded engines share.

An engine keeps one index per generation (see `IndexState`): a rebuild fills a new one beside
the one searched and swaps, so an interrupted rebuild never leaves search empty. Documents are
rows of `SearchDocument` in every engine; an engine answers which of them match, in what order,
and the counts of each facet.

The embedded engines keep each entry under a sort key (`sort_key`: publish time, then document
id), so the newest matches come straight out of the index, and reading stops after the newest
`MATCH_LIMIT` (or the end of the page asked for, if later): a query found in half the cluster
costs about what one found in a thousand documents does. The total and the facets count what was
read; when more matched, `Hits.complete` is False and the total is a lower bound. Every match
stays reachable: a citizen pages through at most `MATCH_LIMIT` results (see `search.service`).
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime

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
    # False when more documents matched than `total` says (and the facets count).
    complete: bool = True


class Engine:
    name = ""

    def create_generation(self, generation: int) -> None:
        """An empty index for `generation`, ready to be written; it is searched once `complete_generation` ran."""
        raise NotImplementedError

    def complete_generation(self, generation: int) -> None:
        """Called once a rebuild has written every document of `generation`, before it is searched:
        what an engine builds in bulk rather than entry by entry (engines that build nothing need nothing)."""

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


# Matches read at most (besides the page asked for): a hundred pages of ten.
MATCH_LIMIT = 1000
ID_BITS = 36
ID_MASK = (1 << ID_BITS) - 1
_KEY_EPOCH = datetime(1900, 1, 1, tzinfo=UTC)


def sort_key(document: SearchDocument) -> int:
    """Newest first when ordered descending: the publish minute, then the id; no date sorts last.

    27 bits of minutes since 1900 reach the year 2155, 36 bits of id 68 billion documents, and the
    key stays a positive 64-bit integer.
    """
    minutes = 0
    if document.published_at is not None:
        minutes = max(1, int((document.published_at - _KEY_EPOCH).total_seconds() // 60))
    return minutes << ID_BITS | document.pk


def empty_facets() -> dict[str, list[tuple[str, int]]]:
    return {str(facet): [] for facet in Facet}


class SQLEngine(Engine):
    """Search on an index keyed by `sort_key`: the matches read newest first, up to a limit."""

    def newest(self, query: ParsedQuery, filters: Filters, *, title: bool, limit: int) -> list[tuple]:
        """The newest `limit` matches, newest first, as rows starting with the document id; only
        the title matches when `title`. What else a row holds is what `facets` counts."""
        raise NotImplementedError

    def search(self, query: ParsedQuery, filters: Filters, sort: SortOrder, offset: int, limit: int) -> Hits:
        read = max(MATCH_LIMIT, offset + limit)
        matches = self.newest(query, filters, title=False, limit=read + 1)
        complete = len(matches) <= read
        matches = matches[:read]
        if not matches:
            return Hits([], 0, empty_facets())
        ids = [row[0] for row in matches]
        if sort == SortOrder.RELEVANCE:
            # Title matches first, newest first among them, then the others (among those read).
            titles = [row[0] for row in self.newest(query, filters, title=True, limit=offset + limit)]
            in_title = set(titles)
            ids = titles + [pk for pk in ids if pk not in in_title]
        return Hits(ids[offset : offset + limit], len(matches), self.facets(matches), complete=complete)

    def ids_sql(self) -> str:
        """SQL selecting `id` from the list of ids given as its one parameter."""
        raise NotImplementedError

    def ids_param(self, ids: list[int]):
        return ids

    # How to make the database start from the ids and read the facets' columns from the covering
    # index, not the wide rows.
    join = "JOIN"
    covering = ""

    def facets(self, matches: list[tuple]) -> dict[str, list[tuple[str, int]]]:
        ids = [row[0] for row in matches]
        sql = (
            f"WITH hits AS MATERIALIZED (SELECT d.id, d.kind, d.organisation_id, d.column_type, d.year "
            f"FROM ({self.ids_sql()}) c {self.join} {DOCUMENT_TABLE} d{self.covering} ON d.id = c.id) "
            + " UNION ALL ".join(
                [
                    f"SELECT '{Facet.KIND}', kind, COUNT(*) FROM hits GROUP BY kind",
                    f"SELECT '{Facet.ORGANISATION}', CAST(organisation_id AS TEXT), COUNT(*) FROM hits "
                    "WHERE organisation_id IS NOT NULL GROUP BY organisation_id",
                    f"SELECT '{Facet.COLUMN_TYPE}', column_type, COUNT(*) FROM hits "
                    "WHERE column_type <> '' GROUP BY column_type",
                    f"SELECT '{Facet.YEAR}', CAST(year AS TEXT), COUNT(*) FROM hits "
                    "WHERE year IS NOT NULL GROUP BY year",
                    f"SELECT '{Facet.SITE}', CAST(s.site_id AS TEXT), COUNT(*) FROM hits "
                    f"{self.join} {SITE_TABLE} s ON s.document_id = hits.id GROUP BY s.site_id",
                ]
            )
        )
        facets = empty_facets()
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.ids_param(ids)])
            for facet, value, count in cursor.fetchall():
                facets[facet].append((str(value), count))
        return facets
