"""The embedded engines' index tables keyed by publish time, with title and filter tokens; the index emptied.

Entries written before cannot be removed with the tokens derived now. The SQL is written out here
(not imported from the engines) so the migration stays as it was when the engines change. Run
`manage.py rebuild_search_index` after migrating.
"""

from django.db import migrations


def statements(vendor: str, generation: int) -> list[str]:
    if vendor == "sqlite":
        return [
            f"DROP TABLE IF EXISTS search_fts_{generation}",
            f"CREATE VIRTUAL TABLE search_fts_{generation} USING fts5(text, content='', columnsize=0, tokenize='ascii')",
            f"INSERT INTO search_fts_{generation} (search_fts_{generation}, rank) VALUES ('hashsize', 16777216)",
            f"CREATE TABLE IF NOT EXISTS search_fts_{generation}_scope "
            "(document_id INTEGER PRIMARY KEY, scope TEXT NOT NULL)",
        ]
    if vendor == "postgresql":
        return [
            f"DROP TABLE IF EXISTS search_pg_{generation}",
            f"CREATE TABLE search_pg_{generation} (document_id bigint NOT NULL, chunk smallint NOT NULL, "
            "sort_key bigint NOT NULL, vector tsvector NOT NULL, PRIMARY KEY (document_id, chunk))",
            f"CREATE INDEX search_pg_{generation}_vector ON search_pg_{generation} USING gin (vector)",
            f"CREATE INDEX search_pg_{generation}_sort_key ON search_pg_{generation} (sort_key)",
            f"ALTER TABLE search_pg_{generation} SET (toast_tuple_target = 8160)",
            f"ALTER TABLE search_pg_{generation} ALTER COLUMN vector SET STORAGE MAIN",
        ]
    return []


def empty_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    state, _ = apps.get_model("search", "IndexState").objects.get_or_create(pk=1)
    if state.building_generation:
        table = "search_fts_" if vendor == "sqlite" else "search_pg_"
        schema_editor.execute(f"DROP TABLE IF EXISTS {table}{int(state.building_generation)}")
        state.building_generation = None
        state.save()
    for statement in statements(vendor, int(state.current_generation)):
        schema_editor.execute(statement)
    apps.get_model("search", "SearchDocumentSite").objects.all().delete()
    apps.get_model("search", "SearchDocument").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0005_documents_of_sources")]

    operations = [migrations.RunPython(empty_index, migrations.RunPython.noop)]
