"""The meta tags of the national web page design rules (网页设计规范).

Site level on every page, column level on a column and the pages in it, article level on an
article. Themes render them and audits check pages against the same lists.
"""

from django.utils import timezone
from wagtail.models import Page, Site

from sites.models import ArticlePage, SiteProfile
from sites.sections import nearest_column_fields

SITE_TAGS = ("SiteName", "SiteDomain", "SiteIDCode")
COLUMN_TAGS = ("ColumnName", "ColumnDescription", "ColumnKeywords", "ColumnType")
ARTICLE_REQUIRED_TAGS = ("ArticleTitle", "PubDate", "ContentSource")
ARTICLE_OPTIONAL_TAGS = ("Keywords", "Author", "Description", "Image", "Url")
PUB_DATE_FORMAT = "%Y-%m-%d %H:%M"


def page_meta_tags(site: Site, profile: SiteProfile, page: Page | None) -> list[tuple[str, str]]:
    """(name, content) of every meta tag the rules ask of `page` on `site`, empty ones left out."""
    tags = [("SiteName", site.site_name), ("SiteDomain", site.hostname), ("SiteIDCode", profile.site_code)]
    column = nearest_column_fields(page, site) if page is not None else None
    if column is not None:
        tags += list(column.items())
    if isinstance(page, ArticlePage):
        tags += [
            ("ArticleTitle", page.title),
            ("PubDate", timezone.localtime(page.pub_date).strftime(PUB_DATE_FORMAT)),
            ("ContentSource", page.source),
            ("Keywords", ",".join(page.tag_names)),
            ("Author", page.author),
            ("Description", page.summary),
            ("Url", page.full_url or ""),
        ]
    else:
        tags += [("Keywords", profile.keywords), ("Description", profile.description)]
    return [(name, value) for name, value in tags if value]
