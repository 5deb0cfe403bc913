"""Text alternatives for images (WCAG 1.1.1, GB/T 37668): what a page would show without one.

An image's alternative is its `description` (Wagtail's field, required by the cluster's image
form); images inside rich text and imported HTML carry their own `alt`. The page form refuses to
publish or submit a page while any of its images has none.
"""

import re

from wagtail.blocks.stream_block import StreamValue
from wagtail.images import get_image_model
from wagtail.rich_text import RichText

IMAGE_TAG = re.compile(r"<(img|embed)\b([^>]*)>", re.IGNORECASE)
ALT = re.compile(r"""(?:^|\s)alt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
IMAGE_EMBED = re.compile(r"""\bembedtype\s*=\s*["']?image\b""", re.IGNORECASE)


def images_without_alt_in_html(html: str) -> int:
    """How many `<img>` and image `<embed>` tags in `html` have no alternative text and are not
    marked decorative."""
    count = 0
    for tag, attributes in IMAGE_TAG.findall(html or ""):
        if tag.lower() == "embed" and not IMAGE_EMBED.search(attributes):
            continue
        alt = ALT.search(attributes)
        text = "".join(part for part in alt.groups() if part) if alt else None
        # alt="" marks a decorative image (Wagtail's editor writes it when "decorative" is ticked).
        if text is None or (text and not text.strip()):
            count += 1
    return count


def _html_of(value) -> str:
    if isinstance(value, RichText):
        return value.source
    if isinstance(value, str):
        return value
    if isinstance(value, StreamValue):
        return "".join(_html_of(child.value) for child in value)
    return ""


def missing_alt_text(values: dict) -> list[str]:
    """Messages for the images among form `values` (field name → value) that lack alternative text."""
    image_model = get_image_model()
    problems = []
    for value in values.values():
        if isinstance(value, image_model) and not value.description.strip():
            problems.append(f"图片「{value.title}」没有替代文本，请在图片库中编辑该图片，填写“替代文本”。")
        elif count := images_without_alt_in_html(_html_of(value)):
            problems.append(f"正文中有 {count} 张图片没有替代文本，请逐一填写图片的替代文本（alt）。")
    return problems
