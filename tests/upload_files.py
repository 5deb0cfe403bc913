"""Files for upload tests: real ones, and hostile ones that lie about what they are."""

import io
import struct
import zlib

from PIL import Image


def png(width: int = 40, height: int = 30) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "#2c6fbb").save(buffer, format="PNG")
    return buffer.getvalue()


def truncated_png() -> bytes:
    """The first half of a PNG of noise: its header is whole, its pixels are not."""
    buffer = io.BytesIO()
    Image.effect_noise((400, 300), 64).convert("RGB").save(buffer, format="PNG")
    data = buffer.getvalue()
    return data[: len(data) // 2]


def bomb_png(width: int = 30_000, height: int = 30_000) -> bytes:
    """A PNG of a few dozen bytes whose header declares width × height pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def pdf() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), "#c0392b").save(buffer, format="PDF")
    return buffer.getvalue()


EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200 + b"This program cannot be run"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
