"""Who may curate search: editors for the sites they work on, cluster administrators everywhere."""

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from wagtail.permission_policies.base import BasePermissionPolicy

from sites.permissions import is_cluster_admin, sites_of


def own_site_ids(user) -> set[int] | None:
    """The ids of the sites `user` curates; None for a cluster administrator, who curates all."""
    if is_cluster_admin(user):
        return None
    return {site.pk for site in sites_of(user)}


class SitePermissionPolicy(BasePermissionPolicy):
    """Records with a `site`: each user manages those of their own sites; cluster-wide ones (no site)
    only cluster administrators."""

    def user_has_permission(self, user, action) -> bool:
        return user.is_active and user.is_authenticated and (is_cluster_admin(user) or bool(sites_of(user)))

    def user_has_any_permission(self, user, actions) -> bool:
        return self.user_has_permission(user, None)

    def users_with_any_permission(self, actions):
        return get_user_model().objects.filter(is_active=True)

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        site_ids = own_site_ids(user)
        return self.user_has_permission(user, action) and (site_ids is None or instance.site_id in site_ids)

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet:
        site_ids = own_site_ids(user)
        objects = self.model._default_manager.all()
        if not self.user_has_permission(user, None):
            return objects.none()
        return objects if site_ids is None else objects.filter(Q(site_id__in=site_ids))
