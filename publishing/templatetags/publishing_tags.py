"""Listings that include the articles a site accepted through 信息报送, and the page head's links."""

from django import template
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from wagtail.models import Site

from publishing import syndication
from publishing.enums import RECEIVING_COLUMN_TYPES, ModeKind
from publishing.models import SiteMode
from sites.models import ColumnPage
from sites.models.pages import HOME_ARTICLE_PANELS, LISTING_PAGE_SIZE

register = template.Library()


@register.simple_tag(takes_context=True)
def column_listing(context, column: ColumnPage, listing):
    """An article column's own and accepted articles, newest first, paginated; other columns' `listing`."""
    if column.column_type not in RECEIVING_COLUMN_TYPES:
        return listing
    paginator = Paginator(syndication.column_articles(column), LISTING_PAGE_SIZE)
    return paginator.get_page(context["request"].GET.get("page"))


@register.simple_tag
def home_article_panels(home):
    """The home page's panels, each with the site's own and accepted articles of its kind."""
    return [
        (title, syndication.site_articles(home, (column_type,))[:size])
        for title, column_type, size in HOME_ARTICLE_PANELS
    ]


@register.simple_tag(takes_context=True)
def head_links(context):
    """`<link rel="canonical">` to the page's one URL, and the site's and the column's feeds, RSS and Atom."""
    page = context.get("page")
    links = []
    if page is not None and getattr(page, "full_url", None):
        links.append(("canonical", "", "", page.full_url))
    links.append(("alternate", "application/rss+xml", "本站最新信息", reverse("publishing_site_feed")))
    links.append(("alternate", "application/atom+xml", "本站最新信息", reverse("publishing_site_atom_feed")))
    if isinstance(page, ColumnPage) and page.column_type in RECEIVING_COLUMN_TYPES:
        links.append(
            ("alternate", "application/rss+xml", page.title, reverse("publishing_column_feed", args=[page.pk]))
        )
        links.append(
            ("alternate", "application/atom+xml", page.title, reverse("publishing_column_atom_feed", args=[page.pk]))
        )
    return format_html_join(
        "\n    ",
        '<link rel="{}"{}{} href="{}">',
        (
            (
                rel,
                format_html(' type="{}"', kind) if kind else "",
                format_html(' title="{}"', title) if title else "",
                url,
            )
            for rel, kind, title, url in links
        ),
    )


@register.simple_tag(takes_context=True)
def site_modes(context):
    """The emergency notices and whether the grey mode is on, for the requesting site, now."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    modes = list(SiteMode.objects.in_force(site)) if site else []
    return {
        "mourning": any(mode.kind == ModeKind.MOURNING for mode in modes),
        "notices": [mode for mode in modes if mode.kind == ModeKind.EMERGENCY],
    }
