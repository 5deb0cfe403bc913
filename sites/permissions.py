"""Per-site editor and reviewer groups: each works only on its own site's pages and collection."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

# Editors draft and submit; reviewers may also publish. Publishing goes through the site workflow.
EDITOR_PAGE_PERMISSIONS = ("add", "change", "lock")
REVIEWER_PAGE_PERMISSIONS = ("add", "change", "publish", "lock", "unlock")
COLLECTION_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
)


@dataclass(frozen=True)
class SiteGroups:
    editors: Group
    reviewers: Group


def site_group_names(site_name: str) -> tuple[str, str]:
    return f"{site_name}{settings.SITE_EDITOR_GROUP_SUFFIX}", f"{site_name}{settings.SITE_REVIEWER_GROUP_SUFFIX}"


def ensure_site_groups(
    site_name: str, home: Page, collection: Collection, existing: SiteGroups | None = None
) -> SiteGroups:
    """Create (or complete) the editor and reviewer groups of one site; safe to run again.

    `existing` are the groups the site already has, whatever they are called by now.
    """
    editor_name, reviewer_name = site_group_names(site_name)
    editors = _ensure_group(
        existing.editors if existing else None, editor_name, home, collection, EDITOR_PAGE_PERMISSIONS
    )
    reviewers = _ensure_group(
        existing.reviewers if existing else None, reviewer_name, home, collection, REVIEWER_PAGE_PERMISSIONS
    )
    return SiteGroups(editors, reviewers)


def _ensure_group(group: Group | None, name: str, home: Page, collection: Collection, page_permission_types) -> Group:
    if group is None:
        group, _ = Group.objects.get_or_create(name=name)
    group.permissions.add(_permission("wagtailadmin", "access_admin"))
    for permission_type in page_permission_types:
        GroupPagePermission.objects.get_or_create(
            group=group, page=home, permission=_permission("wagtailcore", f"{permission_type}_page")
        )
    for app_label, codename in COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=_permission(app_label, codename)
        )
    return group


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)
