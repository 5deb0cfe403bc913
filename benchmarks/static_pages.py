"""Published pages benchmark: nginx serving the files the app wrote, beside a plain file and the app.

Builds a throwaway demo cluster with the production settings, runs uvicorn (2 workers) behind
Debian's nginx with the deployment's own template (deploy/nginx/cluster.conf.template, TLS
included) on loopback ports, and loads the city portal's home page and an article with wrk:

- as a published page (the file the app wrote on the first visit, answered by nginx alone);
- through nginx to the app, answered by the app's whole-page cache (a query string bypasses the file);
- through nginx to the app, rendered (a second server with the page cache off);
- the same bytes as a plain file under /static/, from the same nginx.

Then it publishes a new title for each page and polls through nginx until the title appears.

Run from the project root:

    .venv/bin/python benchmarks/static_pages.py [--duration S] [--connections C] [--write-readme]

See benchmarks/README.md for what the figures mean.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import ssl
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
from page_speed import (
    CITY_HOST,
    COLUMN_PATH,
    README,
    ROOT,
    bench_env,
    close_database,
    command_line,
    free_port,
    run_step,
    say,
    setup_django,
    start_process,
    stop_process,
    versions,
    wait_until_ready,
)

TEMPLATE = ROOT / "deploy" / "nginx" / "cluster.conf.template"
README_START, README_END = "<!-- static-pages:start -->", "<!-- static-pages:end -->"
POLL_BOUND_SECONDS = 30.0
PUBLISH_TRIALS = 3
REQUEST_TIMEOUT = 10.0


@dataclass
class Row:
    kind: str
    served_by: str
    rps: float
    p50_ms: float
    p99_ms: float
    non_2xx: int
    socket_errors: int


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=6, help="seconds of wrk load per row (default 6)")
    parser.add_argument("--connections", type=int, default=32, help="wrk connections (default 32)")
    parser.add_argument("--write-readme", action="store_true", help="write the report into benchmarks/README.md")
    return parser.parse_args()


def tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/bin:/usr/local/sbin")
    if found is None:
        sys.exit(f"{name} is not installed (apt-get install nginx-light wrk openssl)")
    return found


def certificate(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "fullchain.pem", folder / "privkey.pem"
    subprocess.run(  # noqa: S603 (fixed arguments)
        [
            tool("openssl"), "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-days", "2", "-subj", f"/CN={CITY_HOST}", "-keyout", str(key), "-out", str(cert),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


def nginx_config(tmp: Path, env: dict[str, str], app_port: int, https_port: int) -> Path:
    """The deployment's template rendered for loopback ports, in an nginx.conf like the image's (2 workers)."""
    prefix = tmp / "nginx"
    prefix.mkdir()
    cert, key = certificate(prefix)
    variables = {
        "APP_UPSTREAM": f"127.0.0.1:{app_port}",
        "STATIC_ROOT": env["STATIC_ROOT"],
        "MEDIA_ROOT": env["MEDIA_ROOT"],
        "STATIC_PAGES_ROOT": env["STATIC_PAGES_ROOT"],
        "HTTP_PORT": f"127.0.0.1:{free_port()}",
        "HTTPS_PORT": f"127.0.0.1:{https_port}",
        "TLS_CERTIFICATE": str(cert),
        "TLS_CERTIFICATE_KEY": str(key),
    }
    text = TEMPLATE.read_text()
    for name, value in variables.items():
        text = text.replace(f"${{{name}}}", value)
    (prefix / "cluster.conf").write_text(text)
    user = "user root;\n" if os.geteuid() == 0 else ""
    temp_paths = "".join(f"    {kind}_temp_path {prefix / kind};\n" for kind in ("client_body", "proxy", "fastcgi"))
    temp_paths += "".join(f"    {kind}_temp_path {prefix / kind};\n" for kind in ("uwsgi", "scgi"))
    main = prefix / "nginx.conf"
    main.write_text(
        f"{user}daemon off;\nworker_processes 2;\npid {prefix / 'nginx.pid'};\n"
        f"error_log {prefix / 'error.log'} warn;\nevents {{ worker_connections 1024; }}\n"
        f"http {{\n    include /etc/nginx/mime.types;\n    default_type application/octet-stream;\n"
        f"    access_log off;\n    keepalive_requests 100000;\n{temp_paths}    include {prefix / 'cluster.conf'};\n}}\n"
    )
    return main


def wrk(url: str, args) -> tuple[float, float, float, int, int]:
    """requests/s, p50 and p99 in ms, non-2xx/3xx responses and socket errors (timeouts too) of one wrk run."""
    result = subprocess.run(  # noqa: S603 (fixed arguments)
        [
            tool("wrk"), "-t2", f"-c{args.connections}", f"-d{args.duration}s", "--timeout", "10s", "--latency",
            "-H", f"Host: {CITY_HOST}", url,
        ],
        capture_output=True,
        text=True,
        check=True,
    )  # fmt: skip
    out = result.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    socket_errors = sum(int(count) for count in errors.groups()) if errors else 0
    return rps, _latency(out, "50%"), _latency(out, "99%"), int(non_2xx.group(1)) if non_2xx else 0, socket_errors


def _latency(out: str, percentile: str) -> float:
    value, unit = re.search(rf"{percentile}\s+([\d.]+)(us|ms|s)", out).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def city_pages() -> tuple[dict[str, str], int]:
    """The city portal's home page and newest news article, by kind, and the article's id."""
    from wagtail.models import Site

    from sites.models import ArticlePage

    site = Site.objects.get(hostname=CITY_HOST)
    column = site.root_page.get_descendants().get(url_path__endswith=COLUMN_PATH)
    article = ArticlePage.objects.live().child_of(column).order_by("-pub_date").first()
    return {"home": "/", "article": article.relative_url(site)}, article.pk


def https_client(base_url: str) -> httpx.Client:
    insecure = ssl.create_default_context()
    insecure.check_hostname = False
    insecure.verify_mode = ssl.CERT_NONE
    return httpx.Client(base_url=base_url, headers={"Host": CITY_HOST}, verify=insecure, trust_env=False, timeout=30)


def wait_for_nginx(http: httpx.Client) -> None:
    deadline = time.monotonic() + REQUEST_TIMEOUT
    while True:
        try:
            http.get("/healthz")
            return
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def expect_file(http: httpx.Client, path: str) -> httpx.Response:
    """The page after a first visit, which lets the app write it: nginx must answer it from the file."""
    http.get(path)
    response = http.get(path)
    if response.status_code != 200 or response.headers.get("x-published-page") != "file":
        raise RuntimeError(f"{path} is not served from a file: {response.status_code} {dict(response.headers)}")
    return response


def publish_latencies(base_url: str, pages: dict[str, str], article_id: int) -> list[tuple[str, float, bool]]:
    """Publish a new title for the article, then poll each page through nginx until it shows.

    Returns (page kind, seconds from publish to the first response showing it, served again from a file).
    """
    from sites.models import ArticlePage

    results = []
    with https_client(base_url) as http:
        for trial in range(1, PUBLISH_TRIALS + 1):
            for path in pages.values():
                expect_file(http, path)
            article = ArticlePage.objects.get(pk=article_id)
            article.title = f"静态发布测速第{trial}次更新"
            started = time.perf_counter()
            article.save_revision().publish()
            for kind, path in pages.items():
                deadline = time.monotonic() + POLL_BOUND_SECONDS
                while article.title not in http.get(path).text and time.monotonic() < deadline:
                    time.sleep(0.02)
                seconds = time.perf_counter() - started
                http.get(path)
                refreshed = http.get(path)
                from_file = refreshed.headers.get("x-published-page") == "file" and article.title in refreshed.text
                results.append((kind, seconds, from_file))
                say(f"  publish {trial}: {kind} shows the new title after {seconds:.2f} s")
    return results


def measure(env: dict[str, str], tmp: Path, pages: dict[str, str], article_id: int, args) -> tuple[list[Row], list]:
    static = Path(env["STATIC_ROOT"]) / "bench"
    static.mkdir(parents=True)
    rows: list[Row] = []
    processes: list[subprocess.Popen] = []
    app_port, https_port = free_port(), free_port()
    base_url = f"https://127.0.0.1:{https_port}"

    def start_app(page_cache_seconds: str) -> None:
        log = tmp / f"uvicorn-{page_cache_seconds}.log"
        uvicorn = ["cms.asgi:application", "--workers", "2", "--host", "127.0.0.1", "--port", str(app_port)]
        server_env = {**env, "PAGE_CACHE_SECONDS": page_cache_seconds}
        processes.append(start_process([sys.executable, "-m", "uvicorn", *uvicorn, "--no-access-log"], log, server_env))
        wait_until_ready(processes[-1], f"http://127.0.0.1:{app_port}/", CITY_HOST, log)

    def row(kind: str, served_by: str, path: str) -> None:
        rps, p50, p99, non_2xx, socket_errors = wrk(f"{base_url}{path}", args)
        rows.append(Row(kind, served_by, rps, p50, p99, non_2xx, socket_errors))
        say(f"  {served_by:<40} {kind:<8} {rps:10,.0f} req/s  p50 {p50:7.2f} ms")

    try:
        start_app("600")
        main = nginx_config(tmp, env, app_port, https_port)
        nginx = [tool("nginx"), "-p", str(main.parent), "-c", str(main)]
        processes.append(start_process(nginx, tmp / "nginx.log", env))
        with https_client(base_url) as http:
            wait_for_nginx(http)
            for kind, path in pages.items():
                (static / f"{kind}.html").write_bytes(expect_file(http, path).content)
        for kind, path in pages.items():
            row(kind, "nginx: plain file", f"/static/bench/{kind}.html")
            row(kind, "nginx: published page", path)
            row(kind, "nginx → app: page cache", f"{path}?bench=1")
        say("• publishing, then polling through nginx …")
        latencies = publish_latencies(base_url, pages, article_id)
        stop_process(processes.pop(0))
        start_app("0")
        for kind, path in pages.items():
            row(kind, "nginx → app: rendered", f"{path}?bench=1")
        return rows, latencies
    finally:
        for process in processes:
            stop_process(process)


def load_average() -> str:
    return ", ".join(f"{value:.1f}" for value in os.getloadavg())


def render_report(rows: list[Row], latencies: list, load_before: str, load_after: str, args) -> str:
    today = datetime.now(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%d")
    nginx_version = subprocess.run(  # noqa: S603 (fixed arguments)
        [tool("nginx"), "-v"], capture_output=True, text=True, check=False
    ).stderr.strip()
    plain = {row.kind: row.rps for row in rows if row.served_by == "nginx: plain file"}
    lines = [
        f"Measured {today} (Asia/Shanghai), `nproc` = {len(os.sched_getaffinity(0))}, {versions()}, SQLite, "
        f"{nginx_version}; load average (1, 5, 15 min) {load_before} before and {load_after} after the run "
        "(the machine is shared).",
        "",
        f"Command: `{command_line()}`",
        "",
        f"wrk, 2 threads, {args.connections} connections, {args.duration} s per row, HTTPS with keep-alive, "
        f"`Host: {CITY_HOST}`, through the deployment's nginx template (2 workers); the app: uvicorn, 2 workers.",
        "",
        "| Page | Served by | req/s | p50 ms | p99 ms | non-2xx | socket errors | ÷ plain file |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in sorted(rows, key=lambda row: row.kind, reverse=True):
        ratio = f"{row.rps / plain[row.kind]:.0%}" if plain.get(row.kind) else ""
        lines.append(
            f"| {row.kind} | {row.served_by} | {row.rps:,.0f} | {row.p50_ms:.2f} | {row.p99_ms:.2f} "
            f"| {row.non_2xx} | {row.socket_errors} | {ratio} |"
        )
    worst = max(seconds for _kind, seconds, _file in latencies)
    lines += [
        "",
        f"Publish to visible through nginx ({PUBLISH_TRIALS} publishes of the article's title, each polled on "
        f"the article and the home page): at most {worst:.2f} s; "
        + ", ".join(f"{kind} {seconds:.2f} s" for kind, seconds, _file in latencies)
        + ". "
        + (
            "Every page was served from a file again right after."
            if all(from_file for *_rest, from_file in latencies)
            else "**Not every page was served from a file again right after.**"
        ),
    ]
    return "\n".join(lines) + "\n"


def write_readme(report: str) -> None:
    text = README.read_text(encoding="utf-8")
    start, end = text.index(README_START) + len(README_START), text.index(README_END)
    README.write_text(f"{text[:start]}\n{report}{text[end:]}", encoding="utf-8")
    say(f"• wrote the figures into {README.relative_to(ROOT)}")


def main() -> int:
    args = parse_args()
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    load_before = load_average()
    with tempfile.TemporaryDirectory(prefix="static-pages-") as name:
        tmp = Path(name)
        env = bench_env(tmp)
        env.update(
            STATIC_PAGES_ROOT=str(tmp / "pages"),
            PAGE_CACHE_SECONDS="600",
            CACHE_DIR=str(tmp / "cache"),
            AUDITS_AUDIT_ON_SEED="0",
            TRUSTED_PROXY_COUNT="1",
        )
        run_step("migrate", ["migrate", "--noinput"], env)
        run_step("collectstatic", ["collectstatic", "--noinput"], env)
        run_step("seed_demo", ["seed_demo", "--port", "443"], env)
        setup_django(env)
        pages, article_id = city_pages()
        close_database()
        rows, latencies = measure(env, tmp, pages, article_id, args)
    report = render_report(rows, latencies, load_before, load_average(), args)
    say("\n" + report)
    if args.write_readme:
        write_readme(report)
    failed = [f"{row.served_by} {row.kind}: {row.non_2xx} non-2xx" for row in rows if row.non_2xx]
    failed += [f"{row.served_by} {row.kind}: {row.socket_errors} socket errors" for row in rows if row.socket_errors]
    failed += [f"{kind}: not served from a file after publish" for kind, _s, from_file in latencies if not from_file]
    for problem in failed:
        sys.stderr.write(f"FAILED: {problem}\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
