"""Page speed benchmark: SQL queries per page and throughput of the production server.

Builds a throwaway copy of the demo cluster in a temporary directory, counts the SQL queries of
the home, column and article pages before and after growing the cluster, then load-tests the same
pages through uvicorn and compares them with the same HTML served as a static file.

Run from the project root:

    .venv/bin/python benchmarks/page_speed.py [--duration S] [--concurrency C] [--write-readme]

See benchmarks/README.md for what the figures mean.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import platform
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
from tqdm import tqdm

ROOT = Path(__file__).resolve().parent.parent
README = Path(__file__).resolve().parent / "README.md"
README_START, README_END = "<!-- figures:start -->", "<!-- figures:end -->"

QUERY_GOAL = 20
CITY_HOST = "www.localhost"
COUNTY_HOST = "xinzhou.localhost"
COLUMN_PATH = "/xxfb/zwdt/"
EXTRA_SITES = 20
EXTRA_ARTICLES = 1000
WARM_UP_SECONDS = 2.0
WARM_UP_REQUESTS = 200
REQUEST_TIMEOUT = 10.0
SERVER_START_TIMEOUT = 60.0
STOP_TIMEOUT = 10.0
RESERVED_PORTS = {8000}
SHAPE_LENGTH = 220


@dataclass(frozen=True)
class Target:
    """One page to measure: which site, which kind of page, and its path on that site."""

    host: str
    kind: str
    path: str


@dataclass(frozen=True)
class Repeat:
    """A query shape issued `times` times in one request; `identical` if the SQL was the same each time."""

    times: int
    identical: bool
    shape: str


@dataclass
class QueryCount:
    target: Target
    status: int
    cold: int
    warm: int
    repeated: list[Repeat] = field(default_factory=list)


@dataclass
class Scale:
    label: str
    sites: int
    articles: int
    counts: list[QueryCount]


@dataclass
class LoadResult:
    kind: str
    server: str
    ok: int
    failed: int
    seconds: float
    latencies_ms: list[float]

    @property
    def rps(self) -> float:
        return self.ok / self.seconds if self.seconds else 0.0

    def percentile(self, fraction: float) -> float:
        if not self.latencies_ms:
            return float("nan")
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


# --- Setting up the throwaway cluster -----------------------------------------------------------


def say(text: str) -> None:
    """Progress and report output, flushed at once so it interleaves with the subprocesses' output."""
    sys.stdout.write(f"{text}\n")
    sys.stdout.flush()


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=15.0, help="seconds of load per page (default 15)")
    parser.add_argument("--concurrency", type=int, default=8, help="requests in flight at once (default 8)")
    parser.add_argument("--max-requests", type=int, default=50_000, help="cap on requests per page (default 50000)")
    parser.add_argument("--write-readme", action="store_true", help="write the report into benchmarks/README.md")
    return parser.parse_args()


def free_port() -> int:
    """A free TCP port on the loopback interface, never one that another process of the project uses."""
    while True:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        if port not in RESERVED_PORTS:
            return port


def bench_env(tmp: Path) -> dict[str, str]:
    """The environment of every process of the benchmark: production settings on throwaway storage."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY="page-speed-benchmark-not-secret",  # noqa: S106 (throwaway database)
        ALLOWED_HOSTS=".localhost,localhost,127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        MEDIA_ROOT=str(tmp / "media"),
        STATIC_ROOT=str(tmp / "static"),
        STATIC_PAGES_ROOT="",
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    )
    # A shared Redis would have its cache emptied by the cold-cache measurements: stay in-process.
    env.pop("REDIS_URL", None)
    # Query counts are of rendered pages; the load test turns the whole-page cache on for its own rows.
    env["PAGE_CACHE_SECONDS"] = "0"
    env.setdefault("DATABASE_URL", f"sqlite:///{tmp / 'db.sqlite3'}")
    refuse_project_database(env["DATABASE_URL"])
    return env


def refuse_project_database(url: str) -> None:
    """Stop if DATABASE_URL names the project's own SQLite file, which the benchmark must never write."""
    import dj_database_url

    name = str(dj_database_url.parse(url).get("NAME") or "")
    if name and (ROOT / name).resolve() == (ROOT / "db.sqlite3").resolve():
        sys.exit("DATABASE_URL names the project's own db.sqlite3; point it at a throwaway database.")


def run_step(title: str, args: list[str], env: dict[str, str]) -> None:
    """Run one manage.py command; its stderr (progress bars) shows, its stdout only if it fails."""
    say(f"• {title} …")
    started = time.perf_counter()
    result = subprocess.run(  # noqa: S603 (fixed arguments)
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True, check=False
    )
    if result.returncode:
        say(result.stdout)
        raise RuntimeError(f"{title} failed with exit code {result.returncode}")
    say(f"  done in {time.perf_counter() - started:.1f} s")


def prepare_database(env: dict[str, str], port: int) -> None:
    run_step("migrate", ["migrate", "--noinput"], env)
    run_step("collectstatic", ["collectstatic", "--noinput"], env)
    run_step("seed_demo", ["seed_demo", "--port", str(port)], env)


def setup_django(env: dict[str, str]) -> None:
    """Configure Django in this process with the same environment as the subprocesses."""
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    # The production logging config sends INFO to the console; httpx would log every request.
    logging.getLogger("httpx").setLevel(logging.WARNING)


def close_database() -> None:
    """Close this process's connections, so the servers have the database to themselves."""
    from django.db import connections

    connections.close_all()


def grow_cluster(port: int) -> None:
    """Add EXTRA_SITES department sites and EXTRA_ARTICLES articles to the city's news column."""
    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import Site

    from sites.blueprints import provision_site
    from sites.enums import Blueprint
    from sites.models import ArticlePage, Organisation
    from sites.organisations import DepartmentSpec, ensure_department

    city = Organisation.objects.get(parent__isnull=True)
    for number in tqdm(range(1, EXTRA_SITES + 1), desc="extra sites", unit="site"):
        spec = DepartmentSpec(f"上饶市基准测试局{number:02d}", f"基准测试局{number:02d}", f"bench{number:02d}")
        department = ensure_department(city, spec, sort_order=100 + number)
        provision_site(department, f"bench{number:02d}.localhost", Blueprint.DEPARTMENT, port=port)

    column = Site.objects.get(hostname=CITY_HOST).root_page.get_descendants().get(url_path__endswith=COLUMN_PATH)
    now = timezone.now()
    with transaction.atomic():
        for number in tqdm(range(1, EXTRA_ARTICLES + 1), desc="extra articles", unit="page"):
            page = ArticlePage(
                title=f"基准测试文章第{number}篇",
                slug=f"bench-{number:04d}",
                source="基准测试",
                pub_date=now - timedelta(minutes=number),
                summary=f"基准测试文章第{number}篇的摘要。",
                body=f"<p>基准测试文章第{number}篇的正文。</p>",
            )
            column.add_child(instance=page)
            page.save_revision().publish()


def cluster_size() -> tuple[int, int]:
    from wagtail.models import Site

    from sites.models import ArticlePage

    return Site.objects.count(), ArticlePage.objects.live().count()


def find_targets() -> list[Target]:
    """Home, news column and first news article of the city portal and of one county portal."""
    from wagtail.models import Site

    from sites.models import ArticlePage

    targets = []
    for host in (CITY_HOST, COUNTY_HOST):
        site = Site.objects.get(hostname=host)
        column = site.root_page.get_descendants().get(url_path__endswith=COLUMN_PATH)
        article = ArticlePage.objects.live().child_of(column).order_by("path").first()
        targets += [
            Target(host, "home", "/"),
            Target(host, "column", COLUMN_PATH),
            Target(host, "article", article.relative_url(site)),
        ]
    return targets


# --- SQL queries per page -----------------------------------------------------------------------


def clear_caches() -> None:
    """Empty every cache a request could fill: Django's caches and the content type cache."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    ContentType.objects.clear_cache()


def query_shape(sql: str) -> str:
    """A short form of a query: no column list, no join conditions, literals as `?`."""
    shape = re.sub(r"^SELECT .*? FROM", "SELECT … FROM", sql, count=1, flags=re.S)
    shape = re.sub(r" ON \((?:[^()]|\([^()]*\))*\)", "", shape)
    shape = re.sub(r"'[^']*'", "?", shape)
    shape = re.sub(r"\b\d+\b", "?", shape).replace('"', "")
    shape = re.sub(r"\(\?(, \?)+\)", "(…)", shape)
    return shape if len(shape) <= SHAPE_LENGTH else shape[: SHAPE_LENGTH - 1] + "…"


def repeated_shapes(queries: list[dict]) -> list[Repeat]:
    """The query shapes issued more than once, most frequent first."""
    by_shape: dict[str, list[str]] = {}
    for query in queries:
        by_shape.setdefault(query_shape(query["sql"]), []).append(query["sql"])
    repeats = [Repeat(len(sqls), len(set(sqls)) == 1, shape) for shape, sqls in by_shape.items() if len(sqls) > 1]
    return sorted(repeats, key=lambda repeat: -repeat.times)


def count_queries(client, target: Target) -> QueryCount:
    """Queries of one page with empty caches (cold), then of the same request again (warm)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(target.path, HTTP_HOST=target.host)  # one-off writes, e.g. image renditions
    clear_caches()
    with CaptureQueriesContext(connection) as cold:
        client.get(target.path, HTTP_HOST=target.host)
    with CaptureQueriesContext(connection) as warm:
        response = client.get(target.path, HTTP_HOST=target.host)
    return QueryCount(target, response.status_code, len(cold), len(warm), repeated_shapes(warm.captured_queries))


def measure_scale(label: str, targets: list[Target]) -> Scale:
    from django.test import Client

    client = Client(raise_request_exception=False)
    sites, articles = cluster_size()
    return Scale(label, sites, articles, [count_queries(client, target) for target in targets])


# --- Load through the production server ---------------------------------------------------------


def save_static_copies(targets: list[Target], static_root: Path) -> dict[str, str]:
    """Write the HTML of each city page under STATIC_ROOT/bench/; returns its static path by kind."""
    from django.test import Client

    client = Client(raise_request_exception=False)
    folder = static_root / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for target in targets:
        response = client.get(target.path, HTTP_HOST=target.host)
        (folder / f"{target.kind}.html").write_bytes(response.content)
        paths[target.kind] = f"/static/bench/{target.kind}.html"
    return paths


def start_process(args: list[str], log: Path, env: dict[str, str]) -> subprocess.Popen:
    with log.open("wb") as out:
        return subprocess.Popen(  # noqa: S603 (fixed arguments)
            args, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def stop_process(process: subprocess.Popen) -> None:
    """Stop a server started here and its workers: SIGTERM to its process group, SIGKILL to what is left."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(STOP_TIMEOUT)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(STOP_TIMEOUT)


def wait_until_ready(process: subprocess.Popen, url: str, host: str, log: Path) -> None:
    """Poll `url` until it answers 200; fail early if the process exits or the time is up."""
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    with httpx.Client(trust_env=False, timeout=REQUEST_TIMEOUT, headers={"Host": host}) as client:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"server exited with code {process.returncode}:\n{log.read_text()[-2000:]}")
            try:
                if client.get(url).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
    raise RuntimeError(f"server did not answer {url} within {SERVER_START_TIMEOUT:.0f} s")


async def load(
    url: str, host: str, *, concurrency: int, duration: float, max_requests: int
) -> tuple[list[float], int, float]:
    """GET `url` from `concurrency` workers for `duration` seconds or until `max_requests` requests.

    Returns the latencies in ms of the 200 responses, the number of other outcomes, and the elapsed seconds.
    """
    latencies: list[float] = []
    failed = 0
    sent = 0
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(
        headers={"Host": host}, limits=limits, timeout=REQUEST_TIMEOUT, trust_env=False
    ) as client:
        started = time.perf_counter()
        deadline = started + duration

        async def worker() -> None:
            nonlocal failed, sent
            while sent < max_requests and time.perf_counter() < deadline:
                sent += 1
                begin = time.perf_counter()
                try:
                    response = await client.get(url)
                except httpx.HTTPError:
                    failed += 1
                    continue
                if response.status_code == 200:
                    latencies.append((time.perf_counter() - begin) * 1000)
                else:
                    failed += 1

        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    return latencies, failed, elapsed


def measure_load(base_url: str, host: str, paths: dict[str, str], server: str, args) -> list[LoadResult]:
    """Warm up, then load each page kind in turn."""
    results = []
    for kind, path in paths.items():
        url, concurrency = f"{base_url}{path}", args.concurrency
        asyncio.run(load(url, host, concurrency=concurrency, duration=WARM_UP_SECONDS, max_requests=WARM_UP_REQUESTS))
        latencies, failed, elapsed = asyncio.run(
            load(url, host, concurrency=concurrency, duration=args.duration, max_requests=args.max_requests)
        )
        result = LoadResult(kind, server, len(latencies), failed, elapsed, latencies)
        say(f"  {server:<28} {kind:<8} {result.rps:8.1f} req/s  p50 {result.percentile(0.5):7.1f} ms")
        results.append(result)
    return results


def nginx_config(tmp: Path, static_root: Path, port: int) -> Path:
    """A minimal nginx.conf that serves STATIC_ROOT at /static/ on a loopback port, in the foreground."""
    prefix = tmp / "nginx"
    prefix.mkdir(exist_ok=True)
    # As root, nginx would run its workers as "nobody", who cannot read the private temporary directory.
    user = "user root;\n" if os.geteuid() == 0 else ""
    conf = prefix / "nginx.conf"
    conf.write_text(
        f"""{user}daemon off;
worker_processes 2;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    types {{ text/html html; }}
    server {{
        listen 127.0.0.1:{port};
        location /static/ {{ alias {static_root}/; }}
    }}
}}
"""
    )
    return conf


# The Django rows: every request rendered, then anonymous repeat visits served by the page cache.
SERVER_VARIANTS = (("uvicorn: Django page", "0"), ("uvicorn: Django page, page cache", "600"))


def run_load_tests(
    tmp: Path, env: dict[str, str], *, pages: dict[str, str], static_paths: dict[str, str], args
) -> list[LoadResult]:
    """Load the dynamic pages and their static copies through uvicorn, and through nginx if present."""
    processes = []
    try:
        results: list[LoadResult] = []
        for server, page_cache_seconds in SERVER_VARIANTS:
            log, port = tmp / "uvicorn.log", free_port()
            uvicorn_args = ["cms.asgi:application", "--workers", "2", "--host", "127.0.0.1", "--port", str(port)]
            server_env = {**env, "PAGE_CACHE_SECONDS": page_cache_seconds}
            process = start_process(
                [sys.executable, "-m", "uvicorn", *uvicorn_args, "--no-access-log"], log, server_env
            )
            processes.append(process)
            base_url = f"http://127.0.0.1:{port}"
            say(f"• uvicorn on {base_url} (2 workers, page cache {page_cache_seconds} s) …")
            wait_until_ready(process, f"{base_url}/", CITY_HOST, log)
            results += measure_load(base_url, CITY_HOST, pages, server, args)
            if (server, page_cache_seconds) != SERVER_VARIANTS[-1]:
                stop_process(processes.pop())
        results += measure_load(base_url, CITY_HOST, static_paths, "uvicorn: whitenoise file", args)
        nginx = shutil.which("nginx")
        if nginx is None:
            say("• nginx is not on PATH: skipping the nginx baseline")
            return results
        nginx_port, log = free_port(), tmp / "nginx.log"
        conf = nginx_config(tmp, Path(env["STATIC_ROOT"]), nginx_port)
        processes.append(start_process([nginx, "-p", str(conf.parent), "-c", str(conf)], log, env))
        nginx_url = f"http://127.0.0.1:{nginx_port}"
        say(f"• nginx on {nginx_url} …")
        wait_until_ready(processes[-1], f"{nginx_url}{static_paths['home']}", CITY_HOST, log)
        return results + measure_load(nginx_url, CITY_HOST, static_paths, "nginx: file", args)
    finally:
        for process in processes:
            stop_process(process)


# --- Report -------------------------------------------------------------------------------------


def versions() -> str:
    import django
    import wagtail

    return f"Python {platform.python_version()}, Django {django.get_version()}, Wagtail {wagtail.__version__}"


def command_line() -> str:
    python = Path(sys.executable)
    shown = python.relative_to(ROOT) if python.is_relative_to(ROOT) else python
    return shlex.join([str(shown), *sys.argv])


def query_table(before: Scale, after: Scale) -> list[str]:
    lines = [
        f"| Site | Page | {before.label} cold | {before.label} warm | {after.label} cold | {after.label} warm |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for a, b in zip(before.counts, after.counts, strict=True):
        cells = [mark(a.cold), mark(a.warm), mark(b.cold), mark(b.warm)]
        lines.append(f"| {a.target.host} | {a.target.kind} `{a.target.path}` | {' | '.join(cells)} |")
    return lines


def mark(count: int) -> str:
    return f"**{count}** ⚠" if count > QUERY_GOAL else str(count)


def repeated_queries(scale: Scale) -> list[str]:
    lines = []
    for count in scale.counts:
        if count.repeated:
            lines.append(f"- {count.target.host} {count.target.kind} (warm, {count.warm} queries):")
            lines += [
                f"  - ×{r.times} {'identical' if r.identical else 'same shape'}: `{r.shape}`" for r in count.repeated
            ]
    return lines


def load_table(results: list[LoadResult]) -> list[str]:
    static = {r.kind: r.rps for r in results if r.server.startswith("uvicorn: whitenoise")}
    lines = [
        "| Page | Served by | req/s | p50 ms | p99 ms | 200 responses | failed | Django ÷ whitenoise req/s |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        is_django = r.server.startswith("uvicorn: Django page")
        ratio = f"{r.rps / static[r.kind]:.1%}" if is_django and static.get(r.kind) else ""
        lines.append(
            f"| {r.kind} | {r.server} | {r.rps:,.1f} | {r.percentile(0.5):.1f} | {r.percentile(0.99):.1f} "
            f"| {r.ok:,} | {r.failed} | {ratio} |"
        )
    return lines


def render_report(before: Scale, after: Scale, results: list[LoadResult], nginx_found: bool, args) -> str:
    today = datetime.now(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%d")
    lines = [
        f"Measured {today} (Asia/Shanghai) on a machine with `nproc` = {len(os.sched_getaffinity(0))}, "
        f"{versions()}, SQLite.",
        "",
        f"Command: `{command_line()}`",
        "",
        f"### SQL queries per page (goal: ≤ {QUERY_GOAL})",
        "",
        f"- {before.label}: the seeded demo, {before.sites} sites, {before.articles:,} live articles.",
        f"- {after.label}: {after.sites} sites, {after.articles:,} live articles "
        f"(+{EXTRA_SITES} department sites, +{EXTRA_ARTICLES:,} articles in the city's `{COLUMN_PATH}`).",
        "- cold: every cache emptied just before the request; warm: the same request again. Both are rendered",
        "  pages: the whole-page cache is off here, and a page it serves costs at most one query.",
        "",
        *query_table(before, after),
        "",
    ]
    repeats = repeated_queries(after)
    if repeats:
        lines += [
            f"Query shapes issued more than once in one warm request ({after.label}; "
            "literals as `?`, join conditions left out):",
            "",
            *repeats,
            "",
        ]
    lines += [
        f"### Throughput ({CITY_HOST}, uvicorn with 2 workers, {args.concurrency} concurrent requests, "
        f"{args.duration:g} s per row, {after.label})",
        "",
        *load_table(results),
        "",
        "The load generator (one Python process with httpx) shares the CPUs with the server and caps the file rows,",
        "which are lower bounds; the Django rows are far below that cap.",
    ]
    if not nginx_found:
        lines.append("nginx was not found on PATH, so there is no nginx row.")
    return "\n".join(lines) + "\n"


def write_readme(report: str) -> None:
    text = README.read_text(encoding="utf-8")
    start, end = text.index(README_START) + len(README_START), text.index(README_END)
    README.write_text(f"{text[:start]}\n{report}{text[end:]}", encoding="utf-8")
    say(f"• wrote the figures into {README.relative_to(ROOT)}")


def failures(scales: list[Scale], results: list[LoadResult]) -> list[str]:
    problems = [
        f"{c.target.host}{c.target.path} ({scale.label}) returned {c.status}"
        for scale in scales
        for c in scale.counts
        if c.status != 200
    ]
    problems += [f"{r.server} {r.kind}: {r.failed} responses were not 200" for r in results if r.failed]
    problems += [f"{r.server} {r.kind}: no response at all" for r in results if not r.ok]
    return problems


def exit_on_sigterm(signum: int, frame) -> None:
    """Turn SIGTERM into SystemExit, so that the servers and the temporary directory are cleaned up."""
    sys.exit(128 + signum)


def main() -> int:
    args = parse_args()
    signal.signal(signal.SIGTERM, exit_on_sigterm)
    with tempfile.TemporaryDirectory(prefix="page-speed-") as name:
        tmp = Path(name)
        env = bench_env(tmp)
        port = free_port()
        prepare_database(env, port)
        setup_django(env)
        targets = find_targets()
        say("• counting queries at the demo scale …")
        before = measure_scale("demo", targets)
        grow_cluster(port)
        say("• counting queries at the grown scale …")
        after = measure_scale("grown", targets)
        city = [target for target in targets if target.host == CITY_HOST]
        pages = {target.kind: target.path for target in city}
        static_paths = save_static_copies(city, Path(env["STATIC_ROOT"]))
        close_database()
        results = run_load_tests(tmp, env, pages=pages, static_paths=static_paths, args=args)
    report = render_report(before, after, results, shutil.which("nginx") is not None, args)
    say("\n" + report)
    if args.write_readme:
        write_readme(report)
    problems = failures([before, after], results)
    for problem in problems:
        sys.stderr.write(f"FAILED: {problem}\n")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
