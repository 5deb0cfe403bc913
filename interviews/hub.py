"""Fan-out inside one server process: one subscription per interview stream, many viewers.

Each process receives an event from the channel layer once and writes the frame, encoded once by
whoever published it, straight to the sockets of its own viewers: no channel-layer hop, no
thread hop and no task per viewer; on uvicorn, not even the ASGI send (interviews.wire). Every
viewer carries the id of the last event it was sent, so the hub never sends an event twice or out
of order, and a viewer behind by more than one event is brought up to date from the event log
first. A check every few seconds does the same for an event the layer lost, so nothing is lost
for good.

A write that cannot finish at once (a slow client whose socket buffer is full) waits in the
connection's transport, or through the ASGI send in a task of that viewer's own; the others are
not held up. A viewer that falls too far behind is
closed and reconnects with its last event id.
"""

import asyncio
import contextlib
import logging
import types
import weakref
from collections import deque
from collections.abc import Awaitable, Callable

from channels.db import database_sync_to_async
from channels.layers import get_channel_layer

from interviews.events import frames_after, group_name, latest_event_id
from interviews.wire import direct_writer, text_frame

logger = logging.getLogger(__name__)

CHECK_SECONDS = 5.0
# Frames a slow connection may have waiting before it is closed to reconnect and catch up.
MAX_PENDING = 200
TOO_SLOW_CLOSE_CODE = 4008

Send = Callable[[dict], Awaitable[None]]


@types.coroutine
def _resume(coroutine, awaiting):
    """Run the rest of `coroutine`, which has already run up to awaiting `awaiting`."""
    while True:
        try:
            sent = yield awaiting
        except BaseException as error:  # noqa: BLE001 (forwarded into the coroutine, as `await` would)
            try:
                awaiting = coroutine.throw(error)
            except StopIteration as stop:
                return stop.value
        else:
            try:
                awaiting = coroutine.send(sent)
            except StopIteration as stop:
                return stop.value


class Outgoing:
    """One event's frame: its ASGI message, and its bytes on the wire, made once when first needed."""

    __slots__ = ("_wire", "message")

    def __init__(self, frame: str):
        self.message = {"type": "websocket.send", "text": frame}
        self._wire: bytes | None = None

    @property
    def wire(self) -> bytes:
        if self._wire is None:
            self._wire = text_frame(self.message["text"])
        return self._wire


class Viewer:
    """One connection's place in a room: its socket, and the last event id it was sent."""

    __slots__ = ("__weakref__", "backlog", "close", "direct", "last_id", "pending", "send", "writer")

    def __init__(self, send: Send, close: Callable[[int], Awaitable[None]], last_id: int):
        self.send = send
        self.direct = direct_writer(send)
        self.close = close
        self.last_id = last_id
        # Live frames that arrive while the viewer is still being sent what it missed.
        self.backlog: list[tuple[int, Outgoing]] | None = []
        self.pending: deque[dict] = deque()
        self.writer: asyncio.Future | None = None

    def write(self, event_id: int, frame: Outgoing) -> bool:
        """Write a frame now if the socket takes it; False if the viewer is too slow to keep."""
        self.last_id = event_id
        if self.writer is not None:
            self.pending.append(frame.message)
            return len(self.pending) <= MAX_PENDING
        if self.direct is not None:
            return self.direct(frame.wire)
        message = frame.message
        # Run the send until it would wait. An unblocked socket takes the frame synchronously,
        # so in the usual case no task is created at all.
        coroutine = self.send(message)
        try:
            awaiting = coroutine.send(None)
        except StopIteration:
            return True
        except Exception:  # noqa: BLE001 (a closed socket: the consumer sees the disconnect and leaves)
            return True
        self.writer = asyncio.ensure_future(self._finish(coroutine, awaiting))
        return True

    async def _finish(self, coroutine, awaiting) -> None:
        try:
            await _resume(coroutine, awaiting)
            while self.pending:
                await self.send(self.pending.popleft())
        except Exception:
            logger.debug("访谈观众连接写入失败", exc_info=True)
        finally:
            self.writer = None


class Room:
    """The viewers of one stream of one interview in this process."""

    def __init__(self, interview_id: int, stream: str):
        self.interview_id = interview_id
        self.stream = stream
        self.group = group_name(interview_id, stream)
        self.viewers: set[Viewer] = set()
        self.subscribed: asyncio.Future | None = None


class Hub:
    """The fan-out of one event loop, that is of one server process."""

    def __init__(self, layer):
        self.layer = layer
        self.rooms: dict[tuple[int, str], Room] = {}
        self.channel: str | None = None
        self.tasks: list[asyncio.Task] = []
        self.closing: set[asyncio.Future] = set()

    async def join(self, interview_id: int, stream: str, viewer: Viewer) -> None:
        """Add a viewer; returns once this process is subscribed, so nothing published later is missed."""
        key = (interview_id, stream)
        room = self.rooms.get(key)
        if room is None:
            room = self.rooms[key] = Room(interview_id, stream)
            room.subscribed = asyncio.ensure_future(self._subscribe(room))
        room.viewers.add(viewer)
        await asyncio.shield(room.subscribed)

    async def leave(self, interview_id: int, stream: str, viewer: Viewer) -> None:
        key = (interview_id, stream)
        room = self.rooms.get(key)
        if room is None:
            return
        room.viewers.discard(viewer)
        if viewer.writer is not None:
            viewer.writer.cancel()
        if not room.viewers:
            del self.rooms[key]
            with contextlib.suppress(Exception):
                await room.subscribed
                await self.layer.group_discard(room.group, self.channel)
            if not self.rooms:
                await self._stop()

    async def catch_up(self, interview_id: int, stream: str, viewer: Viewer) -> None:
        """Send a joined viewer every event after its last id, then switch it to live frames."""
        room = self.rooms[(interview_id, stream)]
        await self._bring_up_to_date(room, [viewer], None, include_catching_up=True)
        while viewer.backlog:
            event_id, frame = viewer.backlog.pop(0)
            if event_id == viewer.last_id + 1:
                await viewer.send(frame.message)
                viewer.last_id = event_id
            elif event_id > viewer.last_id:
                await self._bring_up_to_date(room, [viewer], event_id, include_catching_up=True)
        viewer.backlog = None

    async def _subscribe(self, room: Room) -> None:
        if self.channel is None:
            self.channel = await self.layer.new_channel()
            self.tasks = [asyncio.ensure_future(self._receive()), asyncio.ensure_future(self._check())]
        await self.layer.group_add(room.group, self.channel)

    async def _stop(self) -> None:
        tasks, self.tasks, self.channel = self.tasks, [], None
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(BaseException):
                await task

    async def _receive(self) -> None:
        channel = self.channel
        while True:
            try:
                event = await self.layer.receive(channel)
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("访谈事件接收失败，稍后重试")
                await asyncio.sleep(1)
                continue
            room = self.rooms.get((event["interview"], event["stream"]))
            if room is not None:
                await self.deliver(room, event["id"], Outgoing(event["frame"]))

    async def deliver(self, room: Room, event_id: int, frame: Outgoing) -> None:
        """Write one event to every viewer of the room that has not had it, in order."""
        lagging = []
        too_slow = []
        for viewer in tuple(room.viewers):
            if viewer.backlog is not None:
                viewer.backlog.append((event_id, frame))
            elif event_id == viewer.last_id + 1:
                if not viewer.write(event_id, frame):
                    too_slow.append(viewer)
            elif event_id > viewer.last_id:
                lagging.append(viewer)
        if lagging:
            await self._bring_up_to_date(room, lagging, event_id)
        for viewer in too_slow:
            await self._drop(room, viewer)

    async def _bring_up_to_date(
        self, room: Room, viewers: list[Viewer], upto: int | None, *, include_catching_up: bool = False
    ) -> None:
        after = min(viewer.last_id for viewer in viewers)
        frames = await database_sync_to_async(frames_after)(room.interview_id, room.stream, after, upto)
        outgoing = [(event_id, Outgoing(frame)) for event_id, frame in frames]
        for viewer in viewers:
            if viewer.backlog is not None and not include_catching_up:
                continue
            for event_id, frame in outgoing:
                if event_id <= viewer.last_id:
                    continue
                if include_catching_up:
                    await viewer.send(frame.message)
                    viewer.last_id = event_id
                elif not viewer.write(event_id, frame):
                    await self._drop(room, viewer)
                    break

    async def _drop(self, room: Room, viewer: Viewer) -> None:
        logger.info("访谈 %s 的一位观众接收过慢，断开后由其重连补齐", room.interview_id)
        room.viewers.discard(viewer)
        if viewer.writer is not None:
            viewer.writer.cancel()
        viewer.pending.clear()
        if viewer.direct is not None:
            return  # its connection is already cut (interviews.wire)
        closing = asyncio.ensure_future(viewer.close(TOO_SLOW_CLOSE_CODE))
        self.closing.add(closing)
        closing.add_done_callback(self.closing.discard)

    async def _check(self) -> None:
        """Every few seconds, bring every viewer up to the event log: covers what the layer dropped."""
        while True:
            await asyncio.sleep(CHECK_SECONDS)
            for room in list(self.rooms.values()):
                try:
                    latest = await database_sync_to_async(latest_event_id)(room.interview_id, room.stream)
                    behind = [v for v in room.viewers if v.backlog is None and v.last_id < latest]
                    if behind:
                        await self._bring_up_to_date(room, behind, latest)
                except Exception:
                    logger.exception("访谈 %s 的事件核对失败", room.interview_id)


_hubs: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Hub]" = weakref.WeakKeyDictionary()


def current_hub() -> Hub:
    """The hub of the running event loop (one per server process; tests run several loops)."""
    loop = asyncio.get_running_loop()
    hub = _hubs.get(loop)
    if hub is None:
        hub = _hubs[loop] = Hub(get_channel_layer())
    return hub
