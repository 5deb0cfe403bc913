"""PostgreSQL's index tables gain the publish period in every vector and the facets' columns; the index emptied.

Entries written before have no period, so no search would find them. The SQL is written out here
(not imported from the engine) so the migration stays as it was when the engine changes. Run
`manage.py rebuild_search_index` after migrating. SQLite's index is unchanged.
"""

from django.db import migrations


def statements(generation: int) -> list[str]:
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
    if schema_editor.connection.vendor != "postgresql":
        return
    state, _ = apps.get_model("search", "IndexState").objects.get_or_create(pk=1)
    if state.building_generation:
        schema_editor.execute(f"DROP TABLE IF EXISTS search_pg_{int(state.building_generation)}")
        state.building_generation = None
        state.save()
    for statement in statements(int(state.current_generation)):
        schema_editor.execute(statement)
    apps.get_model("search", "SearchDocumentSite").objects.all().delete()
    apps.get_model("search", "SearchDocument").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0007_plural_names_in_chinese")]

    operations = [migrations.RunPython(empty_index, migrations.RunPython.noop)]
