"""The body of articles, columns and topics: rich text, tables and legacy markup, in any order."""

from wagtail.blocks.stream_block import StreamValue
from wagtail.rich_text import RichText

from .legacy_html import LegacyHTMLBlock
from .rich_text import SanitizedRichTextBlock
from .table import GovernmentTableBlock

BODY_BLOCKS = [
    ("rich_text", SanitizedRichTextBlock()),
    ("table", GovernmentTableBlock()),
    ("legacy_html", LegacyHTMLBlock()),
]


def plain_text(body: StreamValue) -> str:
    """The text of a body without markup, for search, summaries and checks."""
    return "\n".join(text for text in body.stream_block.get_searchable_content(body) if text)


def rich_text_body(html: str) -> list[tuple[str, RichText]]:
    """A body of one rich-text block, for content written as editor HTML."""
    return [("rich_text", RichText(html))] if html else []


def legacy_html_body(html: str) -> list[tuple[str, str]]:
    """A body of one legacy block, for imported HTML that must keep its tables and alignment."""
    return [("legacy_html", html)] if html else []
