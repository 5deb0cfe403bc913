"""Recall, ranking, scope, filters and facets on a Chinese corpus spread over several sites."""

import pytest

from search.analysis import normalise, parse_query
from search.engines import Filters, get_engine
from search.enums import Facet, Scope, SortOrder
from search.models import BestBet, IndexState, QueryRecord, SearchDocument
from search.service import PAGE_SIZE, SearchRequest, search
from sites.enums import ColumnType
from sites.models import Organisation, SiteProfile

from .factories import column_of, publish_article

pytestmark = pytest.mark.django_db

QUERIES = [
    "电子政务",
    "工作要点",
    "2012年",
    "乡乡通",
    "政务服务专网",
    "IP地址",
    "APP",
    "MOA系统",
    "〔2012〕39号",
    "上饶市人民政府",
    "营商环境",
    "青砖黛瓦",
]


@pytest.fixture
def corpus(city, county, indexed):
    with indexed():
        publish_article(column_of(city), "乡乡通工程建设方案", "推进乡乡通和政务服务专网建设，2012年完成。")
        publish_article(column_of(county), "乡乡村村都通了硬化路", "乡乡联网，村村通车。")
        publish_article(
            column_of(county, ColumnType.NOTICES),
            "关于IP地址管理的通知",
            "MOA系统上线，手机APP同步发布。",
            document_number="饶府厅字〔2012〕39号",
        )
        publish_article(column_of(county), "青砖黛瓦示范带建设", "", day="2025-03-01")
        publish_article(column_of(city), "城乡风貌提升", "打造青砖黛瓦示范带。", day="2026-02-01")
        publish_article(column_of(city), "青砖黛瓦示范带验收", "", day="2026-01-01")


def scan(query: str) -> set[int]:
    """The pages whose title or text contain every term of the query verbatim: what search must find."""
    generation = IndexState.get().current_generation
    terms = [normalise(part) for part in query.split()]
    found = set()
    for page_id, title, content in SearchDocument.objects.filter(generation=generation).values_list(
        "page_id", "title", "content"
    ):
        text = normalise(title + "\n" + content)
        if all(term in text for term in terms):
            found.add(page_id)
    return found


def engine_hits(query: str, **filters) -> list[int]:
    generation = IndexState.get().current_generation
    hits = get_engine().search(parse_query(query), Filters(generation, **filters), SortOrder.RELEVANCE, 0, 10_000)
    return list(SearchDocument.objects.filter(pk__in=hits.document_ids).values_list("page_id", flat=True)), hits


@pytest.mark.parametrize("query", QUERIES)
def test_recall__every_page_containing_the_query_is_found_and_no_other(corpus, query):
    expected = scan(query)
    assert expected, f"the corpus should contain {query}"
    found, hits = engine_hits(query)
    assert set(found) == expected
    assert hits.total == len(expected)


def test_recall__a_query_cut_differently_from_the_text_still_matches(corpus):
    """jieba cuts 乡乡通 into 乡乡 + 通; the bigram phrase neither misses it nor finds 乡乡…通."""
    found, _ = engine_hits("乡乡通")
    titles = set(SearchDocument.objects.filter(page_id__in=found).values_list("title", flat=True))
    assert "乡乡通工程建设方案" in titles
    assert "乡乡村村都通了硬化路" not in titles


def test_ranking__title_matches_first_then_newer_first(corpus, city, county):
    results = search(SearchRequest("青砖黛瓦", city, scope=Scope.CLUSTER), record=False)
    assert [result.document.title for result in results.results] == [
        "青砖黛瓦示范带验收",  # title, 2026-01-01
        "青砖黛瓦示范带建设",  # title, 2025-03-01
        "城乡风貌提升",  # body only, though newest
    ]


def test_sort_by_date__ignores_where_the_query_matched(corpus, city):
    results = search(SearchRequest("青砖黛瓦", city, scope=Scope.CLUSTER, sort=SortOrder.DATE), record=False)
    assert results.results[0].document.title == "城乡风貌提升"


def test_scope__this_site_by_default_the_whole_cluster_when_asked(corpus, city, county):
    on_city = search(SearchRequest("青砖黛瓦", city), record=False)
    on_county = search(SearchRequest("青砖黛瓦", county), record=False)
    cluster = search(SearchRequest("青砖黛瓦", county, scope=Scope.CLUSTER), record=False)
    assert {result.document.title for result in on_city.results} == {"青砖黛瓦示范带验收", "城乡风貌提升"}
    assert {result.document.title for result in on_county.results} == {"青砖黛瓦示范带建设"}
    assert cluster.total == 3


def test_facets__count_the_matches_by_site_organisation_kind_column_type_and_year(corpus, city, county):
    results = search(SearchRequest("青砖黛瓦", city, scope=Scope.CLUSTER), record=False)
    counts = {facet: {item.label: item.count for item in values} for facet, values in results.facets.items()}
    assert counts[Facet.SITE] == {city.site_name: 2, county.site_name: 1}
    assert counts[Facet.YEAR] == {"2026年": 2, "2025年": 1}
    assert counts[Facet.KIND] == {"文章": 3}
    assert counts[Facet.COLUMN_TYPE] == {"动态要闻": 3}
    assert sum(counts[Facet.ORGANISATION].values()) == 3


def test_filters__narrow_by_year_kind_and_column_type(corpus, city):
    def titles(**filters):
        request = SearchRequest("青砖黛瓦", city, scope=Scope.CLUSTER, **filters)
        return {result.document.title for result in search(request, record=False).results}

    assert titles(year=2025) == {"青砖黛瓦示范带建设"}
    assert titles(kind="articlepage", column_type=ColumnType.NEWS, year=2026) == {"青砖黛瓦示范带验收", "城乡风貌提升"}
    assert titles(kind="leaderpage") == set()
    assert titles(column_type="no-such-type") == set()


def test_a_title_naming_a_filter__is_not_taken_for_it(city, county, indexed):
    # A title's tokens are marked once and filters twice: "S<id>" and "Y2012" in a title are words.
    with indexed():
        publish_article(column_of(county), f"青砖黛瓦S{city.pk}型 Y2012 示范", "", day="2026-03-01")
    on_city = search(SearchRequest("青砖黛瓦", city), record=False)
    in_2012 = search(SearchRequest("青砖黛瓦", county, scope=Scope.CLUSTER, year=2012), record=False)
    on_county = search(SearchRequest(f"S{city.pk}型", county), record=False)
    assert on_city.total == 0
    assert in_2012.total == 0
    assert [result.document.title for result in on_county.results] == [f"青砖黛瓦S{city.pk}型 Y2012 示范"]


def test_organisation_filter__includes_the_organisations_below_it(city, indexed):
    government = SiteProfile.for_site(city).organisation
    department = Organisation.objects.filter(parent=government).first()
    with indexed():
        publish_article(column_of(city), "部门发布的青砖黛瓦通知", organisation=department)
    below = search(SearchRequest("青砖黛瓦", city, organisation_id=government.pk), record=False)
    own = search(SearchRequest("青砖黛瓦", city, organisation_id=department.pk), record=False)
    assert [result.document.title for result in below.results] == ["部门发布的青砖黛瓦通知"]
    assert [result.document.title for result in own.results] == ["部门发布的青砖黛瓦通知"]


def test_pagination__pages_of_ten_and_a_page_past_the_end_shows_the_last(city, indexed):
    with indexed():
        for number in range(PAGE_SIZE + 3):
            publish_article(column_of(city), f"分页测试稿件第{number}号", day=f"2026-01-{number + 1:02d}")
    first = search(SearchRequest("分页测试", city), record=False)
    beyond = search(SearchRequest("分页测试", city, page=99), record=False)
    assert (first.total, first.num_pages, len(first.results)) == (13, 2, 10)
    assert (beyond.page, len(beyond.results)) == (2, 3)
    assert {result.document.pk for result in first.results}.isdisjoint(
        {result.document.pk for result in beyond.results}
    )


def test_best_bets__pinned_per_site_and_query_come_first(corpus, city, county):
    pinned = SearchDocument.objects.get(title="青砖黛瓦示范带建设")
    BestBet.objects.create(site=city, query="青砖黛瓦", page_id=pinned.page_id)
    on_city = search(SearchRequest("青砖黛瓦", city), record=False)
    on_county_other_query = search(SearchRequest("示范带", county), record=False)
    assert [result.document.title for result in on_city.best_bets] == ["青砖黛瓦示范带建设"]
    assert on_county_other_query.best_bets == []


def test_query_records__count_searches_and_zero_results_per_site(city):
    search(SearchRequest("电子政务", city))
    search(SearchRequest("电子政务", city))
    search(SearchRequest("没有这样的内容呀", city))
    records = {record.query: (record.searches, record.zero_results) for record in QueryRecord.objects.filter(site=city)}
    assert records == {"电子政务": (2, 0), "没有这样的内容呀": (1, 1)}


def test_demo__the_issues_example_is_found_by_its_parts(city):
    for query in ("电子政务", "电子政务工作要点", "2012年全市电子政务工作要点", "工作要点"):
        results = search(SearchRequest(query, city), record=False)
        titles = [result.document.title for result in results.best_bets + results.results]
        assert "关于印发2012年全市电子政务工作要点的通知" in titles, query


def test_many_matches__the_newest_are_read_and_the_total_says_more_matched(city, indexed, monkeypatch, client):
    # A search reads at least a page (10) of matches: with a limit below it, a page is what is read.
    monkeypatch.setattr("search.engines.base.MATCH_LIMIT", 4)
    with indexed():
        for number in range(PAGE_SIZE + 2):
            publish_article(column_of(city), f"限量读取稿件第{number}号", day=f"2026-03-{number + 1:02d}")
    results = search(SearchRequest("限量读取", city, sort=SortOrder.DATE), record=False)
    assert (results.total, results.total_exact, results.num_pages) == (PAGE_SIZE, False, 1)
    newest = [f"限量读取稿件第{n}号" for n in range(PAGE_SIZE + 1, 1, -1)]
    assert [result.document.title for result in results.results] == newest
    assert sum(item.count for item in results.facets[Facet.YEAR]) == PAGE_SIZE
    page = client.get("/search/", {"q": "限量读取"}, HTTP_HOST="www.localhost")
    assert f"找到超过 {PAGE_SIZE} 条" in page.content.decode()
    body = client.get("/api/search/", {"q": "限量读取"}, HTTP_HOST="www.localhost").json()
    assert (body["total"], body["total_exact"]) == (PAGE_SIZE, False)


def test_matches_years_apart__the_newest_are_read_first_and_rare_ones_all_found(city, indexed, monkeypatch):
    # An engine may read the newest matches a stretch of time after another: spread over two
    # decades, out of order, they still come newest first, and a few old ones are all found.
    monkeypatch.setattr("search.engines.base.MATCH_LIMIT", 4)
    years = [2019, 2005, 2026, 2011, 2023, 2008, 2016, 2025, 2013, 2021, 2006, 2024, 2010, 2018]
    with indexed():
        for number, year in enumerate(years):
            publish_article(
                column_of(city),
                f"跨年稿件{number}",
                f"正文提到远近跨年检索{number}。",
                day=f"{year}-06-0{1 + number % 9}",
            )
        for year in (2007, 2015):
            publish_article(column_of(city), f"旧年稿件{year}", "只有两篇提到稀有旧闻。", day=f"{year}-02-03")
    results = search(SearchRequest("远近跨年检索", city, sort=SortOrder.DATE), record=False)
    assert (results.total, results.total_exact) == (PAGE_SIZE, False)
    newest = sorted(range(len(years)), key=lambda number: -years[number])[:PAGE_SIZE]
    assert [result.document.title for result in results.results] == [f"跨年稿件{number}" for number in newest]
    rare = search(SearchRequest("稀有旧闻", city, sort=SortOrder.DATE), record=False)
    assert (rare.total, rare.total_exact) == (2, True)
    assert [result.document.title for result in rare.results] == ["旧年稿件2015", "旧年稿件2007"]
