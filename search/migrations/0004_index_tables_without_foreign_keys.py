"""The PostgreSQL index tables lose their foreign key to the documents.

Rows are removed with their document by the engine itself; a constraint from a table Django does
not manage made `flush` unable to truncate the documents.
"""

from django.db import migrations


def drop_foreign_keys(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.conrelid::regclass::text, c.conname FROM pg_constraint c "
            "WHERE c.contype = 'f' AND c.conrelid::regclass::text LIKE 'search\\_pg\\_%%'"
        )
        constraints = cursor.fetchall()
    for table, constraint in constraints:
        schema_editor.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{constraint}"')


class Migration(migrations.Migration):
    dependencies = [("search", "0003_covering_index_and_character_bigrams")]

    operations = [migrations.RunPython(drop_foreign_keys, migrations.RunPython.noop)]
