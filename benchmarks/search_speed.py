"""Chinese search on generated documents: the cluster's embedded engine against Wagtail's database backend.

Builds a throwaway database (SQLite in a temporary directory, or the PostgreSQL database named by
--database-url, which it empties), generates Chinese documents spread over 20 sites, indexes them
with both engines in the same run, and reports indexing throughput, p50/p95 query latency for a
fixed query set, and recall and wrong hits against a substring scan of the same documents.

Run from the project root:

    .venv/bin/python benchmarks/search_speed.py [--documents 100000] [--database-url URL] [--write-readme]
"""

import argparse
import os
import random
import re
import sys
import tempfile
import time
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


def main() -> None:  # noqa: PLR0915
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument(
        "--database-url", default="", help="a THROWAWAY database; SQLite in a temporary folder if absent"
    )
    parser.add_argument("--write-readme", action="store_true")
    options = parser.parse_args()
    database_url = options.database_url or f"sqlite:///{Path(tempfile.mkdtemp(prefix='search-speed-')) / 'db.sqlite3'}"
    setup_django(database_url)

    from django.db import connection, transaction
    from wagtail.search import index
    from wagtail.search.backends import get_search_backend

    from search.analysis import normalise, parse_query
    from search.engines import Filters, get_engine
    from search.enums import SortOrder
    from search.models import SearchDocument

    class BaselineDocument(index.Indexed, SearchDocument):
        """The same rows, indexed by Wagtail's own database backend."""

        search_fields = [index.SearchField("title"), index.SearchField("content")]

        class Meta:
            proxy = True
            app_label = "search"

    engine = get_engine()
    say(f"{engine.name}: generating {options.documents:,} documents …")
    rows, words = generate(options.documents)
    queries = query_set(rows, words)
    text_chars = sum(len(row["title"]) + len(row["content"]) for row in rows)

    # Our engine: the document rows and the engine's index, as indexing writes them.
    started = time.perf_counter()
    for start in range(0, len(rows), BATCH):
        with transaction.atomic():
            documents = SearchDocument.objects.bulk_create(
                [
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
            )
            engine.add(1, documents)
    ours_rate = len(rows) / (time.perf_counter() - started)
    say(f"  indexed at {ours_rate:,.0f} documents/s")

    started = time.perf_counter()
    backend = get_search_backend()
    for start in range(0, len(rows), BATCH):
        with transaction.atomic():
            backend.add_bulk(BaselineDocument, list(BaselineDocument.objects.order_by("pk")[start : start + BATCH]))
    baseline_rate = len(rows) / (time.perf_counter() - started)
    say(f"  Wagtail's backend indexed at {baseline_rate:,.0f} documents/s")

    say("  substring scan for the expected answers …")
    ids = list(SearchDocument.objects.order_by("pk").values_list("pk", flat=True))
    texts = [normalise(row["title"] + "\n" + row["content"]) for row in rows]
    expected = {query: {ids[n] for n, text in enumerate(texts) if normalise(query) in text} for query in queries}

    def ours(query: str, limit: int) -> tuple[set[int], int]:
        hits = engine.search(parse_query(query), Filters(1), SortOrder.RELEVANCE, 0, limit)
        return set(hits.document_ids), hits.total

    def wagtails(query: str, limit: int) -> tuple[set[int], int]:
        results = backend.search(query, BaselineDocument.objects.all())
        return {document.pk for document in results[:limit]}, results.count()

    figures = {}
    for name, run in (("cluster search (bigram phrases)", ours), ("Wagtail database backend", wagtails)):
        timings, complete, wrong, found_total = [], 0, 0, 0
        for query in queries:
            found, _ = run(query, 10**7)
            complete += expected[query] <= found
            wrong += len(found - expected[query])
            found_total += len(found)
            for _ in range(REPEAT):
                started = time.perf_counter()
                run(query, 10)  # one page of ten results, with the total (and facets, for ours)
                timings.append((time.perf_counter() - started) * 1000)
        figures[name] = {
            "complete": complete,
            "wrong": wrong,
            "wrong_share": wrong / found_total if found_total else 0,
            "p50": percentile(timings, 0.5),
            "p95": percentile(timings, 0.95),
        }
        say(
            f"  {name}: {complete}/{len(queries)} fully answered, {wrong} wrong hits, "
            f"p50 {figures[name]['p50']:.1f} ms, p95 {figures[name]['p95']:.1f} ms"
        )

    size = index_size(connection)
    report = render(
        options.documents, connection.vendor, text_chars, (ours_rate, baseline_rate), figures, size, len(queries)
    )
    say(report)
    if options.write_readme:
        write_readme(connection.vendor, report)


def index_size(connection) -> int | None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT SUM(LENGTH(block)) FROM search_fts_1_data")
        else:
            cursor.execute("SELECT pg_total_relation_size('search_pg_1')")
        return cursor.fetchone()[0]


def render(count, vendor, text_chars, rates, figures, size, query_count) -> str:  # noqa: PLR0917
    ours_rate, baseline_rate = rates
    ours, baseline = figures["cluster search (bigram phrases)"], figures["Wagtail database backend"]
    lines = [
        f"### {vendor}, {count:,} documents ({time.strftime('%Y-%m-%d')})",
        "",
        f"{query_count} queries; a query is *fully answered* when every document containing it verbatim is found.",
        "",
        "| engine | indexing (documents/s) | fully answered | wrong hits | p50 (ms) | p95 (ms) |",
        "|---|---|---|---|---|---|",
        f"| cluster search (bigram phrases) | {ours_rate:,.0f} | {ours['complete']}/{query_count} | "
        f"{ours['wrong']} ({ours['wrong_share']:.0%}) | {ours['p50']:.1f} | {ours['p95']:.1f} |",
        f"| Wagtail database backend (baseline) | {baseline_rate:,.0f} | {baseline['complete']}/{query_count} | "
        f"{baseline['wrong']} ({baseline['wrong_share']:.0%}) | {baseline['p50']:.1f} | {baseline['p95']:.1f} |",
        "",
        f"Index size of the cluster engine: {size / 2**20:.1f} MiB for {text_chars * 3 / 2**20:.1f} MiB of text "
        f"(UTF-8), {size / (text_chars * 3):.2f}×."
        if size
        else "",
    ]
    return "\n".join(lines) + "\n"


def write_readme(vendor: str, report: str) -> None:
    text = README.read_text()
    start = text.index(SECTION)
    end = text.find("\n## ", start + len(SECTION))
    section = text[start : end if end != -1 else len(text)]
    marker = f"### {vendor},"
    if marker in section:
        before, _, rest = section.partition(marker)
        after = rest[rest.find("\n### ") + 1 :] if "\n### " in rest else ""
        section = before + report + ("\n" + after if after else "")
    else:
        section = section.rstrip("\n") + "\n\n" + report
    README.write_text(text[:start] + section.rstrip("\n") + "\n" + (text[end:] if end != -1 else ""))


def say(message: str) -> None:
    sys.stdout.write(f"{message}\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
