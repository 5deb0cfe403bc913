"""Every existing site's review workflow gets its 保密审查 step, as `provision_site` gives new ones."""

from django.conf import settings
from django.db import migrations


def add_secrecy_review(apps, schema_editor):
    Site = apps.get_model("wagtailcore", "Site")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    SecrecyReviewTask = apps.get_model("publishing", "SecrecyReviewTask")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    task_type, _ = ContentType.objects.get_or_create(app_label="publishing", model="secrecyreviewtask")
    access_admin = Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin").first()
    for site in Site.objects.all():
        assigned = WorkflowPage.objects.filter(page_id=site.root_page_id).first()
        if assigned is None or SecrecyReviewTask.objects.filter(site=site).exists():
            continue
        task = SecrecyReviewTask.objects.create(name=f"{site.site_name}保密审查", site=site, content_type=task_type)
        group, _ = Group.objects.get_or_create(name=f"{site.site_name}{settings.SITE_SECRECY_REVIEWER_GROUP_SUFFIX}")
        if access_admin:
            group.permissions.add(access_admin)
        task.groups.add(group)
        orders = list(WorkflowTask.objects.filter(workflow_id=assigned.workflow_id).values_list("sort_order", flat=True))
        WorkflowTask.objects.create(workflow_id=assigned.workflow_id, task=task, sort_order=max(orders, default=-1) + 1)


class Migration(migrations.Migration):
    dependencies = [
        ("publishing", "0001_secrecy_review"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(add_secrecy_review, migrations.RunPython.noop)]
