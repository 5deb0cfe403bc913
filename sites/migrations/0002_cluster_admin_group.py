"""The cluster-admin group (站群管理员): every page, every collection, and the cluster's settings."""

from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations

PAGE_PERMISSION_TYPES = ("add", "change", "publish", "bulk_delete", "lock", "unlock")
MODEL_PERMISSIONS = (
    ("wagtailadmin", "access_admin"),
    ("wagtailcore", "add_site"),
    ("wagtailcore", "change_site"),
    ("wagtailcore", "delete_site"),
    ("wagtailcore", "add_workflow"),
    ("wagtailcore", "change_workflow"),
    ("wagtailcore", "add_task"),
    ("wagtailcore", "change_task"),
    ("sites", "add_organisation"),
    ("sites", "change_organisation"),
    ("sites", "view_organisation"),
    ("sites", "change_siteprofile"),
    ("auth", "add_user"),
    ("auth", "change_user"),
    ("auth", "add_group"),
    ("auth", "change_group"),
)
COLLECTION_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "delete_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "delete_document"),
    ("wagtaildocs", "choose_document"),
    ("wagtailcore", "add_collection"),
    ("wagtailcore", "change_collection"),
)


def create_cluster_admin_group(apps, schema_editor):
    # Permissions are normally created after all migrations; this group needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    def permission(app_label, codename):
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    group, _ = Group.objects.get_or_create(name=settings.CLUSTER_ADMIN_GROUP_NAME)
    group.permissions.add(*(permission(app_label, codename) for app_label, codename in MODEL_PERMISSIONS))
    root_page = Page.objects.get(depth=1)
    for permission_type in PAGE_PERMISSION_TYPES:
        GroupPagePermission.objects.get_or_create(
            group=group, page=root_page, permission=permission("wagtailcore", f"{permission_type}_page")
        )
    root_collection = Collection.objects.get(depth=1)
    for app_label, codename in COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root_collection, permission=permission(app_label, codename)
        )


def remove_cluster_admin_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=settings.CLUSTER_ADMIN_GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("sites", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0006_formstate"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_cluster_admin_group, remove_cluster_admin_group)]
