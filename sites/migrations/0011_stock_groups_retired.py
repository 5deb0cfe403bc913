"""Wagtail's stock groups and workflow, retired.

Wagtail installs the groups Moderators and Editors with page permissions on the tree's root, so a
user put in either could edit every site of the cluster; each site has its own groups instead. The
stock groups go when nobody is in them. The stock workflow stays on the root, for pages outside any
site, under a Chinese name and approved by the cluster administrators.
"""

from django.conf import settings
from django.db import migrations

STOCK_GROUPS = ("Moderators", "Editors")
STOCK_WORKFLOW = "Moderators approval"


def retire_stock_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow.objects.filter(name=STOCK_WORKFLOW).update(name="站群默认审核流程")
    cluster_admins = Group.objects.filter(name=settings.CLUSTER_ADMIN_GROUP_NAME).first()
    for task in GroupApprovalTask.objects.filter(name=STOCK_WORKFLOW):
        task.name = "站群管理员审核"
        task.save(update_fields=["name"])
        if cluster_admins is not None:
            task.groups.set([cluster_admins])
    Group.objects.filter(name__in=STOCK_GROUPS, user__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("sites", "0010_plural_names_in_chinese"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(retire_stock_groups, migrations.RunPython.noop)]
