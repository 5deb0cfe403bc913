"""How many legacy lines per second `import_content` imports, against the one-page-at-a-time publish it replaced.

Builds a throwaway demo cluster on SQLite, generates legacy JSON Lines (20-paragraph bodies with a
table, two tags, a PDF attachment on one line in four, one bad line in a hundred), then imports:

- the baseline: each line parsed the same way, then published as before issue 5 — `add_child`,
  a revision, its publish and the fan-out for every page (measured at 27 lines/s then);
- `import_content` itself, as an operator runs it.

Run from the project root:

    .venv/bin/python benchmarks/import_speed.py [--lines 2000] [--baseline-lines 200] [--write-readme]
"""

import argparse
import io
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "benchmarks" / "README.md"
SITES = ("xinzhou.localhost", "guangfeng.localhost", "www.localhost")
COLUMNS = ("xxfb/zwdt", "zwgk/tzgg")
BODY = "<p>为进一步做好城市管理工作，现将有关事项通知如下。</p>" * 20 + (
    '<table><tr><th>事项</th><th>责任单位</th></tr><tr><td style="text-align: center">市容整治</td>'
    "<td>城管局</td></tr></table>"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=2000, help="lines imported by import_content")
    parser.add_argument("--baseline-lines", type=int, default=200, help="lines published one by one")
    parser.add_argument("--write-readme", action="store_true", help="replace the figures in benchmarks/README.md")
    options = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="import-speed-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": f"sqlite:///{work / 'db.sqlite3'}",
        "CACHE_DIR": str(work / "cache"),
        "MEDIA_ROOT": str(work / "media"),
        "REDIS_URL": "",
    }
    os.environ.update(env)
    say(f"Seeding a demo cluster in {work} …")
    for command in (["migrate", "--no-input", "-v0"], ["seed_demo"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True)  # noqa: S603

    sys.path.insert(0, str(ROOT))
    import django

    django.setup()

    baseline_file = write_legacy_file(work / "baseline", options.baseline_lines, "基线")
    import_file = write_legacy_file(work / "import", options.lines, "导入")

    say(f"Baseline: publishing {options.baseline_lines} lines one by one …")
    baseline = timed(lambda: publish_one_by_one(baseline_file))
    say(f"import_content: {options.lines} lines …")
    optimised = timed(lambda: run_import_content(import_file))

    rows = [
        ("before: `add_child`, revision, publish and fan-out per line", options.baseline_lines, *baseline),
        ("`import_content`", options.lines, *optimised),
    ]
    figures = render(rows)
    say(figures)
    if options.write_readme:
        text = README.read_text(encoding="utf-8")
        text = re.sub(
            r"<!-- import-figures:start -->.*<!-- import-figures:end -->",
            lambda _match: f"<!-- import-figures:start -->\n{figures}\n<!-- import-figures:end -->",
            text,
            flags=re.DOTALL,
        )
        README.write_text(text, encoding="utf-8")
        say(f"Figures written to {README.relative_to(ROOT)}")


def write_legacy_file(directory: Path, count: int, prefix: str) -> Path:
    (directory / "files").mkdir(parents=True)
    for number in range(10):
        (directory / "files" / f"附件{number}.pdf").write_bytes(b"%PDF-1.4 " + str(number).encode() * 2000)
    path = directory / "legacy.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for number in range(count):
            item = {
                "site": SITES[number % len(SITES)],
                "column": COLUMNS[number % len(COLUMNS)],
                "title": f"{prefix}文章{number}：关于做好城市管理工作的通知",
                "body_html": BODY,
                "published_at": f"20{10 + number % 14}-{1 + number % 12:02}-{1 + number % 28:02}T09:30:00+08:00",
                "source": "区政府办公室",
                "author": "张三",
                "tags": ["城市管理", f"专题{number % 7}"],
                "attachments": [f"files/附件{number % 10}.pdf"] if number % 4 == 0 else [],
            }
            if number % 100 == 99:
                item["published_at"] = "0001-01-01T00:00:00+08:00"
            handle.write(json.dumps(item, ensure_ascii=False) + "\n")
    return path


def publish_one_by_one(path: Path) -> None:
    """The import as it was: the same parsing, then Wagtail's editor path for every page."""
    from django.core.files.base import ContentFile
    from django.db import transaction
    from wagtail.documents import get_document_model

    from cms.blocks import legacy_html_body
    from sites.importing import LineError, LineParser
    from sites.models import ArticleAttachment, ArticlePage, SiteProfile

    parser = LineParser(path.parent)
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                article = parser.parse(raw, number)
            except LineError:
                continue
            with transaction.atomic():
                page = ArticlePage(
                    title=article.title,
                    slug=f"{article.published_at:%Y%m%d}-{article.import_key[:12]}",
                    source=article.source,
                    author=article.author,
                    pub_date=article.published_at,
                    body=legacy_html_body(article.body_html),
                    import_key=article.import_key,
                )
                page.tags.add(*article.tags)
                collection = SiteProfile.for_site(article.site).collection
                for sort_order, attachment in enumerate(article.attachments):
                    document = get_document_model()(title=attachment.name, collection=collection)
                    document.file.save(attachment.name, ContentFile(attachment.content), save=False)
                    document.save()
                    page.attachments.add(
                        ArticleAttachment(document=document, title=attachment.name, sort_order=sort_order)
                    )
                article.column.add_child(instance=page)
                page.save_revision().publish()
                ArticlePage.objects.filter(pk=page.pk).update(first_published_at=article.published_at)


def run_import_content(path: Path) -> None:
    from django.core.management import call_command

    call_command("import_content", str(path), verbosity=0, stdout=io.StringIO(), stderr=io.StringIO())


def timed(work) -> tuple[float, float]:
    """Wall-clock and CPU seconds of `work` (CPU shows the cost apart from other load on the machine)."""
    started, cpu_started = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - started, time.process_time() - cpu_started


def render(rows: list[tuple[str, int, float, float]]) -> str:
    import django
    import wagtail

    lines = [
        f"Measured {datetime.now():%Y-%m-%d} (Asia/Shanghai) on a machine with `nproc` = {os.cpu_count()}, "
        f"Python {platform.python_version()}, Django {django.get_version()}, Wagtail {wagtail.__version__}, SQLite "
        f"(dev settings). Load average at the end: {os.getloadavg()[0]:.1f}.",
        "",
        "Command: `.venv/bin/python benchmarks/import_speed.py --write-readme`",
        "",
        "| Path | lines | wall s | lines/s | CPU s | lines per CPU-second |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for label, count, wall, cpu in rows:
        lines.append(f"| {label} | {count:,} | {wall:.1f} | {count / wall:.0f} | {cpu:.1f} | {count / cpu:.0f} |")
    (_, base_count, base_wall, base_cpu), (_, count, wall, cpu) = rows
    lines += [
        "",
        f"Speed-up: {(count / wall) / (base_count / base_wall):.1f}× in wall-clock time, "
        f"{(count / cpu) / (base_count / base_cpu):.1f}× in CPU time. "
        "The issue measured the old path at 27 lines/s; the goal is 500 lines/s.",
    ]
    return "\n".join(lines)


def say(text: str) -> None:
    sys.stdout.write(f"{text}\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
