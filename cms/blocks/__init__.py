from .body import BODY_BLOCKS, legacy_html_body, plain_text, rich_text_body
from .legacy_html import LegacyHTMLBlock
from .rich_text import SanitizedRichTextBlock
from .table import GovernmentTableBlock

__all__ = [
    "BODY_BLOCKS",
    "GovernmentTableBlock",
    "LegacyHTMLBlock",
    "SanitizedRichTextBlock",
    "legacy_html_body",
    "plain_text",
    "rich_text_body",
]
