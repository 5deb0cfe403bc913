"""Site audit benchmark: the whole demo cluster audited over HTTP, and dead links compared with LinkChecker.

A throwaway cluster (temporary SQLite database and media, dev settings) is seeded with
`seed_demo --with-faults` and served by uvicorn on a free port. In the same run:

1. `audit_sites --server` audits every site: wall time and pages per second;
2. on the default site (the city portal, which carries the planted dead internal link) both our
   audit and `linkchecker` (the LinkChecker package) check the same pages, each timed; the dead
   links LinkChecker reports must all be among ours.

    .venv/bin/python benchmarks/site_audit.py [--write-readme]
"""

import argparse
import csv
import io
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import httpx

ROOT = Path(__file__).resolve().parents[1]
PYTHON = ROOT / ".venv" / "bin" / "python"
LINKCHECKER = ROOT / ".venv" / "bin" / "linkchecker"
README = ROOT / "benchmarks" / "README.md"
SECTION = "# Site audit benchmark"
DEFAULT_HOST = "www.localhost"
DEAD_CODES = ("dead_link", "dead_external_link", "dead_image", "dead_attachment")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env: dict, *args: str, capture: bool = False) -> str:
    result = subprocess.run(  # noqa: S603 (fixed arguments)
        [str(PYTHON), "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=capture, text=True
    )
    return result.stdout if capture else ""


def wait_until_up(url: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            httpx.get(url, timeout=5, trust_env=False)
            return
        except httpx.TransportError:
            time.sleep(0.5)
    raise SystemExit(f"{url} did not answer within {timeout:.0f} s")


def our_dead_links(env: dict, run_id: int) -> set[str]:
    """Targets of the dead-link findings of the city portal in run `run_id`."""
    script = (
        "from audits.models import Finding\n"
        f"rows = Finding.objects.filter(assessment__run_id={run_id}, assessment__site__hostname={DEFAULT_HOST!r},"
        f" check_code__in={DEAD_CODES!r}).values_list('message', flat=True)\n"
        "print('\\n'.join(message.split('：', 1)[1] for message in rows))"
    )
    output = manage(env, "shell", "-c", script, capture=True)
    return {line.strip() for line in output.splitlines() if line.startswith("http")}


def linkchecker_dead_links(origin: str) -> tuple[set[str], float, int]:
    """Broken URLs LinkChecker finds from `origin` (the default site), seconds taken, URLs checked."""
    started = time.monotonic()
    result = subprocess.run(  # noqa: S603 (fixed arguments)
        [str(LINKCHECKER), "--no-status", "--verbose", "--threads", "4", "-o", "csv", f"{origin}/"],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.monotonic() - started
    lines = [line for line in result.stdout.splitlines() if line and not line.startswith("#")]
    rows = [row for row in csv.DictReader(io.StringIO("\n".join(lines)), delimiter=";") if row.get("url")]
    broken = set()
    for row in rows:
        if row.get("valid") == "False":
            url = urlsplit(row["url"])
            # The default site answers on the bare address; our audit names it by its host.
            broken.add(url._replace(netloc=DEFAULT_HOST).geturl() if url.hostname == "127.0.0.1" else row["url"])
    return broken, seconds, len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write-readme", action="store_true", help="replace this benchmark's figures in the README")
    options = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="audit-bench-"))
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="cms.settings.dev",
        DATABASE_URL=f"sqlite:///{workdir / 'bench.sqlite3'}",
        MEDIA_ROOT=str(workdir / "media"),
        AUDITS_AUDIT_ON_SEED="false",
    )
    env.pop("REDIS_URL", None)
    sys.stderr.write("Seeding a throwaway cluster with planted faults…\n")
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "seed_demo", "--port", "80", "--with-faults", capture=True)
    server = subprocess.Popen(  # noqa: S603 (fixed arguments)
        [str(ROOT / ".venv" / "bin" / "uvicorn"), "cms.asgi:application", "--port", str(port), "--no-proxy-headers"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_up(f"{origin}/")
        started = time.monotonic()
        cluster = json.loads(manage(env, "audit_sites", "--server", origin, "--format", "json", capture=True))
        cluster_wall = time.monotonic() - started
        cluster_seconds = cluster["seconds"]
        pages = sum(row["pages"] for row in cluster["sites"])

        one = json.loads(
            manage(env, "audit_sites", "--server", origin, "--site", DEFAULT_HOST, "--format", "json", capture=True)
        )
        site_seconds = one["seconds"]
        ours = our_dead_links(env, one["run"])
        theirs, linkchecker_seconds, linkchecker_urls = linkchecker_dead_links(origin)
    finally:
        server.terminate()
        server.wait(10)
    missing = theirs - ours
    report = "\n".join(
        [
            SECTION,
            "",
            "`site_audit.py` audits the demo cluster seeded with `--with-faults` over HTTP (uvicorn, dev settings,",
            "SQLite, 4 concurrent fetches per site), then audits the city portal again and runs LinkChecker 10.6.0",
            "(`--threads 4`, internal links) on the same server in the same run. Command:",
            "",
            "```sh",
            ".venv/bin/python benchmarks/site_audit.py --write-readme",
            "```",
            "",
            "| measure | figure |",
            "|---|---|",
            f"| sites audited | {len(cluster['sites'])} |",
            f"| pages crawled | {pages} |",
            f"| whole cluster, run time (wall time of the command) | {cluster_seconds:.1f} s ({cluster_wall:.1f} s) |",
            f"| whole cluster, pages/s | {pages / cluster_seconds:.1f} |",
            f"| city portal: our audit, every check, cluster links included | {site_seconds:.1f} s, "
            f"{len(ours)} dead links |",
            f"| city portal: LinkChecker | {linkchecker_seconds:.1f} s, "
            f"{len(theirs)} broken, {linkchecker_urls} links reported |",
            f"| LinkChecker's broken links missing from ours | {len(missing)} {sorted(missing) if missing else ''} |",
            "",
            "Our figures are the runs' own times (`audit_sites --format json`), start-up excluded; the city",
            "portal's audit also fetches the other 16 sites' home pages it links to, which LinkChecker leaves",
            "unchecked as external. LinkChecker keeps its defaults, including its cap on requests per second",
            "to one host; ours has no cap but 4 fetches in flight per site.",
            "",
            f"Measured {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC on the shared 2-CPU machine.",
            "",
        ]
    )
    sys.stdout.write(report)
    if options.write_readme:
        text = README.read_text()
        pattern = re.compile(rf"^{re.escape(SECTION)}\n.*?(?=^# |\Z)", re.S | re.M)
        text = pattern.sub(report, text) if pattern.search(text) else f"{text.rstrip()}\n\n{report}"
        README.write_text(text)
    if missing:
        raise SystemExit("LinkChecker found broken links our audit did not.")


if __name__ == "__main__":
    main()
