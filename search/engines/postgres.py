"""The embedded engine on PostgreSQL: a table of tsvectors per generation with a GIN index.

The vectors are written as tsvector literals from the tokens of `search.analysis`, so no text
search configuration or parser of the server decides what a token is. As in the SQLite engine
(`search.engines.sqlite`), title tokens carry a `§` mark and the filters are lexemes of their own,
so the GIN index narrows a title match or a filter before any vector is read. Each row carries the
document's `sort_key` with a B-tree index on it: a query matching many documents walks that index
newest first and stops at the page's last row, instead of checking every match's phrase.

PostgreSQL keeps word positions only up to 16,383, so a long text is stored in overlapping chunks
of a vector each (the title and the filters in every chunk), and a document matches when any
chunk does.
"""

from django.db import connection

from search.analysis import MAX_QUERY_LENGTH, ParsedQuery

from .base import Filters, SQLEngine, document_tokens, sort_key
from .sqlite import MARK, _filter_terms, _scope

CHUNK_TOKENS = 16_000
# A phrase never spans more tokens than a query has characters, so this overlap keeps every phrase whole.
CHUNK_OVERLAP = MAX_QUERY_LENGTH * 2
# Up to this many rows holding every token of the query (the GIN index counts them without reading
# a vector), their phrases are checked and the matches sorted; with more, the walk newest first
# along the sort key finds the limit sooner.
FEW_ROWS = 3000


def table(generation: int) -> str:
    return f"search_pg_{int(generation)}"


def _lexeme(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def _vectors(title: list[str], content: list[str], scope: str) -> list[str]:
    """tsvector literals: the title, the filters and the text, the text's rest in further chunks."""
    head = [MARK + token for token in title] + scope.split()
    entries = " ".join(f"{_lexeme(token)}:{position}" for position, token in enumerate(head, start=1))
    offset = len(head) + 2  # a gap, so no phrase runs from the title into the text
    room = CHUNK_TOKENS - offset
    chunks = [content[:room]]
    start = room
    while start < len(content):
        chunks.append(content[start - CHUNK_OVERLAP : start + room - CHUNK_OVERLAP])
        start += room - CHUNK_OVERLAP
    return [
        " ".join([entries, *(f"{_lexeme(token)}:{position}" for position, token in enumerate(chunk, offset))])
        for chunk in chunks
    ]


def tsquery(query: ParsedQuery, filters: Filters, *, title: bool = False, phrases: bool = True) -> str:
    """Every term in the title or the text (in the title when `title`), and the filters.

    Without `phrases`, only that every token is there: the GIN index answers that without a vector.
    """
    join = " <-> " if phrases else " & "

    def phrase(tokens, mark: str = "") -> str:
        return "(" + join.join(_lexeme(mark + token) for token in tokens) + ")"

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
                "sort_key bigint NOT NULL, vector tsvector NOT NULL, PRIMARY KEY (document_id, chunk))"
            )
            cursor.execute(f"CREATE INDEX IF NOT EXISTS {name}_vector ON {name} USING gin (vector)")
            cursor.execute(f"CREATE INDEX IF NOT EXISTS {name}_sort_key ON {name} (sort_key)")
            # A vector of a few thousand tokens stays in its row as it is: checking a phrase along
            # the sort key then reads no TOAST table and decompresses nothing.
            cursor.execute(f"ALTER TABLE {name} SET (toast_tuple_target = 8160)")
            cursor.execute(f"ALTER TABLE {name} ALTER COLUMN vector SET STORAGE MAIN")

    def drop_generation(self, generation: int) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {table(generation)}")

    def add(self, generation: int, documents) -> None:
        rows = []
        for document in documents:
            key = sort_key(document)
            for chunk, vector in enumerate(_vectors(*document_tokens(document), _scope(document))):
                rows.append((document.pk, chunk, key, vector))
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {table(generation)} (document_id, chunk, sort_key, vector) "
                "VALUES (%s, %s, %s, %s::tsvector)",
                rows,
            )

    def remove(self, generation: int, documents) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {table(generation)} WHERE document_id = ANY(%s)",
                [[document.pk for document in documents]],
            )

    def newest(self, query: ParsedQuery, filters: Filters, *, title: bool, limit: int) -> list[int]:
        """One statement: a GIN count of the rows holding every token picks one of two plans.

        The planner cannot tell how many rows a phrase matches, the count can: with few, their
        phrases are checked and the matches sorted (`sort_key + 0` keeps the B-tree out); with
        many, the B-tree is walked newest first, checking each row until the limit (the function
        behind `@@`, `ts_match_vq`, keeps GIN out and makes the planner expect a match in every third
        row rather than in almost none, so it walks instead of sorting the whole table). Only the
        chosen branch runs.
        """
        name = table(filters.generation)
        phrases = tsquery(query, filters, title=title)
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH probe AS MATERIALIZED (SELECT COUNT(*) <= %s AS few FROM "
                f"(SELECT 1 FROM {name} WHERE vector @@ %s::tsquery LIMIT %s) r) "
                "SELECT document_id FROM ("
                f"(SELECT DISTINCT ON (sort_key + 0) sort_key, document_id FROM {name} "
                "WHERE vector @@ %s::tsquery AND (SELECT few FROM probe) ORDER BY sort_key + 0 DESC LIMIT %s) "
                "UNION ALL "
                f"(SELECT DISTINCT ON (sort_key) sort_key, document_id FROM {name} "
                "WHERE ts_match_vq(vector, %s::tsquery) AND NOT (SELECT few FROM probe) "
                "ORDER BY sort_key DESC LIMIT %s)"
                ") m ORDER BY sort_key DESC",
                [
                    FEW_ROWS,
                    tsquery(query, filters, title=title, phrases=False),
                    FEW_ROWS + 1,
                    phrases,
                    limit,
                    phrases,
                    limit,
                ],
            )
            return [row[0] for row in cursor.fetchall()]

    def ids_sql(self) -> str:
        return "SELECT unnest(%s::bigint[]) AS id"
