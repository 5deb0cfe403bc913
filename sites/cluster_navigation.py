"""站群导航: which other sites of the cluster a site links to, by the organisation tree."""

from wagtail.models import Site

from sites.caching import cached_for_site
from sites.enums import GOVERNMENT_KINDS
from sites.models import SiteProfile

UPPER_PORTAL = "上级门户"
SUBORDINATE_PORTALS = "县（市、区）政府网站"
DEPARTMENT_SITES = "部门网站"


def cluster_groups(site: Site) -> dict[str, list[dict]]:
    """{group label: [{name, url}]}: the portal above, the portals below and the department sites.

    Cached per site; a change to any site or profile bumps every site's version.
    """
    return cached_for_site(site.pk, "cluster-navigation", lambda: _build_groups(site))


def _build_groups(site: Site) -> dict[str, list[dict]]:
    profiles = list(SiteProfile.objects.select_related("site", "organisation"))
    own = next((profile for profile in profiles if profile.site_id == site.pk), None)
    if own is None or own.organisation is None:
        return {}
    organisation = own.organisation
    groups: dict[str, list[dict]] = {UPPER_PORTAL: [], SUBORDINATE_PORTALS: [], DEPARTMENT_SITES: []}
    for profile in profiles:
        other = profile.organisation
        if other is None or profile.site_id == site.pk:
            continue
        link = {"name": profile.short_name or profile.site.site_name, "url": profile.site.root_url}
        if other.parent_id == organisation.pk:
            groups[SUBORDINATE_PORTALS if other.kind in GOVERNMENT_KINDS else DEPARTMENT_SITES].append(link)
        elif other.pk == organisation.parent_id:
            groups[UPPER_PORTAL].append(link)
    return {label: links for label, links in groups.items() if links}
