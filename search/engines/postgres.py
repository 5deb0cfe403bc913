"""The embedded engine on PostgreSQL: a table of tsvectors per generation with a GIN index.

The vectors are written as tsvector literals from the tokens of `search.analysis`, so no text
search configuration or parser of the server decides what a token is. Title tokens carry weight
A. PostgreSQL keeps word positions only up to 16,383, so a long text is stored in overlapping
chunks of a vector each, and a document matches when any chunk does.
"""

from django.db import connection

from search.analysis import MAX_QUERY_LENGTH, ParsedQuery

from .base import SQLEngine, document_tokens

CHUNK_TOKENS = 16_000
# A phrase never spans more tokens than a query has characters, so this overlap keeps every phrase whole.
CHUNK_OVERLAP = MAX_QUERY_LENGTH * 2


def table(generation: int) -> str:
    return f"search_pg_{int(generation)}"


def _lexeme(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def _vectors(title: list[str], content: list[str]) -> list[str]:
    """tsvector literals: the title (weight A) and the start of the text, then the rest in chunks."""
    entries = [f"{_lexeme(token)}:{position}A" for position, token in enumerate(title, start=1)]
    offset = len(title) + 2  # a gap, so no phrase runs from the title into the text
    room = CHUNK_TOKENS - offset
    chunks = [content[:room]]
    start = room
    while start < len(content):
        chunks.append(content[start - CHUNK_OVERLAP : start + CHUNK_TOKENS - CHUNK_OVERLAP])
        start += CHUNK_TOKENS - CHUNK_OVERLAP
    vectors = [
        " ".join([*entries, *(f"{_lexeme(token)}:{position}" for position, token in enumerate(chunks[0], offset))])
    ]
    vectors += [
        " ".join(f"{_lexeme(token)}:{position}" for position, token in enumerate(chunk, start=1))
        for chunk in chunks[1:]
    ]
    return vectors


def _tsquery(query: ParsedQuery, weight: str = "") -> str:
    suffix = f":{weight}" if weight else ""
    return " & ".join(
        "(" + " <-> ".join(_lexeme(token) + suffix for token in term.tokens) + ")" for term in query.terms
    )


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
                "vector tsvector NOT NULL, PRIMARY KEY (document_id, chunk))"
            )
            cursor.execute(f"CREATE INDEX IF NOT EXISTS {name}_vector ON {name} USING gin (vector)")

    def drop_generation(self, generation: int) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {table(generation)}")

    def add(self, generation: int, documents) -> None:
        rows = []
        for document in documents:
            for chunk, vector in enumerate(_vectors(*document_tokens(document))):
                rows.append((document.pk, chunk, vector))
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {table(generation)} (document_id, chunk, vector) VALUES (%s, %s, %s::tsvector)",
                rows,
            )

    def remove(self, generation: int, documents) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {table(generation)} WHERE document_id = ANY(%s)",
                [[document.pk for document in documents]],
            )

    def match_sql(self, query: ParsedQuery, generation: int, *, with_title: bool) -> tuple[str, list]:
        name = table(generation)
        if not with_title:
            return f"SELECT DISTINCT document_id AS id FROM {name} WHERE vector @@ %s::tsquery", [_tsquery(query)]
        return (
            f"SELECT document_id AS id, bool_or(vector @@ %s::tsquery) AS in_title FROM {name} "
            "WHERE vector @@ %s::tsquery GROUP BY document_id",
            [_tsquery(query, "A"), _tsquery(query)],
        )
