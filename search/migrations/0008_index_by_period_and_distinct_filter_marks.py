"""Filter tokens marked twice on both embedded engines; on PostgreSQL the publish period in every
vector and the facets' columns; the index emptied.

Entries written before carry the old filter tokens (and on PostgreSQL no period), so no filtered
search would find them. The SQL is written out here (not imported from the engines) so the
migration stays as it was when the engines change. Run `manage.py rebuild_search_index` after
migrating.
"""

from django.db import migrations


def sqlite_statements(generation: int) -> list[str]:
    name = f"search_fts_{generation}"
    return [
        f"DROP TABLE IF EXISTS {name}",
        f"DROP TABLE IF EXISTS {name}_scope",
        f"CREATE VIRTUAL TABLE {name} USING fts5(text, content='', columnsize=0, tokenize='ascii')",
        f"INSERT INTO {name} ({name}, rank) VALUES ('hashsize', 16777216)",
        f"CREATE TABLE {name}_scope (document_id INTEGER PRIMARY KEY, scope TEXT NOT NULL)",
    ]


def postgres_statements(generation: int) -> list[str]:
    name = f"search_pg_{generation}"
    return [
        f"DROP TABLE IF EXISTS {name}",
        f"CREATE TABLE {name} (document_id bigint NOT NULL, chunk smallint NOT NULL, sort_key bigint NOT NULL, "
        "kind text NOT NULL, organisation_id bigint, column_type text NOT NULL, year smallint, "
        "site_ids integer[] NOT NULL, vector tsvector NOT NULL, PRIMARY KEY (document_id, chunk))",
        f"CREATE INDEX {name}_vector ON {name} USING gin (vector) WITH (gin_pending_list_limit = 512)",
        f"CREATE INDEX {name}_sort_key ON {name} (sort_key)",
        f"ALTER TABLE {name} SET (toast_tuple_target = 8160)",
        f"ALTER TABLE {name} ALTER COLUMN vector SET STORAGE MAIN",
    ]


def empty_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        return
    state, _ = apps.get_model("search", "IndexState").objects.get_or_create(pk=1)
    if state.building_generation:
        building = int(state.building_generation)
        tables = {
            "sqlite": [f"search_fts_{building}", f"search_fts_{building}_scope"],
            "postgresql": [f"search_pg_{building}"],
        }
        for name in tables[vendor]:
            schema_editor.execute(f"DROP TABLE IF EXISTS {name}")
        state.building_generation = None
        state.save()
    statements = sqlite_statements if vendor == "sqlite" else postgres_statements
    for statement in statements(int(state.current_generation)):
        schema_editor.execute(statement)
    apps.get_model("search", "SearchDocumentSite").objects.all().delete()
    apps.get_model("search", "SearchDocument").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0007_plural_names_in_chinese")]

    operations = [migrations.RunPython(empty_index, migrations.RunPython.noop)]
