"""Each existing site's editors and reviewers may work on their own organisations' catalogue, guides and reports.

New sites' groups get the same rights when provisioned (the `site_group_permissions` hook).
"""

from django.db import migrations

MODELS = ("catalogueentry", "disclosureguide", "annualreport")
ACTIONS = {"editor_group": ("add", "change", "view"), "reviewer_group": ("add", "change", "delete", "view")}


def grant(apps, schema_editor):
    SiteProfile = apps.get_model("sites", "SiteProfile")
    Permission = apps.get_model("auth", "Permission")
    for field, actions in ACTIONS.items():
        codenames = [f"{action}_{model}" for model in MODELS for action in actions]
        permissions = list(Permission.objects.filter(content_type__app_label="disclosure", codename__in=codenames))
        for profile in SiteProfile.objects.exclude(**{f"{field}__isnull": True}).select_related(field):
            getattr(profile, field).permissions.add(*permissions)


def revoke(apps, schema_editor):
    SiteProfile = apps.get_model("sites", "SiteProfile")
    Permission = apps.get_model("auth", "Permission")
    permissions = list(
        Permission.objects.filter(
            content_type__app_label="disclosure", content_type__model__in=MODELS
        )
    )
    for field in ACTIONS:
        for profile in SiteProfile.objects.exclude(**{f"{field}__isnull": True}).select_related(field):
            getattr(profile, field).permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure", "0002_vocabularies_and_cluster_admin_permissions"),
        ("sites", "0004_site_provisioned_objects"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
