"""WebSocket consumers: the live page's viewers and the console's staff.

Thin by design: a consumer checks who and where it is, joins its process's hub and answers the
few frames a client may send. It has no channel-layer channel of its own: the hub holds the one
subscription per interview of the process and writes every event straight to the socket.
"""

import json
import time
from http import HTTPStatus
from urllib.parse import parse_qs, urlsplit

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.contrib.auth import get_user_model
from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.models.sites import get_site_for_hostname

from interviews import console_actions
from interviews.console_actions import ActionRequest
from interviews.enums import Stream
from interviews.errors import InterviewError
from interviews.events import latest_event_id
from interviews.hub import Viewer, current_hub
from interviews.models import InterviewPage
from interviews.permissions import Action, can, roles_of

MAX_CLIENT_FRAME = 1024
# A client may send this many frames in FRAME_WINDOW seconds before it is disconnected.
MAX_CLIENT_FRAMES = 30
FRAME_WINDOW = 10.0
# The console sends actions: a message of the longest text, and a busy host's pace.
MAX_CONSOLE_FRAME = 16 * 1024
MAX_CONSOLE_FRAMES = 300
MAX_REQUEST_ID = 64
ERROR_CODES = {
    HTTPStatus.BAD_REQUEST: "invalid",
    HTTPStatus.UNAUTHORIZED: "signed_out",
    HTTPStatus.FORBIDDEN: "forbidden",
    HTTPStatus.NOT_FOUND: "not_found",
    HTTPStatus.CONFLICT: "conflict",
    HTTPStatus.REQUEST_ENTITY_TOO_LARGE: "too_large",
}
CLOSE_NOT_FOUND = 4404
CLOSE_FORBIDDEN = 4403
CLOSE_FLOODING = 4429


def _error(code: str, message: str, **more) -> str:
    return json.dumps({"type": "error", "payload": {"code": code, "message": message, **more}}, ensure_ascii=False)


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
    max_frame = MAX_CLIENT_FRAME
    max_frames = MAX_CLIENT_FRAMES

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
        if len(self.frames) > self.max_frames:
            await self.send(_error("flooding", "发送过于频繁，连接已断开。"))
            await self.close(code=CLOSE_FLOODING)
            return
        if text_data is None:
            await self.send(_error("binary_frame", "只接受文本格式的 JSON 消息。"))
            return
        if len(text_data) > self.max_frame:
            await self.send(_error("frame_too_large", f"消息过大（上限 {self.max_frame} 字符）。"))
            return
        try:
            frame = json.loads(text_data)
        except ValueError:
            await self.send(_error("malformed_frame", "消息不是有效的 JSON。"))
            return
        if not isinstance(frame, dict):
            await self.send(_error("unknown_type", "不支持的消息类型。"))
            return
        await self.handle(frame.get("type"), frame)

    async def handle(self, kind, frame: dict) -> None:
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
    """The console of the interview's staff: the public stream and the staff stream, and their actions.

    `/ws/interviews/<id>/console/?public_after=<id>&console_after=<id>`; only users with a role on
    the interview (or superusers) are let in, and a browser only from a page of the same origin.
    An `act` frame runs one console action, as the console's HTTP POST does, and is answered with
    `ack` after its change is committed (its events follow on the streams) or with an `error`.
    """

    streams = (Stream.PUBLIC, Stream.CONSOLE)
    max_frame = MAX_CONSOLE_FRAME
    max_frames = MAX_CONSOLE_FRAMES

    async def allowed(self) -> bool:
        user = self.scope.get("user")
        if user is None or not _same_origin(self.scope):
            return False
        roles = await database_sync_to_async(roles_of)(user, self.interview)
        return can(roles, Action.VIEW)

    async def handle(self, kind, frame: dict) -> None:
        if kind != "act":
            await super().handle(kind, frame)
            return
        request_id = _request_id(frame.get("request"))
        action, data = frame.get("action"), frame.get("data", {})
        if not isinstance(action, str) or not isinstance(data, dict):
            await self.send(_error("invalid", "act 需要 action（文字）和 data（JSON 对象）。", request=request_id))
            return
        try:
            await database_sync_to_async(self.perform)(action, data)
        except InterviewError as error:
            code = ERROR_CODES.get(error.status, "conflict")
            await self.send(_error(code, error.message, request=request_id, action=action))
            return
        await self.send(
            json.dumps({"type": "ack", "payload": {"request": request_id, "action": action}}, ensure_ascii=False)
        )

    def perform(self, action: str, data: dict) -> None:
        """The action as the console's HTTP POST runs it, for the user and interview as they are now."""
        user = get_user_model().objects.filter(pk=self.scope["user"].pk, is_active=True).first()
        if user is None:
            raise InterviewError("登录已失效，请重新登录。", status=HTTPStatus.UNAUTHORIZED)
        interview = InterviewPage.objects.filter(pk=self.interview.pk).select_related("broadcast").first()
        if interview is None:
            raise InterviewError("访谈不存在。", status=HTTPStatus.NOT_FOUND)
        console_actions.perform(interview, action, ActionRequest(user, data))


def _request_id(value) -> str | int | None:
    """The client's name for its action, echoed in the answer; anything odd is dropped."""
    if isinstance(value, bool) or not isinstance(value, str | int) or len(str(value)) > MAX_REQUEST_ID:
        return None
    return value


def _same_origin(scope) -> bool:
    """No Origin (not a browser) or the connection's own host: a page of another site may not act here."""
    headers = dict(scope.get("headers", []))
    origin = headers.get(b"origin")
    if origin is None:
        return True
    return urlsplit(origin.decode("latin-1")).netloc.lower() == headers.get(b"host", b"").decode("latin-1").lower()
