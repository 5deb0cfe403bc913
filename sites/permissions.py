"""Who works on which site: the per-site editor and reviewer groups, and the sites a user works on.

Each site's groups work only on that site's pages and collection. Apps grant the groups model
permissions of their own through the `site_group_permissions` hook: `fn(role) -> [(app_label,
codename)]`, role "editor" or "reviewer"; the app's own views keep each site to its own objects.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db.models import Q, QuerySet
from wagtail import hooks
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page, Site
from wagtail.permissions import policy_registry

# Editors draft and submit; reviewers hold the publish permission to unpublish and to take 信息报送,
# while publishing itself goes through the site workflow (`publishing.workflows.refuse_direct_publish`).
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
        existing.editors if existing else None, editor_name, home, collection, EDITOR_PAGE_PERMISSIONS, role="editor"
    )
    reviewers = _ensure_group(
        existing.reviewers if existing else None,
        reviewer_name,
        home,
        collection,
        REVIEWER_PAGE_PERMISSIONS,
        role="reviewer",
    )
    return SiteGroups(editors, reviewers)


def _ensure_group(
    group: Group | None, name: str, home: Page, collection: Collection, page_permission_types, *, role: str
) -> Group:
    if group is None:
        group, _ = Group.objects.get_or_create(name=name)
    group.permissions.add(_permission("wagtailadmin", "access_admin"))
    for granted_by_app in hooks.get_hooks("site_group_permissions"):
        group.permissions.add(*(_permission(app_label, codename) for app_label, codename in granted_by_app(role)))
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


def is_cluster_admin(user) -> bool:
    """Superusers and the 站群管理员 group work on every site of the cluster."""
    if not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=settings.CLUSTER_ADMIN_GROUP_NAME).exists()


def sites_of(user) -> list[Site]:
    """The sites a user works on: those holding, or lying under, a page the user has permissions on."""
    if user.is_active and user.is_superuser:
        return list(Site.objects.select_related("root_page"))
    permissions = policy_registry.get_by_type(Page).get_cached_permissions_for_user(user)
    granted = {permission.page.path for permission in permissions}
    return [
        site
        for site in Site.objects.select_related("root_page")
        if any(site.root_page.path.startswith(path) or path.startswith(site.root_page.path) for path in granted)
    ]


def pages_of_own_sites(user) -> QuerySet[Page]:
    """Every page of the sites a user works on, drafts included, with the pages above those sites.

    The pages above, the tree's root at least, are there to be browsed through, as Wagtail's
    choosers do; they hold no site's content.
    """
    if is_cluster_admin(user):
        return Page.objects.all()
    roots = [site.root_page.path for site in sites_of(user)]
    ancestors = {root[:end] for root in roots for end in range(Page.steplen, len(root), Page.steplen)}
    within = Q(depth=1) | Q(path__in=ancestors)
    for root in roots:
        within |= Q(path__startswith=root)
    return Page.objects.filter(within)


def interpretable_sites(user) -> list[Site]:
    """The sites whose 政策文件 a user's 政策解读 may interpret: the user's own sites and those of
    the organisations above theirs (a county interprets the city's files, a department its
    government's), never a sibling's or one below. Cluster administrators: every site.
    """
    from sites.models import SiteProfile

    if is_cluster_admin(user):
        return list(Site.objects.select_related("root_page"))
    own = sites_of(user)
    organisation_ids = set()
    for profile in SiteProfile.objects.filter(site__in=own).select_related("organisation"):
        node, seen = profile.organisation, set()
        while node is not None and node.pk not in seen:
            seen.add(node.pk)
            organisation_ids.add(node.pk)
            node = node.parent
    above = Site.objects.filter(
        pk__in=SiteProfile.objects.filter(organisation_id__in=organisation_ids).values("site_id")
    ).select_related("root_page")
    return list({site.pk: site for site in [*own, *above]}.values())
