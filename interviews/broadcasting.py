"""The broadcast: start and end it, post, edit, delete and pin messages, publish the transcript.

Every change is written, with its event, in one transaction; viewers hear of it after commit.
Messages never go through the publish fan-out; starting, ending and publishing the transcript
do, once each, because they change what the site's listings and search show.
"""

from django.db import transaction
from django.utils import timezone

from interviews.enums import BroadcastStatus, MessageKind, Stream
from interviews.errors import InterviewError
from interviews.events import record_event, rewrite_history
from interviews.models import Broadcast, InterviewGuest, InterviewPage, Message
from interviews.payloads import local_time, message_payload
from interviews.text import clean_text
from sites.publishing import Change, ContentChange, fan_out

MAX_MESSAGE_LENGTH = 2000


def broadcast_of(interview: InterviewPage, *, lock: bool = False) -> Broadcast:
    broadcast, _ = Broadcast.objects.get_or_create(interview=interview)
    if lock:
        broadcast = Broadcast.objects.select_for_update().get(pk=broadcast.pk)
    return broadcast


def _announce_page_change(interview: InterviewPage) -> None:
    # The column's listing (upcoming, live, past) and the search document change with the status.
    site = interview.get_site()
    fan_out(ContentChange(Change.PUBLISHED, frozenset({site.pk} if site else ()), interview))


@transaction.atomic
def start_broadcast(interview: InterviewPage) -> Broadcast:
    """预告 → 直播中; only an approved (published) interview can go live."""
    if not interview.live:
        raise InterviewError("访谈尚未审核发布，不能开始直播。")
    broadcast = broadcast_of(interview, lock=True)
    if broadcast.status != BroadcastStatus.SCHEDULED:
        raise InterviewError(f"访谈{broadcast.get_status_display()}，不能再次开始。")
    broadcast.status, broadcast.started_at = BroadcastStatus.LIVE, timezone.now()
    broadcast.save(update_fields=["status", "started_at"])
    record_event(interview.pk, Stream.PUBLIC, "interview.started", _status_payload(broadcast))
    _announce_page_change(interview)
    return broadcast


@transaction.atomic
def end_broadcast(interview: InterviewPage) -> Broadcast:
    """直播中 → 已结束: the page becomes the 文字实录 and search indexes it."""
    broadcast = broadcast_of(interview, lock=True)
    if broadcast.status != BroadcastStatus.LIVE:
        raise InterviewError("访谈不在直播中，不能结束。")
    broadcast.status, broadcast.ended_at = BroadcastStatus.ENDED, timezone.now()
    broadcast.transcript_published_at = broadcast.ended_at
    broadcast.save(update_fields=["status", "ended_at", "transcript_published_at"])
    record_event(interview.pk, Stream.PUBLIC, "interview.ended", _status_payload(broadcast))
    _announce_page_change(interview)
    return broadcast


@transaction.atomic
def publish_transcript(interview: InterviewPage) -> Broadcast:
    """Send the transcript with its 补录 to search and the site's listings again."""
    broadcast = broadcast_of(interview, lock=True)
    if broadcast.status != BroadcastStatus.ENDED:
        raise InterviewError("直播结束后才能发布文字实录。")
    broadcast.transcript_published_at = timezone.now()
    broadcast.save(update_fields=["transcript_published_at"])
    _announce_page_change(interview)
    return broadcast


def _status_payload(broadcast: Broadcast) -> dict:
    return {
        "status": broadcast.status,
        "status_label": broadcast.get_status_display(),
        "started_at": local_time(broadcast.started_at),
        "ended_at": local_time(broadcast.ended_at),
    }


def check_text(text: str, *, required: bool = True) -> str:
    """The text made plain and safe (interviews.text), if it is not empty and not too long."""
    text = clean_text(text)
    if required and not text:
        raise InterviewError("内容不能为空。", status=400)
    if len(text) > MAX_MESSAGE_LENGTH:
        raise InterviewError(f"内容不能超过{MAX_MESSAGE_LENGTH}字。", status=400)
    return text


def _open_for_messages(interview: InterviewPage) -> Broadcast:
    broadcast = broadcast_of(interview, lock=True)
    if not interview.live:
        raise InterviewError("访谈尚未审核发布。")
    if broadcast.status == BroadcastStatus.SCHEDULED:
        raise InterviewError("直播尚未开始，请先开始直播。")
    return broadcast


@transaction.atomic
def post_message(
    interview: InterviewPage,
    author,
    kind: MessageKind,
    text: str,
    *,
    guest: InterviewGuest | None = None,
    image=None,
    question=None,
) -> Message:
    """Post a message live (or as 补录 once the broadcast has ended) and tell every viewer."""
    broadcast = _open_for_messages(interview)
    text = check_text(text, required=image is None)
    if kind in (MessageKind.GUEST, MessageKind.ANSWER) and guest is None:
        raise InterviewError("请选择发言的嘉宾。", status=400)
    if guest is not None and guest.page_id != interview.pk:
        raise InterviewError("所选嘉宾不属于本期访谈。", status=400)
    if kind == MessageKind.HOST:
        name, title = interview.host_name, "主持人"
    elif guest is not None:
        name, title = guest.name, guest.title
    else:
        name, title = "", ""
    message = Message.objects.create(
        interview=interview,
        kind=kind,
        speaker_name=name,
        speaker_title=title,
        guest=guest,
        text=text,
        image=image,
        question=question,
        supplement=broadcast.status == BroadcastStatus.ENDED,
        author=author if getattr(author, "pk", None) else None,
    )
    record_event(interview.pk, Stream.PUBLIC, "message.created", message_payload(message), message=message)
    return message


def _live_message(interview: InterviewPage, message_id: int) -> Message:
    message = (
        # Lock the message row only: its question and image are outer joins, which PostgreSQL cannot lock.
        Message.objects.select_for_update(of=("self",))
        .filter(interview=interview, pk=message_id, deleted_at__isnull=True)
        .select_related("question", "image")
        .first()
    )
    if message is None:
        raise InterviewError("消息不存在或已删除。", status=404)
    return message


@transaction.atomic
def edit_message(interview: InterviewPage, message_id: int, text: str) -> Message:
    message = _live_message(interview, message_id)
    message.text = check_text(text, required=message.image_id is None)
    message.edited_at = timezone.now()
    message.save(update_fields=["text", "edited_at"])
    _tell(message, "message.edited")
    return message


@transaction.atomic
def delete_message(interview: InterviewPage, message_id: int) -> Message:
    """Delete a message for every viewer; its earlier events no longer carry its text."""
    from interviews.moderation import reopen_answered_question

    message = _live_message(interview, message_id)
    message.deleted_at = timezone.now()
    message.pinned = False
    message.save(update_fields=["deleted_at", "pinned"])
    _tell(message, "message.deleted")
    if message.question_id:
        reopen_answered_question(message.question)
    return message


@transaction.atomic
def pin_message(interview: InterviewPage, message_id: int, pinned: bool) -> Message:
    message = _live_message(interview, message_id)
    if message.pinned != pinned:
        message.pinned, message.pinned_at = pinned, timezone.now() if pinned else None
        message.save(update_fields=["pinned", "pinned_at"])
        _tell(message, "message.pinned" if pinned else "message.unpinned")
    return message


def _tell(message: Message, kind: str) -> None:
    payload = message_payload(message)
    rewrite_history(payload, message=message)
    record_event(message.interview_id, Stream.PUBLIC, kind, payload, message=message)
