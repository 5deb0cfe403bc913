"""Navigation, breadcrumbs, meta tags and footer for every page of every site."""

from django import template
from django.utils import timezone
from wagtail.models import Page, Site

from sites.enums import GOVERNMENT_KINDS
from sites.models import ArticlePage, SiteProfile
from themes.cache import cached_for_site

register = template.Library()


def _site(context) -> Site | None:
    request = context.get("request")
    return Site.find_for_request(request) if request else None


@register.inclusion_tag("includes/navigation.html", takes_context=True)
def site_navigation(context):
    """The site's own top-level columns, with the one the current page is in marked."""
    site = _site(context)
    page = context.get("page")
    items = cached_for_site(site.pk, "navigation", lambda: _navigation_items(site)) if site else []
    current_path = getattr(page, "path", "")
    return {
        "home_url": "/",
        "items": [{**item, "active": current_path.startswith(item["path"])} for item in items],
        "on_home": site is not None and current_path == site.root_page.path,
    }


def _navigation_items(site: Site) -> list[dict]:
    columns = site.root_page.get_children().live().in_menu().only("title", "url_path", "path")
    root_url_path = site.root_page.url_path
    return [
        {"title": column.title, "url": "/" + column.url_path[len(root_url_path) :], "path": column.path}
        for column in columns
    ]


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
    ancestors = Page.objects.ancestor_of(page).filter(depth__gt=site.root_page.depth).order_by("depth")
    return {"crumbs": [*ancestors, page], "home_url": "/"}


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
    column = page.get_column() if hasattr(page, "get_column") else None
    if column is not None:
        tags += [
            ("ColumnName", column.title),
            ("ColumnDescription", column.description),
            ("ColumnKeywords", column.keywords),
            ("ColumnType", column.get_column_type_display()),
        ]
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


@register.inclusion_tag("includes/footer.html", takes_context=True)
def site_footer(context):
    request = context.get("request")
    site = _site(context)
    return {"site": site, "profile": SiteProfile.for_request(request) if site else None}
