"""The one HTML sanitizer. Every piece of HTML that comes from a person or an import passes here
before it is stored; templates keep autoescape on for everything else.

The allow-list keeps what government articles use (headings, lists, tables, images, links) and
the attributes Wagtail's rich-text storage format relies on (`linktype`, `embedtype`), so text an
editor saved through the admin survives a second pass unchanged.
"""

import re

import bleach
from bleach.css_sanitizer import CSSSanitizer
from bs4 import BeautifulSoup

ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del", "div",
        "dl", "dt", "em", "embed", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i",
        "img", "ins", "li", "ol", "p", "pre", "s", "small", "span", "strong", "sub", "sup", "table",
        "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    # data-block-key: Wagtail's editor keys each block so comments and diffs can find it again.
    "*": ["class", "title", "lang", "dir", "data-block-key"],
    "a": ["href", "linktype", "id", "target", "rel"],
    "embed": ["embedtype", "id", "format", "alt", "url"],
    "img": ["src", "alt", "width", "height"],
    "td": ["colspan", "rowspan", "style"],
    "th": ["colspan", "rowspan", "scope", "style"],
    "p": ["style"],
    "span": ["style"],
    "div": ["style"],
    "table": ["style", "summary"],
}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto", "tel"})
EXECUTABLE_ELEMENTS = ["script", "style", "iframe", "object", "noscript", "template"]
# Wagtail finds images and media in stored rich text by `<embed .../>`; bleach writes `<embed ...>`.
EMBED_TAG = re.compile(r"""<embed\b((?:[^"'>]|"[^"]*"|'[^']*')*?)\s*/?>""")
CSS = CSSSanitizer(allowed_css_properties=["text-align", "text-indent", "font-weight", "width"])


def sanitize_html(html: str | None) -> str:
    """Return `html` with every tag, attribute, protocol and style outside the allow-list removed.

    Script and style elements are dropped with their content rather than escaped into visible text.
    """
    if not html:
        return ""
    cleaner = bleach.Cleaner(
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        css_sanitizer=CSS,
        strip=True,
        strip_comments=True,
    )
    cleaned = cleaner.clean(_drop_executable_elements(html)).strip()
    return EMBED_TAG.sub(r"<embed\1/>", cleaned)


def _drop_executable_elements(html: str) -> str:
    # bleach's strip=True removes a tag but keeps its text; inside these elements the text is code.
    soup = BeautifulSoup(html, "html.parser")
    for element in soup(EXECUTABLE_ELEMENTS):
        element.decompose()
    return str(soup)
