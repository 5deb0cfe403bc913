"""Navigation, breadcrumbs, meta tags and footer for every page of every site."""

from django import template
from django.utils import timezone
from wagtail.models import Page, Site

from sites.enums import GOVERNMENT_KINDS
from sites.models import ArticlePage, ColumnPage, Organisation, SiteProfile, TopicPage
from themes.cache import cached_for_site

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
    page = context.get("page")
    items = _navigation_items(site) if site else []
    current_path = getattr(page, "path", "")
    return {
        "home_url": "/",
        "items": [{**item, "active": current_path.startswith(item["path"])} for item in items],
        "on_home": site is not None and current_path == site.root_page.path,
    }


def _navigation_items(site: Site) -> list[dict]:
    """The top-level sections shown in menus, read from the cached sections."""
    top_depth = site.root_page.depth + 1
    return [
        section
        for path, section in sorted(_sections(site).items())
        if section["in_menu"] and len(path) // Page.steplen == top_depth
    ]


def _sections(site: Site) -> dict[str, dict]:
    """Every live column and topic of the site by tree path: what navigation, breadcrumbs and meta tags need.

    Cached per site, so a page learns its column and ancestors without a query of its own.
    """

    def build() -> dict[str, dict]:
        root = site.root_page
        sections = {}
        for model in (ColumnPage, TopicPage):
            for section in model.objects.live().descendant_of(root).order_by("path"):
                sections[section.path] = {
                    "title": section.title,
                    "url": "/" + section.url_path[len(root.url_path) :],
                    "path": section.path,
                    "in_menu": section.show_in_menus,
                    "column": {
                        "ColumnName": section.title,
                        "ColumnDescription": section.description,
                        "ColumnKeywords": section.keywords,
                        "ColumnType": section.get_column_type_display(),
                    }
                    if isinstance(section, ColumnPage)
                    else None,
                }
        return sections

    return cached_for_site(site.pk, "sections", build)


def _ancestor_paths(page: Page, site: Site) -> list[str]:
    """Tree paths of the page's ancestors below the site's home page, top first."""
    start = (site.root_page.depth + 1) * Page.steplen
    return [page.path[:end] for end in range(start, len(page.path), Page.steplen)]


@register.inclusion_tag("includes/cluster_navigation.html", takes_context=True)
def cluster_navigation(context):
    """站群导航: the portals and department sites below this site's organisation, and the one above."""
    site = _site(context)
    groups = cached_for_site(site.pk, "cluster-navigation", lambda: _cluster_groups(site)) if site else {}
    return {"groups": groups}


def _cluster_groups(site: Site) -> dict[str, list[dict]]:
    profiles = list(SiteProfile.objects.select_related("site", "organisation", "organisation__parent"))
    own = next((profile for profile in profiles if profile.site_id == site.pk), None)
    if own is None or own.organisation is None:
        return {}
    organisation = own.organisation
    portals, departments, upper = [], [], []
    for profile in profiles:
        other = profile.organisation
        if other is None or profile.site_id == site.pk:
            continue
        link = {"name": profile.short_name or profile.site.site_name, "url": profile.site.root_url}
        if other.kind in GOVERNMENT_KINDS and other.parent_id == organisation.pk:
            portals.append(link)
        elif other.kind not in GOVERNMENT_KINDS and other.parent_id == organisation.pk:
            departments.append(link)
        elif other.pk == organisation.parent_id:
            upper.append(link)
    groups = {"上级门户": upper, "县（市、区）政府网站": portals, "部门网站": departments}
    return {label: links for label, links in groups.items() if links}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    site = _site(context)
    page = context.get("page")
    if site is None or page is None or page.depth <= site.root_page.depth:
        return {"crumbs": []}
    sections = _sections(site)
    paths = _ancestor_paths(page, site)
    if all(path in sections for path in paths):
        ancestors = [sections[path] for path in paths]
    else:
        ancestors = [
            {"title": ancestor.title, "url": ancestor.get_url(context.get("request"))}
            for ancestor in Page.objects.filter(path__in=paths).order_by("depth")
        ]
    return {"crumbs": ancestors, "current": page.title, "home_url": "/"}


def _nearest_column(page: Page, site: Site) -> dict | None:
    sections = _sections(site)
    for path in reversed([*_ancestor_paths(page, site), page.path]):
        column = sections.get(path, {}).get("column")
        if column:
            return column
    return None


@register.inclusion_tag("includes/meta_tags.html", takes_context=True)
def meta_tags(context):
    """The meta tags of the national web page design rules (网页设计规范)."""
    request = context.get("request")
    site = _site(context)
    page = context.get("page")
    profile = SiteProfile.for_request(request) if site else None
    tags: list[tuple[str, str]] = []
    if site:
        tags += [("SiteName", site.site_name), ("SiteDomain", site.hostname), ("SiteIDCode", profile.site_code)]
    column = _nearest_column(page, site) if site and page else None
    if column is not None:
        tags += list(column.items())
    if isinstance(page, ArticlePage):
        tags += [
            ("ArticleTitle", page.title),
            ("PubDate", timezone.localtime(page.pub_date).strftime("%Y-%m-%d %H:%M")),
            ("ContentSource", page.source),
            ("Keywords", ",".join(page.tag_names)),
            ("Author", page.author),
            ("Description", page.summary),
            ("Url", page.full_url or ""),
        ]
    elif profile is not None:
        tags += [("Keywords", profile.keywords), ("Description", profile.description)]
    return {"tags": [(name, value) for name, value in tags if value]}


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
    request = context.get("request")
    site = _site(context)
    return {"site": site, "profile": SiteProfile.for_request(request) if site else None}
