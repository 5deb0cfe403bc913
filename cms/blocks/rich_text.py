from wagtail.blocks import RichTextBlock
from wagtail.rich_text import RichText

from cms.sanitizer import sanitize_html

# What an editor may use in the rich-text editor: no tables or alignment, which Draftail cannot
# hold; tables have a block of their own and legacy markup keeps its own block.
EDITOR_FEATURES = [
    "h2", "h3", "h4", "bold", "italic", "superscript", "subscript", "strikethrough",
    "ol", "ul", "hr", "link", "document-link", "image", "embed", "blockquote",
]  # fmt: skip


class SanitizedRichTextBlock(RichTextBlock):
    """Rich text whose stored source always passes the one sanitizer, whichever way it arrives."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", EDITOR_FEATURES)
        super().__init__(**kwargs)

    def get_prep_value(self, value):
        return sanitize_html(super().get_prep_value(self.normalize(value)))

    def to_python(self, value):
        return RichText(value)

    class Meta:
        icon = "pilcrow"
        label = "正文"
        template = "components/blocks/rich_text.html"
