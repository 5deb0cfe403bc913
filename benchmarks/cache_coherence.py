"""How long a publish made by one process stays unseen by the visitors of other worker processes.

Builds a throwaway demo cluster, serves it with uvicorn and several workers with the page cache
on, then publishes new titles from this process (as a shell, an import or the scheduler would)
and polls the article and the home page until every worker answers with the new title.

Run from the project root:

    .venv/bin/python benchmarks/cache_coherence.py [--workers 2] [--publishes 20] [--redis-url URL]
"""

import argparse
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
HOST = "xinzhou.localhost"
POLL_INTERVAL = 0.02
CONSECUTIVE_FRESH = 12  # more than the workers, so every one of them has answered fresh


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--publishes", type=int, default=20)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--redis-url", default="", help="use Redis for the cache instead of the shared files")
    options = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="coherence-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": f"sqlite:///{work / 'db.sqlite3'}",
        "CACHE_DIR": str(work / "cache"),
        "MEDIA_ROOT": str(work / "media"),
        "PAGE_CACHE_SECONDS": "600",
        "REDIS_URL": options.redis_url,
    }
    os.environ.update(env)
    say(f"Seeding a demo cluster in {work} …")
    for command in (["migrate", "--no-input", "-v0"], ["seed_demo", "--port", str(options.port)]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True)  # noqa: S603

    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    logging.getLogger("httpx").setLevel(logging.WARNING)
    from wagtail.models import Site

    from sites.models import ArticlePage

    site = Site.objects.get(hostname=HOST)
    article = ArticlePage.objects.live().descendant_of(site.root_page).filter(column_type="news").first()
    paths = ["/", article.relative_url(site)]
    command = ["uvicorn", "cms.asgi:application", "--port", str(options.port), "--workers", str(options.workers)]
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", *command, "--no-access-log"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    delays = []
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{options.port}", headers={"Host": HOST}, timeout=30) as http:
            _wait_for(http)
            for number in range(1, options.publishes + 1):
                for path in paths:
                    for _ in range(CONSECUTIVE_FRESH):
                        http.get(path)  # every worker holds the page in its cache
                title = f"缓存一致性测量第{number}次发布"
                article.title = title
                started = time.monotonic()
                article.save_revision().publish()
                delays.append(_until_fresh(http, paths, title) - started)
                say(f"  publish {number:3}: every worker fresh after {delays[-1] * 1000:7.1f} ms")
    finally:
        server.terminate()
        server.wait(30)
    cache = "Redis" if options.redis_url else "shared files"
    say(
        f"\n{options.workers} workers, cache on {cache}, {len(delays)} publishes: "
        f"p50 {statistics.median(delays) * 1000:.0f} ms, "
        f"p95 {sorted(delays)[int(len(delays) * 0.95) - 1] * 1000:.0f} ms, max {max(delays) * 1000:.0f} ms"
    )


def say(text: str) -> None:
    sys.stdout.write(f"{text}\n")
    sys.stdout.flush()


def _wait_for(http: httpx.Client) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if http.get("/").status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise SystemExit("the server did not start")


def _until_fresh(http: httpx.Client, paths: list[str], title: str) -> float:
    """The moment after which CONSECUTIVE_FRESH answers in a row, on every path, show `title`."""
    fresh_since = None
    streak = 0
    while streak < CONSECUTIVE_FRESH * len(paths):
        for path in paths:
            if title in http.get(path).text:
                fresh_since = fresh_since or time.monotonic()
                streak += 1
            else:
                fresh_since, streak = None, 0
        time.sleep(POLL_INTERVAL)
    return fresh_since


if __name__ == "__main__":
    main()
