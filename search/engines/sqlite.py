"""The embedded engine on SQLite: an FTS5 table per generation over pre-segmented tokens.

The table is contentless (it keeps only the index, about the size of the text) and has one
column: the bigrams of `search.analysis`, separated by spaces so FTS5's `ascii` tokenizer only
splits them. Title tokens carry a `§` mark and the filters are tokens too, marked twice (`§§s`
site, `§§k` kind, `§§o` organisation and its ancestors, `§§y` year, `§§c` column type); `§` is no
letter or digit, so none of them can be a token of the text nor a filter a title token (a title
holding "S1" is `§s1`), and a filter or a title match is a term of the index rather than a join.
Each row's rowid is the document's `sort_key` taken from the largest rowid (`_rowid`), so FTS5,
walking rowids upwards, hands out the newest matches first and stops at the page's last row. Not
the sort key itself walked downwards: FTS5 in SQLite 3.40 (Debian 12's, which Python links here)
drops matches of a phrase when it walks downwards (at 100,000 documents a title phrase found 185
times upwards or unordered gave 176 downwards), and upwards is its main path.

Removing an entry from a contentless table needs the tokens it was added with: the text's are
derived again from the document row (the analysis must not change without a rebuild), the
filters' are kept in a small side table, since the sites showing a document may change.
"""

import json

from django.db import connection

from search.analysis import ParsedQuery

from .base import ID_MASK, Filters, SQLEngine, document_tokens, sort_key

MARK = "§"
FILTER_MARK = MARK * 2
HASH_SIZE = 16 * 2**20


def table(generation: int) -> str:
    return f"search_fts_{int(generation)}"


def _scope_table(generation: int) -> str:
    return f"search_fts_{int(generation)}_scope"


def _code(text: str) -> str:
    # Kinds and column types are identifiers; hex keeps any of them one token of letters and digits.
    return text.encode().hex()


def _scope(document) -> str:
    tokens = [f"{FILTER_MARK}s{site_id}" for site_id in document.site_ids]
    tokens.append(f"{FILTER_MARK}k{_code(document.kind)}")
    tokens += [f"{FILTER_MARK}o{pk}" for pk in document.organisation_path.strip("/").split("/") if pk]
    if document.year is not None:
        tokens.append(f"{FILTER_MARK}y{document.year}")
    if document.column_type:
        tokens.append(f"{FILTER_MARK}c{_code(document.column_type)}")
    return " ".join(tokens)


# The largest rowid; its 36 low bits are all set, so a rowid's id bits are those of the key inverted.
LAST_ROWID = (1 << 63) - 1


def _rowid(document) -> int:
    return LAST_ROWID - sort_key(document)


def _text(document, scope: str) -> str:
    title, content = document_tokens(document)
    return " ".join([*(MARK + token for token in title), *content, scope])


def _phrase(tokens, mark: str = "") -> str:
    # Tokens hold only letters and digits (search.analysis), so quoting cannot be escaped from.
    return '"' + " ".join(mark + token for token in tokens) + '"'


def _filter_terms(filters: Filters) -> list[str]:
    terms = []
    if filters.site_id is not None:
        terms.append(f"{FILTER_MARK}s{int(filters.site_id)}")
    if filters.kind:
        terms.append(f"{FILTER_MARK}k{_code(filters.kind)}")
    if filters.organisation_id is not None:
        terms.append(f"{FILTER_MARK}o{int(filters.organisation_id)}")
    if filters.year is not None:
        terms.append(f"{FILTER_MARK}y{int(filters.year)}")
    if filters.column_type:
        terms.append(f"{FILTER_MARK}c{_code(filters.column_type)}")
    return [f'"{term}"' for term in terms]


def expression(query: ParsedQuery, filters: Filters, *, title: bool = False) -> str:
    """The FTS5 query: every term in the title or the text (in the title when `title`), and the filters."""
    if title:
        terms = [_phrase(term.tokens, MARK) for term in query.terms]
    else:
        terms = [f"({_phrase(term.tokens, MARK)} OR {_phrase(term.tokens)})" for term in query.terms]
    return " AND ".join([*terms, *_filter_terms(filters)])


class SQLiteEngine(SQLEngine):
    name = "sqlite-fts5"
    join = "CROSS JOIN"
    covering = " INDEXED BY search_doc_filters"

    def create_generation(self, generation: int) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {table(generation)} "
                "USING fts5(text, content='', columnsize=0, tokenize='ascii')"
            )
            # A batch of documents is flushed as one segment rather than several to merge later.
            cursor.execute(
                f"INSERT INTO {table(generation)} ({table(generation)}, rank) VALUES ('hashsize', %s)", [HASH_SIZE]
            )
            cursor.execute(
                f"CREATE TABLE IF NOT EXISTS {_scope_table(generation)} "
                "(document_id INTEGER PRIMARY KEY, scope TEXT NOT NULL)"
            )

    def drop_generation(self, generation: int) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {table(generation)}")
            cursor.execute(f"DROP TABLE IF EXISTS {_scope_table(generation)}")

    def add(self, generation: int, documents) -> None:
        scopes = [(document.pk, _scope(document)) for document in documents]
        rows = [
            (_rowid(document), _text(document, scope)) for document, (_, scope) in zip(documents, scopes, strict=True)
        ]
        with connection.cursor() as cursor:
            cursor.executemany(f"INSERT INTO {table(generation)} (rowid, text) VALUES (%s, %s)", rows)
            cursor.executemany(f"INSERT INTO {_scope_table(generation)} (document_id, scope) VALUES (%s, %s)", scopes)

    def remove(self, generation: int, documents) -> None:
        by_id = {document.pk: document for document in documents}
        side = _scope_table(generation)
        name = table(generation)
        with connection.cursor() as cursor:
            # Only entries that were added: their filter tokens come from the side table, as written.
            cursor.execute(
                f"SELECT document_id, scope FROM {side} WHERE document_id IN (SELECT value FROM json_each(%s))",
                [json.dumps(list(by_id))],
            )
            rows = [
                (_rowid(by_id[document_id]), _text(by_id[document_id], scope))
                for document_id, scope in cursor.fetchall()
            ]
            cursor.executemany(f"INSERT INTO {name} ({name}, rowid, text) VALUES ('delete', %s, %s)", rows)
            cursor.execute(
                f"DELETE FROM {side} WHERE document_id IN (SELECT value FROM json_each(%s))", [json.dumps(list(by_id))]
            )

    def newest(self, query: ParsedQuery, filters: Filters, *, title: bool, limit: int) -> list[tuple]:
        name = table(filters.generation)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT ~rowid & {ID_MASK} FROM {name} WHERE {name} MATCH %s ORDER BY rowid LIMIT %s",
                [expression(query, filters, title=title), limit],
            )
            return cursor.fetchall()

    def ids_sql(self) -> str:
        return "SELECT value AS id FROM json_each(%s)"

    def ids_param(self, ids: list[int]):
        return json.dumps(ids)
