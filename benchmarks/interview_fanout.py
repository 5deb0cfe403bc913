"""Interview fan-out benchmark: live messages to N viewers through the production ASGI server.

For each N viewers: uvicorn serving `cms.asgi:application` on the Redis pub/sub channel layer,
and, as the baseline, a bare `websockets` server broadcasting with `websockets.broadcast`. The host
posts 50 messages at 10 per second (through the console's HTTP API for the cluster, over its own
socket for the bare server); every viewer records when each message arrives. Reported: delivery
latency p50/p99 (from the host's send to a viewer's receipt), messages lost (not delivered 20 s
after the last was sent), server memory per viewer and server CPU per delivery.

Run from the project root (Redis must be running; its pub/sub is used, keys are not):

    REDIS_URL=redis://127.0.0.1:6379/7 .venv/bin/python benchmarks/interview_fanout.py [--write-readme]

See benchmarks/README.md for the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import json
import multiprocessing
import os
import platform
import re
import resource
import shlex
import socket
import struct
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx

ROOT = Path(__file__).resolve().parent.parent
README = Path(__file__).resolve().parent / "README.md"
README_START, README_END = "<!-- interview-figures:start -->", "<!-- interview-figures:end -->"
HOST = "bench.localhost"
MARKER = re.compile(rb"bench#(\d+)#")
CONNECT_CONCURRENCY = 100
DRAIN_SECONDS = 20.0
START_TIMEOUT = 90.0

SETUP_SCRIPT = """
import json
from datetime import timedelta
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from cms.blocks import rich_text_body
from interviews.broadcasting import start_broadcast
from interviews.models import InterviewGuest, InterviewPage
from sites.blueprints import provision_site
from sites.enums import ColumnType, OrganisationKind
from sites.models import ColumnPage, Organisation

organisation = Organisation.objects.create(
    name="压测县人民政府", short_name="压测县", kind=OrganisationKind.COUNTY, division_code="369999", code="369999",
    slug="bench",
)
site = provision_site(organisation, "bench.localhost").site
column = ColumnPage.objects.get(column_type=ColumnType.INTERVIEWS, path__startswith=site.root_page.path)
start = timezone.now()
interview = InterviewPage(
    title="压测访谈", slug="bench", topic="压测", host_name="主持人", scheduled_start=start,
    scheduled_end=start + timedelta(hours=2), intro=rich_text_body("<p>压测</p>"),
)
interview.guests = [InterviewGuest(name="嘉宾", title="局长")]
column.add_child(instance=interview)
interview.save_revision().publish()
start_broadcast(interview)
host = get_user_model().objects.create_superuser("bench-host", password=None)
client = Client()
client.force_login(host)
print(json.dumps({"interview": interview.pk, "session": client.cookies["sessionid"].value}))
"""

BARE_SERVER = """
import asyncio, sys
from websockets.asyncio.server import broadcast, serve

viewers = set()

async def handler(connection):
    if connection.request.path == "/host":
        async for message in connection:
            broadcast(viewers, message)
        return
    viewers.add(connection)
    try:
        await connection.wait_closed()
    finally:
        viewers.discard(connection)

async def main():
    async with serve(handler, "127.0.0.1", int(sys.argv[1]), compression=None, max_queue=None):
        await asyncio.Future()

asyncio.run(main())
"""


@dataclass
class Result:
    server: str
    viewers: int
    connected: int
    p50_ms: float
    p99_ms: float
    lost: int
    memory_kib_per_viewer: float
    cpu_us_per_delivery: float
    post_p50_ms: float
    post_p99_ms: float


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def process_tree(pid: int) -> list[int]:
    pids = [pid]
    with contextlib.suppress(FileNotFoundError):
        for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
            pids += process_tree(int(child))
    return pids


def rss_kib(pid: int) -> int:
    total = 0
    for member in process_tree(pid):
        with contextlib.suppress(FileNotFoundError):
            for line in Path(f"/proc/{member}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
    return total


def cpu_seconds(pid: int) -> float:
    total = 0.0
    for member in process_tree(pid):
        with contextlib.suppress(FileNotFoundError):
            fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


# --- the load client: a minimal WebSocket client on asyncio, cheap per frame -----------------


class ViewerProtocol(asyncio.Protocol):
    """One viewer: handshake, then note the arrival time of each benchmark message; answer pings."""

    def __init__(self, path: str, host: str, arrivals: dict, ready: asyncio.Future, counter):
        self.path, self.host, self.arrivals, self.ready, self.counter = path, host, arrivals, ready, counter
        self.buffer = bytearray()
        self.open = False
        self.transport = None

    def connection_made(self, transport):
        self.transport = transport
        key = base64.b64encode(os.urandom(16)).decode()
        transport.write(
            (
                f"GET {self.path} HTTP/1.1\r\nHost: {self.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nOrigin: http://{self.host}\r\n\r\n"
            ).encode()
        )

    def data_received(self, data):
        now = time.monotonic()
        self.buffer += data
        if not self.open:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            if b" 101 " not in self.buffer[: self.buffer.find(b"\r\n")]:
                if not self.ready.done():
                    self.ready.set_result(False)
                self.transport.close()
                return
            self.open = True
            del self.buffer[: end + 4]
            if not self.ready.done():
                self.ready.set_result(True)
        self._frames(now)

    def _frames(self, now: float) -> None:
        buffer = self.buffer
        offset = 0
        while len(buffer) - offset >= 2:
            opcode, length = buffer[offset] & 0x0F, buffer[offset + 1] & 0x7F
            start = offset + 2
            if length == 126:
                if len(buffer) - offset < 4:
                    break
                length, start = struct.unpack_from("!H", buffer, offset + 2)[0], offset + 4
            elif length == 127:
                if len(buffer) - offset < 10:
                    break
                length, start = struct.unpack_from("!Q", buffer, offset + 2)[0], offset + 10
            if len(buffer) < start + length:
                break
            payload = bytes(buffer[start : start + length])
            offset = start + length
            if opcode == 1:
                found = MARKER.search(payload)
                if found:
                    number = int(found.group(1))
                    self.arrivals.setdefault(number, []).append(now)
                    self.counter.value += 1
            elif opcode == 9:
                mask = os.urandom(4)
                masked = bytes(byte ^ mask[index % 4] for index, byte in enumerate(payload))
                self.transport.write(bytes([0x8A, 0x80 | len(payload)]) + mask + masked)
        del buffer[:offset]

    def connection_lost(self, exc):
        if not self.ready.done():
            self.ready.set_result(False)


async def _viewers(target: tuple[int, str, int], started, stop, counter) -> tuple[int, dict]:
    port, path, count = target
    loop = asyncio.get_running_loop()
    arrivals: dict[int, list[float]] = {}
    limit = asyncio.Semaphore(CONNECT_CONCURRENCY)
    connected = 0

    async def open_one():
        nonlocal connected
        async with limit:
            ready = loop.create_future()
            with contextlib.suppress(OSError):
                await loop.create_connection(
                    lambda: ViewerProtocol(path, HOST, arrivals, ready, counter), "127.0.0.1", port
                )
                if await asyncio.wait_for(ready, 60):
                    connected += 1

    await asyncio.gather(*(open_one() for _ in range(count)))
    started.set()
    while not stop.is_set():
        await asyncio.sleep(0.05)
    return connected, arrivals


def viewer_process(target: tuple[int, str, int], started, stop, results, counter) -> None:
    with contextlib.suppress(ImportError):
        import uvloop

        uvloop.install()
    connected, arrivals = asyncio.run(_viewers(target, started, stop, counter))
    results.put((connected, arrivals))


# --- the servers -----------------------------------------------------------------------------


def wait_for_port(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"服务器启动失败：\n{log.read_text()[-3000:]}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return
        time.sleep(0.2)
    raise SystemExit("服务器启动超时")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def cluster_environment(workdir: Path, redis_url: str) -> dict:
    return {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "benchmark-only-secret-key-not-for-production",
        "ALLOWED_HOSTS": "*",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "REDIS_URL": redis_url,
        "CACHE_KEY_PREFIX": f"bench-{os.getpid()}",
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "PAGE_CACHE_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
        # The host's session is opened in a shell, without the second factor production asks of admins.
        "TWO_FACTOR_REQUIRED_FOR_SUPERUSERS": "false",
        "TWO_FACTOR_REQUIRED_GROUPS": "",
    }


def prepare_cluster(environment: dict) -> dict:
    python = str(ROOT / ".venv" / "bin" / "python")
    for command in (["migrate", "--no-input", "-v", "0"], ["collectstatic", "--no-input", "-v", "0"]):
        subprocess.run([python, "manage.py", *command], cwd=ROOT, env=environment, check=True)  # noqa: S603 (fixed)
    output = subprocess.run(  # noqa: S603 (a fixed command line)
        [python, "manage.py", "shell", "-c", SETUP_SCRIPT], cwd=ROOT, env=environment, check=True, capture_output=True
    ).stdout.decode()
    return json.loads(output.strip().splitlines()[-1])


async def post_to_cluster(
    port: int, interview: int, session: str, count: int, rate: float
) -> tuple[dict[int, float], list[float]]:
    """The host as at a real broadcast: the console page and its state first, then posts over its socket."""
    from websockets.asyncio.client import connect

    headers = {"Host": HOST, "Cookie": f"sessionid={session}"}
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", headers=headers, timeout=30) as client:
        for path in (f"/admin/interviews/{interview}/", f"/admin/interviews/{interview}/state/"):
            response = await client.get(path)
            if response.status_code != 200:
                raise SystemExit(f"控制台打不开：{path} {response.status_code}")
    sent: dict[int, float] = {}
    posts: list[float] = []
    url = f"ws://127.0.0.1:{port}/ws/interviews/{interview}/console/"
    async with connect(
        url, additional_headers={**headers, "Origin": f"http://{HOST}"}, compression=None, max_size=None
    ) as console:
        streams = set()
        while len(streams) < 2:
            frame = json.loads(await console.recv())
            if frame["type"] == "ready":
                streams.add(frame["payload"]["stream"])
        for number in range(count):
            due = time.monotonic()
            sent[number] = due
            await console.send(
                json.dumps(
                    {
                        "type": "act",
                        "action": "post",
                        "request": number,
                        "data": {"text": f"第{number}条 bench#{number}#"},
                    }
                )
            )
            while True:
                frame = json.loads(await console.recv())
                if frame["type"] in ("ack", "error") and frame["payload"].get("request") == number:
                    break
            if frame["type"] == "error":
                raise SystemExit(f"发布失败：{frame['payload']}")
            posts.append((time.monotonic() - due) * 1000)
            await asyncio.sleep(max(0.0, due + 1 / rate - time.monotonic()))
    return sent, posts


async def post_to_bare(port: int, count: int, rate: float) -> tuple[dict[int, float], list[float]]:
    from websockets.asyncio.client import connect

    sent: dict[int, float] = {}
    posts: list[float] = []
    async with connect(f"ws://127.0.0.1:{port}/host") as host:
        for number in range(count):
            due = time.monotonic()
            sent[number] = due
            await host.send(f'{{"type":"message.created","payload":{{"text":"第{number}条 bench#{number}#"}}}}')
            posts.append((time.monotonic() - due) * 1000)
            await asyncio.sleep(max(0.0, due + 1 / rate - time.monotonic()))
    return sent, posts


def measure(name: str, server: subprocess.Popen, port: int, *, path: str, viewers: int, args, post) -> Result:
    context = multiprocessing.get_context("fork")
    started_events, stop_event, results = [], context.Event(), context.Queue()
    shares = [
        viewers // args.client_processes + (1 if i < viewers % args.client_processes else 0)
        for i in range(args.client_processes)
    ]
    idle_rss = rss_kib(server.pid)
    processes, counters = [], []
    for share in shares:
        started = context.Event()
        counter = context.Value("q", 0, lock=False)
        counters.append(counter)
        process = context.Process(
            target=viewer_process, args=((port, path, share), started, stop_event, results, counter), daemon=True
        )
        process.start()
        processes.append(process)
        started_events.append(started)
    for started in started_events:
        started.wait(timeout=300)
    time.sleep(1.0)
    loaded_rss = rss_kib(server.pid)
    cpu_before = cpu_seconds(server.pid)
    sent, posts = asyncio.run(post(args.messages, args.rate))
    posts.sort()
    # Wait until every viewer has every message, or the bound: what has not arrived by then is lost.
    deadline = time.monotonic() + DRAIN_SECONDS
    expected_now = sum(shares) * args.messages
    while time.monotonic() < deadline and sum(counter.value for counter in counters) < expected_now:
        time.sleep(0.2)
    cpu_after = cpu_seconds(server.pid)
    stop_event.set()
    connected, latencies, delivered = 0, [], 0
    for _ in processes:
        count, arrivals = results.get(timeout=120)
        connected += count
        for number, times in arrivals.items():
            if number in sent:
                delivered += len(times)
                latencies += [(moment - sent[number]) * 1000 for moment in times]
    for process in processes:
        process.join(timeout=60)
    latencies.sort()
    expected = connected * args.messages
    return Result(
        server=name,
        viewers=viewers,
        connected=connected,
        p50_ms=latencies[len(latencies) // 2] if latencies else float("nan"),
        p99_ms=latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] if latencies else float("nan"),
        lost=expected - delivered,
        memory_kib_per_viewer=(loaded_rss - idle_rss) / max(connected, 1),
        cpu_us_per_delivery=(cpu_after - cpu_before) * 1e6 / max(delivered, 1),
        post_p50_ms=posts[len(posts) // 2],
        post_p99_ms=posts[min(len(posts) - 1, int(len(posts) * 0.99))],
    )


def run_cluster(viewers: int, args, environment: dict, setup: dict, workdir: Path) -> Result:
    port = free_port()
    log = workdir / f"uvicorn-{viewers}.log"
    command = [
        str(ROOT / ".venv" / "bin" / "uvicorn"), "cms.asgi:application", "--host", "127.0.0.1", "--port", str(port),
        "--no-access-log", "--log-level", "warning",
    ]  # fmt: skip
    if args.workers > 1:
        command += ["--workers", str(args.workers)]
    with log.open("wb") as output:
        server = subprocess.Popen(  # noqa: S603 (a fixed command line)
            command, cwd=ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT
        )
        try:
            wait_for_port(port, server, log)
            return measure(
                "uvicorn + Channels (pub/sub layer)",
                server,
                port,
                path=f"/ws/interviews/{setup['interview']}/",
                viewers=viewers,
                args=args,
                post=lambda count, rate: post_to_cluster(port, setup["interview"], setup["session"], count, rate),
            )
        finally:
            stop(server)


def run_bare(viewers: int, args, workdir: Path) -> Result:
    port = free_port()
    log = workdir / f"bare-{viewers}.log"
    with log.open("wb") as output:
        server = subprocess.Popen(  # noqa: S603
            [sys.executable, "-c", BARE_SERVER, str(port)], stdout=output, stderr=subprocess.STDOUT
        )
        try:
            wait_for_port(port, server, log)
            return measure(
                "bare websockets",
                server,
                port,
                path="/",
                viewers=viewers,
                args=args,
                post=lambda count, rate: post_to_bare(port, count, rate),
            )
        finally:
            stop(server)


def report(results: list[Result], args) -> str:
    now = datetime.now(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%d %H:%M")
    machine = f"`nproc` = {os.cpu_count()}, Python {platform.python_version()}"
    load = f"{args.messages} messages at {args.rate:g}/s, {args.client_processes} client processes"
    command = " ".join(shlex.quote(part) for part in [f"REDIS_URL={args.redis_url}", ".venv/bin/python", *sys.argv])
    lines = [
        f"Measured {now} (Asia/Shanghai) on a machine with {machine}; server, Redis and load client share the CPUs.",
        f"{load}; uvicorn with {args.workers} worker(s).",
        "",
        f"Command: `{command}`",
        "",
        "| Viewers | Server | connected | p50 ms | p99 ms | lost | memory KiB/viewer | CPU µs/delivery "
        "| host send p50/p99 ms |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for result in results:
        cells = [
            f"{result.viewers:,}",
            result.server,
            f"{result.connected:,}",
            f"{result.p50_ms:.0f}",
            f"{result.p99_ms:.0f}",
            f"{result.lost:,}",
            f"{result.memory_kib_per_viewer:.1f}",
            f"{result.cpu_us_per_delivery:.1f}",
            f"{result.post_p50_ms:.0f} / {result.post_p99_ms:.0f}",
        ]
        lines.append(f"| {' | '.join(cells)} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--viewers", default="500,1000,2000,5000")
    parser.add_argument("--messages", type=int, default=50)
    parser.add_argument("--rate", type=float, default=10.0)
    parser.add_argument("--client-processes", type=int, default=2)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/7"))
    parser.add_argument("--write-readme", action="store_true")
    args = parser.parse_args()
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    results = []
    with tempfile.TemporaryDirectory(prefix="interview-fanout-") as directory:
        workdir = Path(directory)
        environment = cluster_environment(workdir, args.redis_url)
        setup = prepare_cluster(environment)
        for viewers in (int(value) for value in args.viewers.split(",")):
            for result in (run_cluster(viewers, args, environment, setup, workdir), run_bare(viewers, args, workdir)):
                results.append(result)
                print(report([result], args).splitlines()[-1], flush=True)  # noqa: T201
    text = report(results, args)
    print(text)  # noqa: T201
    if args.write_readme:
        readme = README.read_text()
        start, end = readme.index(README_START) + len(README_START), readme.index(README_END)
        README.write_text(readme[:start] + "\n" + text + "\n" + readme[end:])


if __name__ == "__main__":
    main()
