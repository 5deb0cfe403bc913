"""The embedded engine on PostgreSQL: a table of tsvectors per generation with a GIN index.

The vectors are written as tsvector literals from the tokens of `search.analysis`, so no text
search configuration or parser of the server decides what a token is. As in the SQLite engine
(`search.engines.sqlite`), title tokens carry a `§` mark and the filters, marked twice, are
lexemes of their own, so the GIN index narrows a title match or a filter before any vector is
read.

GIN hands out its matches in no useful order and cannot check a phrase (the row's vector must be
read for that), so each vector also holds its *periods*: `sort_key`'s publish minute cut into
spans of about three weeks (`PERIOD_BITS`), and into spans of 8, 64 and 512 of those. A search
asks GIN for the matches of the newest periods first, widening the periods asked for by what it
found so far, until it has the limit: a query found everywhere reads a few periods, a rare one all
of them, and either way only rows holding every token of the query are read. A run of periods is
named by as few lexemes as the four lengths allow (`_cover`), since GIN checks every lexeme of
the query for each row it finds. Each row also carries what the facets count (kind,
organisation, column type, year, sites), so counting them reads nothing more.

PostgreSQL keeps word positions only up to 16,383, so a long text is stored in overlapping chunks
of a vector each (the title, the filters and the periods in every chunk), and a document matches
when any chunk does.
"""

import math
from collections import Counter

from django.db import connection

from search.analysis import MAX_QUERY_LENGTH, ParsedQuery
from search.enums import Facet

from .base import ID_BITS, Filters, SQLEngine, document_tokens, empty_facets, sort_key
from .sqlite import FILTER_MARK, MARK, _filter_terms, _scope

CHUNK_TOKENS = 16_000
# A phrase never spans more tokens than a query has characters, so this overlap keeps every phrase whole.
CHUNK_OVERLAP = MAX_QUERY_LENGTH * 2
# A period is 2**15 minutes (about 23 days) of `sort_key`; documents without a date are in period 0.
PERIOD_MINUTE_BITS = 15
PERIOD_BITS = ID_BITS + PERIOD_MINUTE_BITS
# Periods are also named in runs of 8, 64 and 512 (about 30 years).
PERIOD_LEVELS = 4
PERIOD_RUN = 8
# The first read asks for this share of the periods between the oldest and the newest document.
FIRST_SHARE = 64
# Marked as filters are, with a letter no filter uses: no title token or filter is a period's lexeme.
PERIOD_MARK = FILTER_MARK + "t"


def table(generation: int) -> str:
    return f"search_pg_{int(generation)}"


def _lexeme(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def _period(key: int) -> int:
    return key >> PERIOD_BITS


def _period_lexemes(period: int) -> list[str]:
    """The period and the runs of 8, 64 and 512 periods it is in."""
    return [f"{PERIOD_MARK}{level}.{period // PERIOD_RUN**level}" for level in range(PERIOD_LEVELS)]


def _cover(low: int, high: int) -> list[str]:
    """The fewest lexemes naming exactly the periods from `low` to `high`."""
    lexemes = []
    level = 0
    while low <= high:
        if level == PERIOD_LEVELS - 1:
            lexemes += [f"{PERIOD_MARK}{level}.{run}" for run in range(low, high + 1)]
            break
        while low <= high and low % PERIOD_RUN:
            lexemes.append(f"{PERIOD_MARK}{level}.{low}")
            low += 1
        while low <= high and (high + 1) % PERIOD_RUN:
            lexemes.append(f"{PERIOD_MARK}{level}.{high}")
            high -= 1
        low, high, level = low // PERIOD_RUN, (high + 1) // PERIOD_RUN - 1, level + 1
    return lexemes


def _vectors(title: list[str], content: list[str], scope: str, period: int) -> list[str]:
    """tsvector literals: the title, the filters, the period and the text, the text's rest in further chunks.

    Tokens hold only letters and digits (`search.analysis`), filters and periods letters, digits
    and marks, so none needs quoting beyond the quotes around it.
    """
    head = [MARK + token for token in title] + scope.split() + _period_lexemes(period)
    entries = " ".join([f"'{token}':{position}" for position, token in enumerate(head, start=1)])
    offset = len(head) + 2  # a gap, so no phrase runs from the title into the text
    room = CHUNK_TOKENS - offset
    chunks = [content[:room]]
    start = room
    while start < len(content):
        chunks.append(content[start - CHUNK_OVERLAP : start + room - CHUNK_OVERLAP])
        start += room - CHUNK_OVERLAP
    return [
        entries + " " + " ".join([f"'{token}':{position}" for position, token in enumerate(chunk, offset)])
        for chunk in chunks
    ]


def tsquery(query: ParsedQuery, filters: Filters, *, title: bool = False) -> str:
    """Every term in the title or the text (in the title when `title`), and the filters."""

    def phrase(tokens, mark: str = "") -> str:
        return "(" + " <-> ".join(_lexeme(mark + token) for token in tokens) + ")"

    if title:
        terms = [phrase(term.tokens, MARK) for term in query.terms]
    else:
        terms = [f"({phrase(term.tokens, MARK)} | {phrase(term.tokens)})" for term in query.terms]
    return " & ".join([*terms, *(_lexeme(term.strip('"')) for term in _filter_terms(filters))])


class PostgresEngine(SQLEngine):
    name = "postgresql"

    def create_generation(self, generation: int) -> None:
        name = table(generation)
        with connection.cursor() as cursor:
            cursor.execute(
                # No foreign key to the documents: rows are removed with their document (`remove`),
                # and a constraint from a table Django does not know would make `flush` (and every
                # test that resets the database) fail to truncate the documents.
                f"CREATE TABLE IF NOT EXISTS {name} (document_id bigint NOT NULL, chunk smallint NOT NULL, "
                "sort_key bigint NOT NULL, kind text NOT NULL, organisation_id bigint, column_type text NOT NULL, "
                "year smallint, site_ids integer[] NOT NULL, vector tsvector NOT NULL, "
                "PRIMARY KEY (document_id, chunk))"
            )
            # A vector of a few thousand tokens stays in its row as it is: checking a phrase then
            # reads no TOAST table and decompresses nothing.
            cursor.execute(f"ALTER TABLE {name} SET (toast_tuple_target = 8160)")
            cursor.execute(f"ALTER TABLE {name} ALTER COLUMN vector SET STORAGE MAIN")

    def complete_generation(self, generation: int) -> None:
        """The GIN and sort-key indexes, built over the whole table: faster than growing them row by
        row while a rebuild writes (a publish writing to the table meanwhile waits for them)."""
        name = table(generation)
        with connection.cursor() as cursor:
            # GIN keeps new entries in a list every search reads through until they are merged; a
            # short one (512 kB, not 4 MB) costs a publish little and a search a fraction of a millisecond.
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {name}_vector ON {name} USING gin (vector) "
                "WITH (gin_pending_list_limit = 512)"
            )
            cursor.execute(f"CREATE INDEX IF NOT EXISTS {name}_sort_key ON {name} (sort_key)")

    def drop_generation(self, generation: int) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {table(generation)}")

    def add(self, generation: int, documents) -> None:
        rows = []
        for document in documents:
            key = sort_key(document)
            facets = (document.kind, document.organisation_id, document.column_type, document.year, document.site_ids)
            for chunk, vector in enumerate(_vectors(*document_tokens(document), _scope(document), _period(key))):
                rows.append((document.pk, chunk, key, *facets, vector))
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {table(generation)} (document_id, chunk, sort_key, kind, organisation_id, "
                "column_type, year, site_ids, vector) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s::tsvector)",
                rows,
            )

    def remove(self, generation: int, documents) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {table(generation)} WHERE document_id = ANY(%s)",
                [[document.pk for document in documents]],
            )

    def newest(self, query: ParsedQuery, filters: Filters, *, title: bool, limit: int) -> list[tuple]:
        """Period by period from the newest: each read asks GIN for the matches of a run of periods.

        The first run is a `FIRST_SHARE`th of the periods; each next one is as long as the matches
        found so far, per minute read, say the rest of the limit needs (a tenth more), or eight times
        all read so far when none were found.
        """
        name = table(filters.generation)
        matches = tsquery(query, filters, title=title)
        select = (
            f"SELECT DISTINCT ON (sort_key) sort_key, document_id, kind, organisation_id, column_type, year, "
            f"site_ids FROM {name} WHERE vector @@ %s::tsquery"
        )
        rows: list[tuple] = []
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT MIN(sort_key), MAX(sort_key) FROM {name}")
            oldest, newest = cursor.fetchone()
            if newest is None:
                return []
            bottom, top = _period(oldest), _period(newest)
            width = max(1, (top - bottom + 1) // FIRST_SHARE)
            while len(rows) < limit and top >= bottom:
                low = max(bottom, top - width + 1)
                periods = " | ".join(f"'{lexeme}'" for lexeme in _cover(low, top))
                cursor.execute(
                    f"{select} ORDER BY sort_key DESC LIMIT %s",
                    [f"({matches}) & ({periods})", limit - len(rows)],
                )
                rows += cursor.fetchall()
                # Minutes read so far: the newest period holds documents only up to the newest one.
                read = (newest >> ID_BITS) - (low << PERIOD_MINUTE_BITS) + 1
                wanted = read * (limit - len(rows)) * 1.1 / len(rows) if rows else 8 * read
                width = math.ceil(wanted / 2**PERIOD_MINUTE_BITS)
                top = low - 1
        return [row[1:] for row in rows]

    def facets(self, matches: list[tuple]) -> dict[str, list[tuple[str, int]]]:
        """Counted from the rows read: (document id, kind, organisation, column type, year, sites)."""
        counts = {facet: Counter() for facet in Facet}
        for _, kind, organisation_id, column_type, year, site_ids in matches:
            counts[Facet.KIND][kind] += 1
            if organisation_id is not None:
                counts[Facet.ORGANISATION][str(organisation_id)] += 1
            if column_type:
                counts[Facet.COLUMN_TYPE][column_type] += 1
            if year is not None:
                counts[Facet.YEAR][str(year)] += 1
            counts[Facet.SITE].update(str(site_id) for site_id in site_ids)
        facets = empty_facets()
        for facet, counter in counts.items():
            facets[str(facet)] = list(counter.items())
        return facets
