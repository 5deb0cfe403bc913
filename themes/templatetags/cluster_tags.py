"""Template tags for navigation, breadcrumbs, meta tags and footer; the rules live in `sites`."""

from django import template
from wagtail.models import Site

from cms.outline import normalise_headings
from sites.caching import cached_for_site
from sites.cluster_navigation import cluster_groups
from sites.footer import footer_layout
from sites.meta_tags import page_meta_tags
from sites.models import Organisation, SiteProfile
from sites.sections import breadcrumb_trail, navigation_items

register = template.Library()


def _site(context) -> Site | None:
    request = context.get("request")
    return Site.find_for_request(request) if request else None


@register.simple_tag(takes_context=True)
def current_site(context) -> Site | None:
    """The requesting site, for templates such as the 404 page that have no page to ask."""
    return _site(context)


@register.inclusion_tag("includes/navigation.html", takes_context=True)
def site_navigation(context):
    """The site's own top-level columns, with the one the current page is in marked."""
    site = _site(context)
    current_path = getattr(context.get("page"), "path", "")
    items = navigation_items(site) if site else []
    return {
        "home_url": "/",
        "items": [{**item, "active": current_path.startswith(item["path"])} for item in items],
        "on_home": site is not None and current_path == site.root_page.path,
    }


@register.inclusion_tag("includes/cluster_navigation.html", takes_context=True)
def cluster_navigation(context):
    """站群导航: the portals and department sites below this site's organisation, and the one above."""
    site = _site(context)
    return {"groups": cluster_groups(site) if site else {}}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    site = _site(context)
    page = context.get("page")
    if site is None or page is None or page.depth <= site.root_page.depth:
        return {"crumbs": []}
    return {"crumbs": breadcrumb_trail(page, site), "current": page.title, "home_url": "/"}


@register.inclusion_tag("includes/meta_tags.html", takes_context=True)
def meta_tags(context):
    site = _site(context)
    if site is None:
        return {"tags": []}
    return {"tags": page_meta_tags(site, SiteProfile.for_request(context["request"]), context.get("page"))}


@register.simple_tag(takes_context=True)
def site_organisation(context) -> dict:
    """Names of the site's organisation and of the one above it, for theme headers."""
    site = _site(context)
    if site is None:
        return {}

    def build() -> dict:
        organisation_id = SiteProfile.for_request(context["request"]).organisation_id
        organisation = Organisation.objects.select_related("parent").filter(pk=organisation_id).first()
        if organisation is None:
            return {}
        parent = organisation.parent
        return {
            "name": organisation.name,
            "short_name": organisation.short_name,
            "parent_name": parent.name if parent else "",
            "parent_short_name": parent.short_name if parent else "",
        }

    return cached_for_site(site.pk, "organisation", build)


@register.inclusion_tag("includes/footer.html", takes_context=True)
def site_footer(context):
    """The footer items of `sites.footer`, those the site's profile fills."""
    request = context.get("request")
    site = _site(context)
    profile = SiteProfile.for_request(request) if site else None
    badges, lines = footer_layout(profile)
    return {"site": site, "profile": profile, "badges": badges, "lines": lines}


@register.filter(is_safe=True)
def outline_headings(html: str, top: int = 2) -> str:
    """Body HTML with its headings following the page's outline (`{% filter outline_headings %}`)."""
    return normalise_headings(str(html), int(top))
