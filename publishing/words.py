"""错敏词 checks: which listed words a page, or what an editor's form submits, contains."""

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db import models
from django.utils.html import format_html, format_html_join, strip_tags
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField, StreamField

from publishing.enums import WordLevel
from publishing.models.words import WordRule

# Form fields that hold no text of the page.
_SKIPPED_FIELDS = ("csrfmiddlewaretoken", "slug", "workflow-action-extra-data")


@dataclass(frozen=True)
class WordCheck:
    blocked: tuple[WordRule, ...]
    warned: tuple[WordRule, ...]

    def refusal(self) -> str:
        """The Chinese message that names the blocked words and their corrections."""
        return f"含有禁止发布的词语：{_listing(self.blocked)}。请修改后再提交审核或发布。"

    def warning_html(self) -> str:
        return format_html("请注意，内容含有需要核实的词语：{}", _highlighted(self.warned))


def _listing(rules: Iterable[WordRule]) -> str:
    return "、".join(f"“{rule.word}”" + (f"（应为“{rule.suggestion}”）" if rule.suggestion else "") for rule in rules)


def _highlighted(rules: Iterable[WordRule]):
    return format_html_join(
        "、",
        "<mark>{}</mark>{}",
        ((rule.word, f"（应为“{rule.suggestion}”）" if rule.suggestion else "") for rule in rules),
    )


def check_texts(texts: Iterable[str]) -> WordCheck:
    text = "\n".join(texts)
    found = [rule for rule in WordRule.objects.all() if rule.word in text]
    return WordCheck(
        blocked=tuple(rule for rule in found if rule.level == WordLevel.BLOCK),
        warned=tuple(rule for rule in found if rule.level == WordLevel.WARN),
    )


def page_texts(page) -> Iterator[str]:
    """The text of a page an editor wrote: its title, text fields, rich text, body and attachments' titles."""
    for field in page._meta.get_fields():
        if not getattr(field, "concrete", False) or field.name in ("slug", "url_path", "path", "draft_title"):
            continue
        value = getattr(page, field.attname, None)
        if isinstance(field, StreamField):
            yield strip_tags(str(getattr(page, field.name)))
        elif isinstance(field, RichTextField) and value:
            yield strip_tags(value)
        elif isinstance(field, models.CharField | models.TextField) and value and not field.choices:
            yield value
    attachments = getattr(page, "attachments", None)
    if attachments is not None:
        yield from (attachment.display_title for attachment in attachments.all())


def submitted_texts(post) -> Iterator[str]:
    """The text in an editor's form as it was posted: every field, JSON (rich text, blocks) unpacked,
    and the titles of the documents attached without a title of their own."""
    document_ids = []
    for name, values in post.lists():
        if name in _SKIPPED_FIELDS or name.startswith("action-"):
            continue
        for value in values:
            if name.endswith("-document") and value.isdigit():
                document_ids.append(int(value))
            yield from _strings(value)
    yield from get_document_model().objects.filter(pk__in=document_ids).values_list("title", flat=True)


def _strings(value: str) -> Iterator[str]:
    try:
        data = json.loads(value)
    except ValueError:
        yield strip_tags(value)
        return
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield strip_tags(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
