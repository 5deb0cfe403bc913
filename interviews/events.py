"""The event log of an interview: every change its viewers or its staff must see, numbered.

Write first, then publish. An event is stored in the transaction of the change it reports, with
the next id of its stream taken from the interview's counter (the counter update locks the row
until commit, so ids follow commit order and never repeat); it is handed to the channel layer
only after that transaction commits. A viewer that missed a frame reads the log by id, through
the catch-up API or the hub's own check, so nothing the layer drops is lost for good.
"""

import hashlib
import json
import logging
from functools import cache, partial

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import F

from interviews.enums import Stream
from interviews.models import Broadcast, Event
from interviews.payloads import local_time

logger = logging.getLogger(__name__)

COUNTERS = {Stream.PUBLIC: "public_events", Stream.CONSOLE: "console_events"}
CATCH_UP_LIMIT = 500


@cache
def _database_tag(name: str) -> str:
    return hashlib.sha1(name.encode(), usedforsecurity=False).hexdigest()[:10]


def group_name(interview_id: int, stream: str) -> str:
    """The channel-layer group of one stream; it names the database so clusters sharing a Redis never mix."""
    return f"interview.{_database_tag(str(settings.DATABASES['default']['NAME']))}.{interview_id}.{stream}"


def encode_frame(stream: str, seq: int, kind: str, time: str, payload: dict) -> str:
    """The WebSocket frame of an event, encoded once and written as is to every viewer."""
    return json.dumps(
        {"stream": stream, "id": seq, "type": kind, "time": time, "payload": payload},
        ensure_ascii=False,
        separators=(",", ":"),
        cls=DjangoJSONEncoder,
    )


def event_frame(event: Event) -> str:
    return encode_frame(event.stream, event.seq, event.kind, local_time(event.created_at), event.payload)


def record_event(interview_id: int, stream: str, kind: str, payload: dict, *, message=None, question=None) -> Event:
    """Store the next event of `stream` and publish it once the surrounding transaction commits."""
    counter = COUNTERS[Stream(stream)]
    with transaction.atomic():
        if not Broadcast.objects.filter(pk=interview_id).update(**{counter: F(counter) + 1}):
            Broadcast.objects.get_or_create(interview_id=interview_id)
            Broadcast.objects.filter(pk=interview_id).update(**{counter: F(counter) + 1})
        seq = Broadcast.objects.values_list(counter, flat=True).get(pk=interview_id)
        event = Event.objects.create(
            interview_id=interview_id,
            stream=stream,
            seq=seq,
            kind=kind,
            payload=payload,
            message=message,
            question=question,
        )
        transaction.on_commit(partial(publish, event))
    return event


def publish(event: Event) -> None:
    """Hand a committed event to the channel layer; a failure is logged, viewers catch up from the log."""
    message = {
        "type": "interview.event",
        "interview": event.interview_id,
        "stream": event.stream,
        "id": event.seq,
        "frame": event_frame(event),
    }
    try:
        async_to_sync(get_channel_layer().group_send)(group_name(event.interview_id, event.stream), message)
    except Exception:
        logger.exception("访谈 %s 的事件 %s 未能推送，观众将从事件记录补齐。", event.interview_id, event.seq)


def latest_event_id(interview_id: int, stream: str) -> int:
    value = Broadcast.objects.filter(pk=interview_id).values_list(COUNTERS[Stream(stream)], flat=True).first()
    return value or 0


def events_after(interview_id: int, stream: str, after: int, limit: int = CATCH_UP_LIMIT, upto: int | None = None):
    """Up to `limit` events of a stream with ids above `after` (and at most `upto`), oldest first."""
    events = Event.objects.filter(interview_id=interview_id, stream=stream, seq__gt=after)
    if upto is not None:
        events = events.filter(seq__lte=upto)
    return list(events.order_by("seq")[:limit])


def frames_after(interview_id: int, stream: str, after: int, upto: int | None = None) -> list[tuple[int, str]]:
    """(id, frame) of every event above `after`, read in pages."""
    frames: list[tuple[int, str]] = []
    while True:
        page = events_after(interview_id, stream, after, upto=upto)
        frames += [(event.seq, event_frame(event)) for event in page]
        if len(page) < CATCH_UP_LIMIT:
            return frames
        after = page[-1].seq


def rewrite_history(payload: dict, **about) -> None:
    """Give every earlier public event about a message or question (`about`) the payload it has now.

    A message edited or deleted later, or a question withdrawn, must not stay readable in its
    old form in the log: a viewer catching up gets it as it is now.
    """
    Event.objects.filter(stream=Stream.PUBLIC, **about).update(payload=payload)
