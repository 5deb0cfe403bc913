"""The embedded engine on SQLite: an FTS5 table per generation over pre-segmented tokens.

The table is contentless (it keeps only the index, about the size of the text); the tokens are
the bigrams of `search.analysis`, separated by spaces, so FTS5's `ascii` tokenizer only splits
them. Removing an entry from a contentless table needs the tokens it was added with, which are
derived again from the document row: the analysis must not change without a rebuild.
"""

from django.db import connection

from search.analysis import ParsedQuery

from .base import SQLEngine, document_tokens


def table(generation: int) -> str:
    return f"search_fts_{int(generation)}"


def _phrase(tokens) -> str:
    # Tokens hold only letters and digits (search.analysis), so quoting cannot be escaped from.
    return '"' + " ".join(tokens) + '"'


class SQLiteEngine(SQLEngine):
    name = "sqlite-fts5"
    # Without it SQLite's planner walks every document and asks FTS5 about each one.
    join = "CROSS JOIN"

    def create_generation(self, generation: int) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {table(generation)} "
                "USING fts5(title, content, content='', columnsize=0, tokenize='ascii')"
            )

    def drop_generation(self, generation: int) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {table(generation)}")

    def add(self, generation: int, documents) -> None:
        rows = []
        for document in documents:
            title, content = document_tokens(document)
            rows.append((document.pk, " ".join(title), " ".join(content)))
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {table(generation)} (rowid, title, content) VALUES (%s, %s, %s)",
                rows,
            )

    def remove(self, generation: int, documents) -> None:
        rows = []
        for document in documents:
            title, content = document_tokens(document)
            rows.append((document.pk, " ".join(title), " ".join(content)))
        name = table(generation)
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {name} ({name}, rowid, title, content) VALUES ('delete', %s, %s, %s)",
                rows,
            )

    def match_sql(self, query: ParsedQuery, generation: int, *, with_title: bool) -> tuple[str, list]:
        name = table(generation)
        expression = " AND ".join(_phrase(term.tokens) for term in query.terms)
        if not with_title:
            return f"SELECT rowid AS id FROM {name} WHERE {name} MATCH %s", [expression]
        title_expression = "title : (" + expression + ")"
        return (
            f"SELECT rowid AS id, rowid IN (SELECT rowid FROM {name} WHERE {name} MATCH %s) AS in_title "
            f"FROM {name} WHERE {name} MATCH %s",
            [title_expression, expression],
        )
