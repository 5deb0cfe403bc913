"""The JSON shapes of messages and questions, for the public and for the interview's staff.

The live page renders from the same shapes as its script, so a message looks the same whether
it came with the page, over WebSocket or through the catch-up API.
"""

from django.utils import timezone

from interviews.enums import MessageKind
from interviews.models import Message, Question

MESSAGE_RENDITION = "max-800x800"
LARGE_RENDITION = "max-1600x1600"


def local_time(value) -> str:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def speaker_label(message: Message) -> str:
    if message.kind == MessageKind.NOTICE:
        return "公告"
    if message.kind == MessageKind.HOST:
        return "主持人"
    return message.speaker_name


def image_payload(image) -> dict | None:
    if image is None:
        return None
    shown, large = image.get_renditions(MESSAGE_RENDITION, LARGE_RENDITION).values()
    return {"url": shown.url, "width": shown.width, "height": shown.height, "large": large.url, "alt": image.title}


def public_question(question: Question) -> dict:
    return {
        "id": question.pk,
        "nickname": question.nickname,
        "text": question.text,
        "time": local_time(question.created_at),
    }


def message_payload(message: Message) -> dict:
    """A message as every viewer sees it; a deleted one keeps only its id."""
    if message.deleted_at:
        return {"id": message.pk, "deleted": True}
    return {
        "id": message.pk,
        "kind": message.kind,
        "speaker": {"label": speaker_label(message), "name": message.speaker_name, "title": message.speaker_title},
        "text": message.text,
        "image": image_payload(message.image) if message.image_id else None,
        "question": public_question(message.question) if message.question_id else None,
        "pinned": message.pinned,
        "supplement": message.supplement,
        "edited": message.edited_at is not None,
        "time": local_time(message.created_at),
    }


def console_question(question: Question, duplicates: int | None = None) -> dict:
    """A question as the interview's staff see it: with its contact, status and flagged words."""
    return {
        **public_question(question),
        "contact": question.contact,
        "status": question.status,
        "status_label": question.get_status_display(),
        "flagged_words": question.flagged_words,
        "merged_into": question.merged_into_id,
        "duplicates": question.duplicates.count() if duplicates is None else duplicates,
        "moderated_by": display_name(question.moderated_by) if question.moderated_by_id else "",
    }


def display_name(user) -> str:
    if user is None:
        return "系统"
    return user.get_full_name() or user.first_name or user.get_username()
