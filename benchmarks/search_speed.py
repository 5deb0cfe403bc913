"""Chinese search on generated documents: the cluster's embedded engine against Wagtail's database backend.

Generates Chinese documents spread over 20 sites and, for each database (SQLite in a temporary
directory, and the PostgreSQL database named by --postgres, which it EMPTIES), indexes them with
both engines in the same run and reports indexing throughput, p50/p95 query latency for a fixed
query set, and recall and wrong hits against a substring scan of the same documents. Each
database runs in a process of its own; Wagtail's backend gets --baseline-cap seconds per query.

Run from the project root:

    nice -n 10 .venv/bin/python benchmarks/search_speed.py [--docs 100000] [--postgres URL] [--write-readme]
"""

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from contextlib import nullcontext
from datetime import UTC, datetime, timedelta
from itertools import accumulate
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "benchmarks" / "README.md"
SECTION = "## Search speed (`search_speed.py`)"
SITES = 20
BATCH = 1000
REPEAT = 2

# Government vocabulary the documents are written from, and mixed-script fragments the issue lists.
GOVERNMENT_WORDS = (  # noqa: SIM905 (a word list reads better as text)
    "电子政务 工作要点 政务公开 营商环境 乡村振兴 乡乡通 政务服务专网 一网通办 赣服通 放管服 "
    "民生实事 生态环境 安全生产 疫情防控 教育改革 医疗保障 社会保险 住房公积金 城乡规划 交通运输 "
    "农业农村 水利建设 文化旅游 招商引资 项目建设 财政预算 审计监督 应急管理 市场监管 自然资源 "
    "人民政府 办公室 通知 意见 方案 办法 规定 决定 报告 公告 实施 推进 加强 落实 开展 做好 完善 "
    "全面 深化 创新 发展 服务 管理 建设 改革 群众 企业 基层 干部 责任 制度 机制 体系 能力 水平"
).split()
# Common characters for the rest of the vocabulary: generated words of 2–4 characters, used with
# a Zipf-like frequency, so that some queries match many documents and most match few.
COMMON = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后"
    "多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还"
    "因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结"
    "解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级"
)
VOCABULARY_SIZE = 20_000


def vocabulary(rng: random.Random) -> list[str]:
    """Words by falling frequency; the government words land between ranks 20 and 5,000."""
    words = []
    while len(words) < VOCABULARY_SIZE - len(GOVERNMENT_WORDS):
        words.append("".join(rng.choice(COMMON) for _ in range(rng.randint(2, 4))))
    for word in GOVERNMENT_WORDS:
        words.insert(rng.randint(20, 5000), word)
    return words


MIXED = ("IP地址", "APP", "MOA系统", "〔2012〕39号", "OA平台", "5G基站", "12345热线", "2012年")
NUMBERS = [f"{year}年" for year in range(2005, 2027)] + [f"第{n}号" for n in range(1, 60)]
PUNCTUATION = "，。；、："


def sentence(rng: random.Random, words: list[str], weights: list[float], length: int) -> str:
    parts: list[str] = []
    while sum(map(len, parts)) < length:
        roll = rng.random()
        if roll < 0.03:
            parts.append(rng.choice(MIXED))
        elif roll < 0.08:
            parts.append(rng.choice(NUMBERS))
        elif roll < 0.18:
            parts.append(rng.choice(PUNCTUATION))
        else:
            parts.extend(rng.choices(words, cum_weights=weights, k=1))
    return "".join(parts)


def generate(count: int, seed: int = 2026) -> tuple[list[dict], list[str]]:
    rng = random.Random(seed)  # noqa: S311 (reproducible test data)
    words = vocabulary(rng)
    weights = list(accumulate(1 / rank for rank in range(1, len(words) + 1)))
    start = datetime(2010, 1, 1, tzinfo=UTC)
    rows = [
        {
            "title": sentence(rng, words, weights, rng.randint(12, 28)),
            "content": sentence(rng, words, weights, rng.randint(150, 450)),
            "site_id": 1 + number % SITES,
            "published_at": start + timedelta(hours=rng.randint(0, 16 * 365 * 24)),
        }
        for number in range(count)
    ]
    return rows, words


def query_set(documents: list[dict], words: list[str], seed: int = 7) -> list[str]:
    """50 queries: the issue's examples, vocabulary words, and phrases cut across word boundaries."""
    rng = random.Random(seed)  # noqa: S311 (reproducible test data)
    queries = ["电子政务", "工作要点", "乡乡通", "政务服务专网", "2012年", "IP地址", "APP", "MOA系统", "〔2012〕39号"]
    queries += rng.sample(GOVERNMENT_WORDS, 8) + rng.sample(words[100:2000], 8)
    while len(queries) < 50:
        text = rng.choice(documents)["content"]
        size = rng.randint(2, 6)
        start = rng.randrange(0, len(text) - size)
        fragment = text[start : start + size]
        if not re.search(r"[，。；、：]", fragment) and fragment not in queries:
            queries.append(fragment)
    return queries


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def setup_django(database_url: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.dev"
    os.environ["DATABASE_URL"] = database_url
    os.environ.pop("ELASTICSEARCH_URL", None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    call_command("migrate", "--no-input", "-v0")


class Clock:
    """Wall time and this process's CPU time (SQLite works in the process; PostgreSQL's server does not)."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def elapsed(self) -> tuple[float, float]:
        return time.perf_counter() - self.wall, time.process_time() - self.cpu


def capped(connection, seconds: float):
    """Stops any statement of `connection` that runs longer than `seconds`, with a DatabaseError."""
    from contextlib import contextmanager

    @contextmanager
    def cap():
        connection.ensure_connection()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"SET statement_timeout = {int(seconds * 1000)}")
            try:
                yield
            finally:
                with connection.cursor() as cursor:
                    cursor.execute("SET statement_timeout = 0")
        else:
            deadline = time.perf_counter() + seconds
            connection.connection.set_progress_handler(lambda: int(time.perf_counter() > deadline), 10_000)
            try:
                yield
            finally:
                connection.connection.set_progress_handler(None, 0)

    return cap()


def run_database(options) -> dict:  # noqa: C901, PLR0915
    """Index and query one database; returns its figures."""
    setup_django(options.database_url)

    from django.db import DatabaseError, connection, transaction
    from modelsearch.abstract_models import TextIDGenericRelation
    from wagtail.search import index
    from wagtail.search.backends import get_search_backend
    from wagtail.search.models import IndexEntry

    from search.analysis import normalise, parse_query, snippet
    from search.engines import Filters, get_engine
    from search.enums import SortOrder
    from search.indexing import store
    from search.models import SearchDocument

    class BaselineDocument(index.Indexed, SearchDocument):
        """The same rows, indexed by Wagtail's own database backend."""

        search_fields = [index.SearchField("title"), index.SearchField("content")]

        class Meta:
            proxy = True
            app_label = "search"

    # Wagtail gives every indexed model its index entries when the apps are ready; this one came later.
    TextIDGenericRelation(IndexEntry).contribute_to_class(BaselineDocument, "index_entries")

    engine = get_engine()
    say(f"{engine.name}: generating {options.docs:,} documents …")
    rows, words = generate(options.docs)
    queries = query_set(rows, words)
    text_chars = sum(len(row["title"]) + len(row["content"]) for row in rows)

    # Our engine: the document rows, the sites showing them and the engine's index, as a rebuild writes
    # them into a new generation, with what the engine builds once the last batch is in.
    engine.drop_generation(1)
    clock = Clock()
    engine.create_generation(1)
    for start in range(0, len(rows), BATCH):
        with transaction.atomic():
            documents = [
                SearchDocument(
                    generation=1,
                    page_id=start + offset + 1,
                    kind="articlepage",
                    kind_label="文章",
                    url="/",
                    year=row["published_at"].year,
                    **row,
                )
                for offset, row in enumerate(rows[start : start + BATCH])
            ]
            for document in documents:
                document.site_ids = [document.site_id]
            store(1, documents)
    with transaction.atomic():
        engine.complete_generation(1)
    wall, cpu = clock.elapsed()
    ours_rate, ours_cpu_rate = len(rows) / wall, len(rows) / cpu
    say(f"  {engine.name}: indexed at {ours_rate:,.0f} documents/s ({ours_cpu_rate:,.0f} per CPU second)")

    clock = Clock()
    backend = get_search_backend()
    for start in range(0, len(rows), BATCH):
        with transaction.atomic():
            backend.add_bulk(BaselineDocument, list(BaselineDocument.objects.order_by("pk")[start : start + BATCH]))
    wall, _ = clock.elapsed()
    baseline_rate = len(rows) / wall
    say(f"  {engine.name}: Wagtail's backend indexed at {baseline_rate:,.0f} documents/s")

    say(f"  {engine.name}: substring scan for the expected answers …")
    ids = list(SearchDocument.objects.order_by("pk").values_list("pk", flat=True))
    texts = [normalise(row["title"] + "\n" + row["content"]) for row in rows]
    expected = {query: {ids[n] for n, text in enumerate(texts) if normalise(query) in text} for query in queries}

    def ours(query: str, limit: int) -> set[int]:
        parsed = parse_query(query)
        hits = engine.search(parsed, Filters(1), SortOrder.RELEVANCE, 0, limit)
        if limit <= 10:
            # What a results page shows besides: the rows, with the title and a snippet marked.
            documents = SearchDocument.objects.in_bulk(hits.document_ids)
            for document in documents.values():
                snippet(document.title, parsed, width=255)
                snippet(document.content, parsed)
        return set(hits.document_ids)

    def wagtails(query: str, limit: int) -> set[int]:
        results = backend.search(query, BaselineDocument.objects.all())
        found = {document.pk for document in results[:limit]}
        results.count()
        return found

    figures = {}
    for name, run, cap in (("ours", ours, None), ("baseline", wagtails, options.baseline_cap)):
        timings, cpu_timings, complete, wrong, found_total, timed_out = [], [], 0, 0, 0, 0
        for query in queries:
            try:
                with capped(connection, cap * 5) if cap else nullcontext():
                    found = run(query, 10**7)
            except DatabaseError:
                if not cap:
                    raise
                timed_out += 1
                found = set()
            else:
                complete += expected[query] <= found
                wrong += len(found - expected[query])
                found_total += len(found)
            for _ in range(REPEAT):
                clock = Clock()
                try:
                    with capped(connection, cap) if cap else nullcontext():
                        run(query, 10)  # one page of ten results, with the total (and facets, for ours)
                except DatabaseError:
                    if not cap:
                        raise
                    timed_out += 1
                    timings.append(cap * 1000)
                else:
                    wall, cpu = clock.elapsed()
                    timings.append(wall * 1000)
                    cpu_timings.append(cpu * 1000)
        figures[name] = {
            "complete": complete,
            "wrong": wrong,
            "wrong_share": wrong / found_total if found_total else 0,
            "p50": percentile(timings, 0.5),
            "p95": percentile(timings, 0.95),
            "cpu_p50": percentile(cpu_timings, 0.5) if cpu_timings else 0,
            "cpu_p95": percentile(cpu_timings, 0.95) if cpu_timings else 0,
            "timed_out": timed_out,
        }
        say(
            f"  {engine.name}, {name}: {complete}/{len(queries)} fully answered, {wrong} wrong hits, "
            f"p50 {figures[name]['p50']:.1f} ms, p95 {figures[name]['p95']:.1f} ms (CPU of this process "
            f"{figures[name]['cpu_p50']:.1f}/{figures[name]['cpu_p95']:.1f} ms), {timed_out} stopped at the cap"
        )
    figures["ours"]["rate"], figures["ours"]["cpu_rate"] = ours_rate, ours_cpu_rate
    figures["baseline"]["rate"] = baseline_rate
    return {
        "vendor": connection.vendor,
        "docs": options.docs,
        "queries": len(queries),
        "text_chars": text_chars,
        "index_size": index_size(connection),
        "figures": figures,
        "load": os.getloadavg()[0],
    }


def segmentation(sample: int = 3000) -> str:
    """jieba against rjieba, which `search.vocabulary` uses: the same words, and how fast, on generated text."""
    import logging

    import jieba
    import rjieba

    jieba.setLogLevel(logging.WARNING)
    rows, _ = generate(sample)
    texts = [row["title"] + "。" + row["content"] for row in rows] + [" ".join(MIXED)]
    python, rust = jieba.Tokenizer(), rjieba.Jieba()
    python.initialize()
    figures = []
    for name, cut in (
        ("jieba", lambda text: list(python.cut(text, HMM=False))),
        ("rjieba", lambda text: rust.cut(text, False)),
    ):
        clock = Clock()
        words = [cut(text) for text in texts]
        figures.append((name, words, sum(map(len, texts)) / clock.elapsed()[1]))
    same = sum(left == right for left, right in zip(figures[0][1], figures[1][1], strict=True))
    return (
        f"Word segmentation (suggestions, 政务词典), {len(texts):,} generated texts: rjieba cut {same:,} of them "
        f"exactly as jieba did; jieba {figures[0][2]:,.0f} characters per CPU second, rjieba "
        f"{figures[1][2]:,.0f} ({figures[1][2] / figures[0][2]:.0f}×).\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000, help="documents to generate (10,000 for a quick run)")
    parser.add_argument("--postgres", default="", help="a THROWAWAY PostgreSQL database, emptied; none if absent")
    parser.add_argument("--no-sqlite", action="store_true", help="only the PostgreSQL database")
    parser.add_argument("--baseline-cap", type=float, default=2.0, help="seconds per Wagtail query, then stopped")
    parser.add_argument("--write-readme", action="store_true")
    parser.add_argument("--database-url", default="", help=argparse.SUPPRESS)  # one database, in a child process
    options = parser.parse_args()
    if options.database_url:
        sys.stdout.write("RESULT " + json.dumps(run_database(options)) + "\n")
        return
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    urls = [] if options.no_sqlite else [f"sqlite:///{Path(tempfile.mkdtemp(prefix='search-speed-')) / 'db.sqlite3'}"]
    if options.postgres:
        urls.append(options.postgres)
    # One database after the other, each in its own process, so neither's latencies include the other's work.
    command = [sys.executable, __file__, "--docs", str(options.docs), "--baseline-cap", str(options.baseline_cap)]
    results = []
    for url in urls:
        child = subprocess.Popen([*command, "--database-url", url], stdout=subprocess.PIPE, text=True)  # noqa: S603
        for line in child.stdout:
            if line.startswith("RESULT "):
                results.append(json.loads(line.removeprefix("RESULT ")))
            else:
                say(line.rstrip("\n"))
        if child.wait():
            sys.exit(child.returncode)
    report = render(results, started, options) + "\n" + segmentation()
    say(report)
    if options.write_readme:
        write_readme(report)


def index_size(connection) -> int | None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT SUM(LENGTH(block)) FROM search_fts_1_data")
        else:
            cursor.execute("SELECT pg_total_relation_size('search_pg_1')")
        return cursor.fetchone()[0]


def render(results: list[dict], started: str, options) -> str:
    lines = [
        f"### {options.docs:,} documents ({started}, load average {results[0]['load']:.1f} at the start)",
        "",
        f"{results[0]['queries']} queries; a query is *fully answered* when every document containing it "
        f"verbatim is found. Wagtail's backend was stopped after {options.baseline_cap:g} s per query "
        f"({options.baseline_cap * 5:g} s for the recall check), and such a query counts as unanswered.",
        "",
        "| database | engine | indexing (documents/s) | fully answered | wrong hits | p50 (ms) | p95 (ms) "
        "| CPU p50/p95 (ms) | stopped |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for result in results:
        ours, baseline = result["figures"]["ours"], result["figures"]["baseline"]
        for name, row, rate in (
            ("cluster search", ours, f"{ours['rate']:,.0f} ({ours['cpu_rate']:,.0f} per CPU s)"),
            ("Wagtail database backend", baseline, f"{baseline['rate']:,.0f}"),
        ):
            lines.append(
                f"| {result['vendor']} | {name} | {rate} | {row['complete']}/{result['queries']} | "
                f"{row['wrong']} ({row['wrong_share']:.0%}) | {row['p50']:.1f} | {row['p95']:.1f} | "
                f"{row['cpu_p50']:.1f}/{row['cpu_p95']:.1f} | {row['timed_out']} |"
            )
    lines.append("")
    for result in results:
        if result["index_size"]:
            size, text = result["index_size"], result["text_chars"] * 3
            lines.append(
                f"Index size, {result['vendor']}: {size / 2**20:.1f} MiB for {text / 2**20:.1f} MiB of text "
                f"(UTF-8), {size / text:.2f}×."
            )
            lines.append("")
    return "\n".join(lines)


def write_readme(report: str) -> None:
    """Replaces the figures of the search section with this run's."""
    text = README.read_text()
    start = text.index(SECTION)
    # The section ends at the next heading of its level or above.
    ends = [text.find(heading, start + len(SECTION)) for heading in ("\n## ", "\n# ")]
    end = min([end for end in ends if end != -1], default=-1)
    section = text[start : end if end != -1 else len(text)]
    marker = "\n### "
    head = section[: section.index(marker)] if marker in section else section
    section = head.rstrip("\n") + "\n\n" + report
    README.write_text(text[:start] + section.rstrip("\n") + "\n" + (text[end:] if end != -1 else ""))


def say(message: str) -> None:
    sys.stdout.write(f"{message}\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
