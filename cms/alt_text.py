"""Text alternatives for images (WCAG 1.1.1, GB/T 37668): what a page would show without one.

An image's alternative is its `description` (Wagtail's field, required by the cluster's image
form); images inside rich text and imported HTML carry their own `alt`. No page goes out while
any of its images has none: the page form refuses to publish or submit it, an approved workflow
(`publishing.approval`) and scheduled publishing (`publishing.scheduler`) refuse to publish it, and
the legacy import (`sites.importing`) refuses such a line.
"""

import re

from django.db import models
from modelcluster.models import get_all_child_relations
from wagtail.blocks.stream_block import StreamValue
from wagtail.fields import StreamField
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


def html_of(value) -> str:
    """The HTML of a rich-text, text or stream field's value, blocks in order (tables left out)."""
    if isinstance(value, RichText):
        return value.source
    if isinstance(value, str):
        return value
    if isinstance(value, StreamValue):
        return "".join(html_of(child.value) for child in value)
    return ""


def missing_alt_text(values: dict) -> list[str]:
    """Messages for the images among form `values` (field name → value) that lack alternative text."""
    image_model = get_image_model()
    problems = []
    for value in values.values():
        if isinstance(value, image_model) and not value.description.strip():
            problems.append(f"图片「{value.title}」没有替代文本，请在图片库中编辑该图片，填写“替代文本”。")
        elif count := images_without_alt_in_html(html_of(value)):
            problems.append(f"正文中有 {count} 张图片没有替代文本，请逐一填写图片的替代文本（alt）。")
    return problems


def _checked_values(instance: models.Model) -> dict:
    """The values of `instance` that may hold an image: image foreign keys, text and stream fields."""
    image_model = get_image_model()
    values = {}
    for field in instance._meta.concrete_fields:
        if isinstance(field, models.ForeignKey) and field.related_model is image_model:
            values[field.name] = getattr(instance, field.name)
        elif isinstance(field, (models.TextField, StreamField)):
            values[field.name] = getattr(instance, field.attname)
    return values


def page_missing_alt_text(page) -> list[str]:
    """Messages for the images of `page` (a page or a revision's page, inline children included) that
    lack alternative text: what the page form would refuse."""
    values = [_checked_values(page)]
    for relation in get_all_child_relations(page):
        values += [_checked_values(child) for child in getattr(page, relation.get_accessor_name()).all()]
    return list(dict.fromkeys(problem for value in values for problem in missing_alt_text(value)))
