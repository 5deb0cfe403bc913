"""WebSocket consumers: the live page's viewers and the console's staff.

Thin by design: a consumer checks who and where it is, joins its process's hub and answers the
few frames a client may send. It has no channel-layer channel of its own: the hub holds the one
subscription per interview of the process and writes every event straight to the socket.
"""

import json
import time
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.models.sites import get_site_for_hostname

from interviews.enums import Stream
from interviews.events import latest_event_id
from interviews.hub import Viewer, current_hub
from interviews.models import InterviewPage
from interviews.permissions import Action, can, roles_of

MAX_CLIENT_FRAME = 1024
# A client may send this many frames in FRAME_WINDOW seconds before it is disconnected.
MAX_CLIENT_FRAMES = 30
FRAME_WINDOW = 10.0
CLOSE_NOT_FOUND = 4404
CLOSE_FORBIDDEN = 4403
CLOSE_FLOODING = 4429


def _error(code: str, message: str) -> str:
    return json.dumps({"type": "error", "payload": {"code": code, "message": message}}, ensure_ascii=False)


def _site_for_scope(scope) -> Site | None:
    headers = dict(scope.get("headers", []))
    domain, port = split_domain_port(headers.get(b"host", b"").decode("latin-1"))
    try:
        return get_site_for_hostname(domain, port or "80")
    except Site.DoesNotExist:
        return None


@database_sync_to_async
def _find_interview(scope, interview_id: int) -> InterviewPage | None:
    """The live interview `interview_id` on the site the connection's Host names, or None."""
    site = _site_for_scope(scope)
    if site is None:
        return None
    return (
        InterviewPage.objects.live()
        .filter(pk=interview_id, path__startswith=site.root_page.path)
        .select_related("broadcast")
        .first()
    )


def _non_negative(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and value.isdigit():
        value = int(value)
    return value if isinstance(value, int) and value >= 0 else None


class InterviewConsumer(AsyncWebsocketConsumer):
    """A viewer of the live page: `/ws/interviews/<id>/?after=<last event id>`."""

    # No channel of its own: see the module docstring.
    channel_layer_alias = None
    streams: tuple[Stream, ...] = (Stream.PUBLIC,)

    async def connect(self) -> None:
        self.viewers: dict[str, Viewer] = {}
        self.frames: list[float] = []
        self.interview = await _find_interview(self.scope, int(self.scope["url_route"]["kwargs"]["interview_id"]))
        if self.interview is None:
            await self.close(code=CLOSE_NOT_FOUND)
            return
        if not await self.allowed():
            await self.close(code=CLOSE_FORBIDDEN)
            return
        await self.accept()
        query = parse_qs(self.scope.get("query_string", b"").decode("latin-1"))
        for stream in self.streams:
            names = (f"{stream}_after", "after") if stream == Stream.PUBLIC else (f"{stream}_after",)
            after = next((_non_negative(query[name][0]) for name in names if name in query), None)
            await self.follow(stream, after)

    async def allowed(self) -> bool:
        return True

    async def follow(self, stream: str, after: int | None) -> None:
        """Join the stream at `after` (now, if None), send what was missed, then go live."""
        latest = await database_sync_to_async(latest_event_id)(self.interview.pk, stream)
        start = latest if after is None else min(after, latest)
        hub = current_hub()
        previous = self.viewers.pop(stream, None)
        if previous is not None:
            await hub.leave(self.interview.pk, stream, previous)
        viewer = Viewer(self.base_send, self._close_too_slow, start)
        self.viewers[stream] = viewer
        await hub.join(self.interview.pk, stream, viewer)
        await hub.catch_up(self.interview.pk, stream, viewer)
        await self.send(
            json.dumps({"type": "ready", "payload": {"stream": stream, "last_id": viewer.last_id}}, ensure_ascii=False)
        )

    async def _close_too_slow(self, code: int) -> None:
        await self.close(code=code)

    async def disconnect(self, code) -> None:
        hub = current_hub()
        for stream, viewer in getattr(self, "viewers", {}).items():
            await hub.leave(self.interview.pk, stream, viewer)
        self.viewers = {}

    async def receive(self, text_data=None, bytes_data=None) -> None:
        """Clients may send `ping` and `resume`; anything else gets an error frame and the socket stays open."""
        now = time.monotonic()
        self.frames = [moment for moment in self.frames if now - moment < FRAME_WINDOW] + [now]
        if len(self.frames) > MAX_CLIENT_FRAMES:
            await self.send(_error("flooding", "发送过于频繁，连接已断开。"))
            await self.close(code=CLOSE_FLOODING)
            return
        if text_data is None:
            await self.send(_error("binary_frame", "只接受文本格式的 JSON 消息。"))
            return
        if len(text_data) > MAX_CLIENT_FRAME:
            await self.send(_error("frame_too_large", f"消息过大（上限 {MAX_CLIENT_FRAME} 字符）。"))
            return
        try:
            frame = json.loads(text_data)
        except ValueError:
            await self.send(_error("malformed_frame", "消息不是有效的 JSON。"))
            return
        kind = frame.get("type") if isinstance(frame, dict) else None
        if kind == "ping":
            await self.send(json.dumps({"type": "pong"}))
        elif kind == "resume":
            await self.resume(frame)
        else:
            await self.send(_error("unknown_type", "不支持的消息类型。"))

    async def resume(self, frame: dict) -> None:
        stream = frame.get("stream", Stream.PUBLIC)
        after = _non_negative(frame.get("after"))
        if stream not in self.viewers or after is None:
            await self.send(_error("bad_resume", "resume 需要有效的 stream 和非负整数 after。"))
            return
        await self.follow(stream, after)


class ConsoleConsumer(InterviewConsumer):
    """The console of the interview's staff: the public stream and the staff stream.

    `/ws/interviews/<id>/console/?public_after=<id>&console_after=<id>`; only users with a role on
    the interview (or superusers) are let in.
    """

    streams = (Stream.PUBLIC, Stream.CONSOLE)

    async def allowed(self) -> bool:
        user = self.scope.get("user")
        if user is None:
            return False
        roles = await database_sync_to_async(roles_of)(user, self.interview)
        return can(roles, Action.VIEW)
