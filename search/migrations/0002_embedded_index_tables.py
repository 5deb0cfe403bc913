"""The embedded engine's index for generation 1, which searches use until the first rebuild.

The SQL is written out here (not imported from the engines) so the migration stays as it was
when the engines change.
"""

from django.db import migrations

SQLITE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts_1 "
    "USING fts5(title, content, content='', columnsize=0, tokenize='ascii')"
)
POSTGRESQL = [
    "CREATE TABLE IF NOT EXISTS search_pg_1 (document_id bigint NOT NULL REFERENCES search_searchdocument (id) "
    "ON DELETE CASCADE, chunk smallint NOT NULL, vector tsvector NOT NULL, "
    "PRIMARY KEY (document_id, chunk))",
    "CREATE INDEX IF NOT EXISTS search_pg_1_vector ON search_pg_1 USING gin (vector)",
]


def create_tables(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = [SQLITE] if vendor == "sqlite" else POSTGRESQL if vendor == "postgresql" else []
    for statement in statements:
        schema_editor.execute(statement)
    apps.get_model("search", "IndexState").objects.get_or_create(pk=1)


def drop_tables(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    table = {"sqlite": "search_fts_1", "postgresql": "search_pg_1"}.get(vendor)
    if table:
        schema_editor.execute(f"DROP TABLE IF EXISTS {table}")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_documents")]

    operations = [migrations.RunPython(create_tables, drop_tables)]
