"""Who handles which organisation's requests and catalogue: the staff of the site that speaks for it.

An organisation with a site of its own is handled by that site's staff; one without (a county
department, say) by the staff of the nearest site above it, as it publishes there.
"""

from django.db.models import QuerySet

from sites.models import Organisation, SiteProfile
from sites.permissions import is_cluster_admin, sites_of


def _served_by(root: Organisation, with_sites: set[int]) -> list[int]:
    found, level = [root.pk], [root.pk]
    while level:
        level = list(
            Organisation.objects.filter(parent__in=level)
            .exclude(pk__in=found)
            .exclude(pk__in=with_sites)
            .values_list("pk", flat=True)
        )
        found += level
    return found


def handled_organisations(user) -> QuerySet[Organisation]:
    """The organisations whose requests `user` may see and handle."""
    if not user.is_authenticated or not user.is_active:
        return Organisation.objects.none()
    if is_cluster_admin(user):
        return Organisation.objects.all()
    profiles = SiteProfile.objects.filter(site__in=sites_of(user), organisation__isnull=False).select_related(
        "organisation"
    )
    with_sites = set(SiteProfile.objects.exclude(organisation=None).values_list("organisation", flat=True))
    pks: list[int] = []
    for profile in profiles:
        pks += _served_by(profile.organisation, with_sites)
    return Organisation.objects.filter(pk__in=pks)
