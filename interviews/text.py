"""Text from people, made safe to store: plain text that cannot open a tag anywhere it lands.

Questions, nicknames and messages are plain text. They pass the project's sanitizer (which drops
scripts, styles and frames together with their content, and every event handler), lose every
remaining tag, and have their angle brackets turned into full-width ones, so the stored text is
harmless even where some later consumer forgets to escape it. Templates escape it as well.
"""

import re
import unicodedata

from bs4 import BeautifulSoup

from cms.sanitizer import sanitize_html

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
BLANK_LINES = re.compile(r"\n{3,}")
# Sanitized HTML keeps these as line breaks when the tags are removed.
BREAKING_TAGS = re.compile(r"<br\s*/?>|</p>|</div>|</li>|</h\d>", re.IGNORECASE)


def clean_text(value: str | None, *, single_line: bool = False) -> str:
    """Plain text from `value`: markup removed, no angle brackets, no control characters."""
    if not value:
        return ""
    text = unicodedata.normalize("NFC", str(value)).replace("\r\n", "\n").replace("\r", "\n")
    text = CONTROL_CHARACTERS.sub("", text)
    if "<" in text or "&" in text:
        html = BREAKING_TAGS.sub("\n", sanitize_html(text))
        text = BeautifulSoup(html, "html.parser").get_text()
    text = text.replace("<", "＜").replace(">", "＞")
    if single_line:
        text = " ".join(text.split())
    else:
        text = BLANK_LINES.sub("\n\n", "\n".join(line.rstrip() for line in text.split("\n")))
    return text.strip()
