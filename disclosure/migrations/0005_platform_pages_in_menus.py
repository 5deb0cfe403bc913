"""Sites' existing 政府信息公开 pages join their navigation, as new sites' pages do."""

from django.db import migrations


def show_in_menus(apps, schema_editor):
    DisclosurePage = apps.get_model("disclosure", "DisclosurePage")
    DisclosurePage.objects.filter(depth=3).update(show_in_menus=True)


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0004_request_event_notified")]

    operations = [migrations.RunPython(show_in_menus, migrations.RunPython.noop)]
