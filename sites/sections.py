"""A site's sections: every live column and topic by tree path, and other top-level pages in menus.

Navigation, breadcrumbs, the column meta tags and audits read them from one cached value per
site, so a page learns its column and ancestors without a query of its own.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.models import Page, Site

from sites.caching import cached_for_site
from sites.models import ColumnPage, TopicPage
from sites.tree import ancestor_paths, nearest


def site_sections(site: Site) -> dict[str, dict]:
    """{tree path: section} for every live column and topic of `site`, cached per site version."""

    def build() -> dict[str, dict]:
        root = site.root_page
        # Topics, and other apps' pages shown in menus at the top (the 政府信息公开 platform, say):
        # their Page fields are all a section needs, so one query finds every type of them.
        others = (
            Page.objects.live()
            .descendant_of(root)
            .filter(
                Q(content_type=ContentType.objects.get_for_model(TopicPage))
                | Q(depth=root.depth + 1, show_in_menus=True)
            )
            .exclude(content_type=ContentType.objects.get_for_model(ColumnPage))
        )
        sections = {}
        for section in sorted([*ColumnPage.objects.live().descendant_of(root), *others], key=lambda page: page.path):
            sections[section.path] = {
                "title": section.title,
                "url": "/" + section.url_path[len(root.url_path) :],
                "path": section.path,
                "in_menu": section.show_in_menus,
                "column": section_column_fields(section) if isinstance(section, ColumnPage) else None,
            }
        return sections

    return cached_for_site(site.pk, "sections", build)


def section_column_fields(column: ColumnPage) -> dict[str, str]:
    """The column-level fields of the national page design rules (网页设计规范)."""
    return {
        "ColumnName": column.title,
        "ColumnDescription": column.description,
        "ColumnKeywords": column.keywords,
        "ColumnType": column.get_column_type_display(),
    }


def navigation_items(site: Site) -> list[dict]:
    """The site's top-level sections shown in menus, in tree order."""
    top_depth = site.root_page.depth + 1
    return [
        section
        for path, section in sorted(site_sections(site).items())
        if section["in_menu"] and len(path) // Page.steplen == top_depth
    ]


def breadcrumb_trail(page: Page, site: Site) -> list[dict]:
    """The page's ancestors below the home page, top first, each with title and url."""
    sections = site_sections(site)
    paths = ancestor_paths(page.path, below_depth=site.root_page.depth)
    if all(path in sections for path in paths):
        return [sections[path] for path in paths]
    # A page under an unpublished or non-section ancestor: ask the tree.
    return [
        {"title": ancestor.title, "url": ancestor.relative_url(site)}
        for ancestor in Page.objects.filter(path__in=paths).order_by("depth")
    ]


def nearest_column_fields(page: Page, site: Site) -> dict[str, str] | None:
    """The column meta fields of the page's nearest column (the page itself if it is one)."""
    sections = site_sections(site)
    columns = [path for path, section in sections.items() if section["column"]]
    path = nearest(page.path, columns, inclusive=True)
    return sections[path]["column"] if path else None
