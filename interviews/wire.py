"""An event's WebSocket frame, built once and written straight to each viewer's connection.

Through the ASGI send, every delivery builds the same frame again inside the server's protocol
object: the text encoded, a frame object made and serialized, buffers joined. At thousands of
viewers per event that was most of the hub's CPU. On uvicorn's default WebSocket protocol the
hub writes the frame's bytes, made once per event, to each connection's transport instead; the
server keeps doing everything else (handshake, pings, pongs, close). Any other server (daphne,
the test communicator) gets the ASGI send.

An uncompressed frame is valid on a connection that negotiated permessage-deflate (RFC 7692: the
sender chooses per message), so one frame serves every viewer.
"""

from collections.abc import Callable

from websockets.frames import Frame, Opcode

try:
    from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol
except ImportError:  # pragma: no cover (uvicorn is a dependency; without it every send is ASGI)
    WebSocketsSansIOProtocol = None

# Bytes a connection may have waiting in its transport before it is cut to reconnect and catch up.
MAX_BUFFERED = 256 * 1024

# Send wrappers looked through before giving up on a direct write.
MAX_WRAPPERS = 4

DirectWrite = Callable[[bytes], bool]


def text_frame(text: str) -> bytes:
    """A final, unmasked text frame as a server sends it."""
    return Frame(Opcode.TEXT, text.encode()).serialize(mask=False)


def _server_protocol(send):
    """uvicorn's protocol object behind `send`, through Channels' session wrappers (a broadcast frame
    carries no session change for them to save)."""
    for _ in range(MAX_WRAPPERS):
        owner = getattr(send, "__self__", None)
        if WebSocketsSansIOProtocol is not None and isinstance(owner, WebSocketsSansIOProtocol):
            return owner
        send = getattr(owner, "real_send", None)
        if send is None:
            return None
    return None


def direct_writer(send) -> DirectWrite | None:
    """A function writing frame bytes to the connection behind the ASGI `send`, if the server allows it.

    When the connection has more than MAX_BUFFERED bytes waiting, its client has stopped reading:
    the connection is cut (a polite close would wait behind the backlog the client does not read)
    and the function returns False; the client reconnects with its last event id. A connection
    already closing takes nothing and returns True: its consumer is about to leave.
    """
    protocol = _server_protocol(send)
    if protocol is None:
        return None

    def write(frame: bytes) -> bool:
        transport = protocol.transport
        if protocol.close_sent or protocol.disconnected or transport.is_closing():
            return True
        transport.write(frame)
        if transport.get_write_buffer_size() <= MAX_BUFFERED:
            return True
        transport.abort()
        return False

    return write
