"""Who sees which audit results: assessors and cluster admins every site, a site's own staff only theirs."""

from wagtail.models import Site

from sites.permissions import is_cluster_admin, sites_of


def is_assessor(user) -> bool:
    return user.is_active and (user.has_perm("audits.view_all_sites") or is_cluster_admin(user))


def visible_sites(user) -> list[Site]:
    if is_assessor(user):
        return list(Site.objects.select_related("root_page").order_by("pk"))
    if not user.is_active or not user.has_perm("wagtailadmin.access_admin"):
        return []
    return sites_of(user)


def can_dismiss(user) -> bool:
    return is_assessor(user) and user.has_perm("audits.add_dismissal")
