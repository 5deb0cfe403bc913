from django.utils.safestring import mark_safe
from wagtail.blocks import RawHTMLBlock
from wagtail.rich_text import get_text_for_indexing

from cms.sanitizer import sanitize_html


class LegacyHTMLBlock(RawHTMLBlock):
    """Markup the rich-text editor cannot hold (tables, alignment) kept as it was, sanitized.

    Imported bodies land here, so opening and saving them in the admin changes nothing: the
    HTML is edited as text and passes the sanitizer on the way in, from a form or from code.
    """

    def value_from_form(self, value):
        # Browsers submit a textarea's line breaks as CRLF.
        return mark_safe(sanitize_html(value.replace("\r\n", "\n")))  # noqa: S308 (sanitized)

    def get_prep_value(self, value):
        return sanitize_html(str(value))

    def get_searchable_content(self, value):
        return [get_text_for_indexing(str(value))]

    def clean(self, value):
        return mark_safe(sanitize_html(str(super().clean(value))))  # noqa: S308 (sanitized)

    class Meta:
        icon = "code"
        label = "原有格式内容"
        help_text = "从旧网站导入的内容（含表格、对齐等格式），以 HTML 形式保存，保存时自动清除不安全的标签。"
        template = "components/blocks/legacy_html.html"
