"""The 站群管理员 group keeps the 错敏词 list."""

from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant_word_rule_permissions(apps, schema_editor):
    # Permissions are normally created after all migrations; the group needs these now.
    app_config = apps.get_app_config("publishing")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=settings.CLUSTER_ADMIN_GROUP_NAME).first()
    if group:
        group.permissions.add(*Permission.objects.filter(content_type__app_label="publishing", content_type__model="wordrule"))


class Migration(migrations.Migration):
    dependencies = [
        ("publishing", "0004_word_rules"),
        ("sites", "0002_cluster_admin_group"),
    ]

    operations = [migrations.RunPython(grant_word_rule_permissions, migrations.RunPython.noop)]
