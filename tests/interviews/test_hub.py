"""The hub's writes to sockets: a slow viewer neither holds up the others nor grows without bound."""

import asyncio

from interviews.hub import MAX_PENDING, TOO_SLOW_CLOSE_CODE, Hub, Outgoing, Room, Viewer


class Socket:
    """An ASGI send that records frames; a blocked one waits, as a full socket buffer does."""

    def __init__(self, blocked: bool = False):
        self.frames: list[str] = []
        self.closed: list[int] = []
        self.open = asyncio.Event()
        if not blocked:
            self.open.set()

    async def send(self, message: dict) -> None:
        await self.open.wait()
        self.frames.append(message["text"])

    async def close(self, code: int) -> None:
        self.closed.append(code)


def live_viewer(socket: Socket, last_id: int = 0) -> Viewer:
    viewer = Viewer(socket.send, socket.close, last_id)
    viewer.backlog = None
    return viewer


def test_a_slow_viewer__does_not_hold_up_the_others():
    async def scenario():
        hub, room = Hub(layer=None), Room(1, "public")
        fast, slow = Socket(), Socket(blocked=True)
        room.viewers = {live_viewer(fast), live_viewer(slow)}
        for event_id in (1, 2, 3):
            await hub.deliver(room, event_id, Outgoing(f"frame {event_id}"))
        delivered_before_release = list(fast.frames), list(slow.frames)
        slow.open.set()
        await asyncio.sleep(0.05)
        return delivered_before_release, slow.frames

    (fast_frames, slow_before), slow_after = asyncio.run(scenario())
    assert fast_frames == ["frame 1", "frame 2", "frame 3"]
    assert slow_before == []
    assert slow_after == ["frame 1", "frame 2", "frame 3"]


def test_a_viewer_too_far_behind__is_closed_to_reconnect():
    async def scenario():
        hub, room = Hub(layer=None), Room(1, "public")
        stuck, fine = Socket(blocked=True), Socket()
        stuck_viewer = live_viewer(stuck)
        room.viewers = {stuck_viewer, live_viewer(fine)}
        for event_id in range(1, MAX_PENDING + 3):
            await hub.deliver(room, event_id, Outgoing(str(event_id)))
        await asyncio.sleep(0.05)
        return stuck.closed, stuck_viewer in room.viewers, len(fine.frames)

    closed, still_there, fine_count = asyncio.run(scenario())
    assert closed == [TOO_SLOW_CLOSE_CODE]
    assert not still_there
    assert fine_count == MAX_PENDING + 2


def test_events_already_sent_or_out_of_order__are_not_sent_twice():
    async def scenario():
        hub, room = Hub(layer=None), Room(1, "public")
        socket = Socket()
        room.viewers = {live_viewer(socket, last_id=5)}
        for event_id in (4, 5, 6, 6):
            await hub.deliver(room, event_id, Outgoing(str(event_id)))
        return socket.frames

    assert asyncio.run(scenario()) == ["6"]
