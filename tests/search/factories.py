"""Articles published on the demo sites, indexed as a publish indexes them."""

from datetime import datetime
from zoneinfo import ZoneInfo

from wagtail.models import Site

from cms.blocks import rich_text_body
from sites.enums import ColumnType
from sites.models import ArticlePage, ColumnPage

BEIJING = ZoneInfo("Asia/Shanghai")


def column_of(site: Site, column_type: str = ColumnType.NEWS) -> ColumnPage:
    return ColumnPage.objects.filter(column_type=column_type, path__startswith=site.root_page.path).first()


def publish_article(
    column: ColumnPage, title: str, body: str = "", *, day: str = "2026-01-05", organisation=None, **fields
) -> ArticlePage:
    """Add and publish an article; callers run it where on-commit callbacks execute."""
    article = ArticlePage(
        title=title,
        source="测试来源",
        body=rich_text_body(f"<p>{body}</p>" if body else ""),
        pub_date=datetime.fromisoformat(day).replace(hour=9, tzinfo=BEIJING),
        organisation=organisation,
        **fields,
    )
    column.add_child(instance=article)
    article.save_revision().publish()
    return article
