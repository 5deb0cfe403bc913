"""Frames written below the ASGI send reach real clients of the real server, compressed connections included."""

import asyncio
import contextlib
import threading
import time

import pytest
import uvicorn
from channels.sessions import SessionMiddlewareStack
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from interviews.wire import direct_writer, text_frame
from tests.servers import free_port


class FrameApp:
    """A WebSocket app that writes each of `frames` through `direct_writer`, then closes normally."""

    def __init__(self, frames: list[str]):
        self.frames = frames
        self.writers: list[bool] = []

    async def __call__(self, scope, receive, send):
        await receive()
        await send({"type": "websocket.accept"})
        write = direct_writer(send)
        self.writers.append(write is not None)
        if write is not None:
            for frame in self.frames:
                assert write(text_frame(frame))
        await send({"type": "websocket.send", "text": "完"})
        while (await receive())["type"] != "websocket.disconnect":
            pass


@contextlib.contextmanager
def serving(app):
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"ws://127.0.0.1:{port}/"
    finally:
        server.should_exit = True
        thread.join(10)


def received(url: str, compression: str | None) -> list[str]:
    frames = []
    with connect(url, compression=compression) as socket:
        while (frame := socket.recv(timeout=10)) != "完":
            frames.append(frame)
    return frames


@pytest.mark.parametrize("compression", ["deflate", None])
def test_frames_written_below_the_asgi_send__arrive_whole_and_in_order(compression):
    frames = ["直播开始", "x" * 125, "长" * 30000, '{"id":4,"type":"message.created"}']
    app = FrameApp(frames)
    with serving(app) as url:
        assert received(url, compression) == frames
    assert app.writers == [True]


def test_a_connection_behind_channels_session_wrapper__is_written_directly():
    frames = ["一", "二"]
    app = FrameApp(frames)
    with serving(SessionMiddlewareStack(app)) as url:
        assert received(url, "deflate") == frames
    assert app.writers == [True]


def test_another_server__gets_no_direct_writer():
    async def asgi_send(message):
        return None

    assert direct_writer(asgi_send) is None


def test_a_viewer_that_does_not_read__is_cut_off_once_its_buffer_is_full():
    results: list[bool] = []
    done = threading.Event()

    async def app(scope, receive, send):
        await receive()
        await send({"type": "websocket.accept"})
        write = direct_writer(send)
        frame = text_frame("满" * 20000)
        # Kernel buffers take a few megabytes first; then the transport keeps the rest.
        for _ in range(2000):
            results.append(write(frame))
            if not results[-1]:
                break
            await asyncio.sleep(0)
        done.set()
        while (await receive())["type"] != "websocket.disconnect":
            pass

    with serving(app) as url, connect(url, compression=None, max_size=None, max_queue=1) as socket:
        assert done.wait(60)
        with pytest.raises(ConnectionClosed):
            while True:
                socket.recv(timeout=30)
    assert results[0] is True
    assert results[-1] is False
