"""RSS 2.0 and Atom feeds of a site and of each article column, with the articles accepted
through 信息报送.

Each item links to the article's one canonical URL, on whichever site published it.
"""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed
from wagtail.models import Site

from cms.ids import is_possible_page_id
from publishing import syndication
from publishing.enums import RECEIVING_COLUMN_TYPES
from sites.models import ArticlePage, ColumnPage, SiteProfile

FEED_SIZE = 20


class _ArticleFeed(Feed):
    def item_title(self, item: ArticlePage) -> str:
        return item.title

    def item_description(self, item: ArticlePage) -> str:
        return item.summary or item.subtitle or item.title

    def item_link(self, item: ArticlePage) -> str:
        return item.full_url

    def item_pubdate(self, item: ArticlePage):
        return item.pub_date

    def item_updateddate(self, item: ArticlePage):
        # Atom requires when an entry last changed: its latest publish.
        return item.last_published_at or item.pub_date

    def item_author_name(self, item: ArticlePage) -> str:
        return item.source

    def _site(self, request) -> Site:
        site = Site.find_for_request(request)
        if site is None:
            raise Http404
        self.site = site
        return site


class SiteFeed(_ArticleFeed):
    def get_object(self, request):
        return self._site(request)

    def title(self, site: Site) -> str:
        return f"{site.site_name} 最新信息"

    def link(self, site: Site) -> str:
        return site.root_url + "/"

    def description(self, site: Site) -> str:
        return SiteProfile.for_site(site).sponsor or site.site_name

    def items(self, site: Site):
        return syndication.site_articles(site.root_page, RECEIVING_COLUMN_TYPES)[:FEED_SIZE]


class ColumnFeed(_ArticleFeed):
    def get_object(self, request, column_id: int):
        if not is_possible_page_id(column_id):
            raise Http404("本网站没有这个栏目。")
        site = self._site(request)
        column = (
            ColumnPage.objects.live()
            .descendant_of(site.root_page)
            .filter(pk=column_id, column_type__in=RECEIVING_COLUMN_TYPES)
            .first()
        )
        if column is None:
            raise Http404("本网站没有这个栏目。")
        return column

    def title(self, column: ColumnPage) -> str:
        return f"{column.title} - {self.site.site_name}"

    def link(self, column: ColumnPage) -> str:
        return column.full_url

    def description(self, column: ColumnPage) -> str:
        return column.description or column.title

    def items(self, column: ColumnPage):
        return syndication.column_articles(column)[:FEED_SIZE]


class SiteAtomFeed(SiteFeed):
    feed_type = Atom1Feed

    def subtitle(self, site: Site) -> str:
        return self.description(site)


class ColumnAtomFeed(ColumnFeed):
    feed_type = Atom1Feed

    def subtitle(self, column: ColumnPage) -> str:
        return self.description(column)
