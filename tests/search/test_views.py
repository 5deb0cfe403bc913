"""The search page of each site and the JSON API, including hostile input: never a 500."""

from http import HTTPStatus

import pytest

from search.models import QueryRecord

pytestmark = pytest.mark.django_db

DEMO_TITLE = "关于印发2012年全市电子政务工作要点的通知"
# The city portal's pages on 电子政务: the 2012 notice and its 政策解读.
DEMO_MATCHES = 2


def test_search_page__lists_highlighted_results_of_the_requesting_site(client):
    response = client.get("/search/", {"q": "电子政务"}, HTTP_HOST="www.localhost")
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "<mark>电子政务</mark>" in html
    assert f"找到 {DEMO_MATCHES} 条" in html


def test_search_page__another_site_finds_it_only_in_cluster_scope(client):
    own = client.get("/search/", {"q": "电子政务"}, HTTP_HOST="xinzhou.localhost").content.decode()
    cluster = client.get("/search/", {"q": "电子政务", "scope": "cluster"}, HTTP_HOST="xinzhou.localhost")
    assert "没有找到相关信息" in own
    assert "<mark>电子政务</mark>" in cluster.content.decode()


def test_search_page__without_a_query_shows_the_form_only(client):
    response = client.get("/search/", HTTP_HOST="www.localhost")
    assert response.status_code == HTTPStatus.OK
    assert 'name="q"' in response.content.decode()
    assert not QueryRecord.objects.exists()


def test_api__answers_results_facets_and_pages(client):
    response = client.get("/api/search/", {"q": "电子政务 工作要点", "scope": "cluster"}, HTTP_HOST="www.localhost")
    assert response.status_code == HTTPStatus.OK
    body = response.json()
    assert body["total"] == DEMO_MATCHES
    notice = next(result for result in body["results"] if result["title"] == DEMO_TITLE)
    assert notice["url"].endswith("/")
    assert {"text": "电子政务", "hit": True} in notice["title_fragments"]
    assert body["facets"]["year"] == [{"value": "2012", "label": "2012年", "count": DEMO_MATCHES}]
    assert set(body["facets"]) == {"site", "org", "kind", "column_type", "year"}


def test_api__site_parameter_picks_the_site_searched(client):
    from wagtail.models import Site

    city = Site.objects.get(is_default_site=True)
    response = client.get("/api/search/", {"q": "电子政务", "site": city.pk}, HTTP_HOST="xinzhou.localhost")
    assert response.json()["total"] == DEMO_MATCHES


HOSTILE_QUERIES = [
    ("", "请输入检索词"),
    ("年", "至少需要两个字"),
    ("政" * 1000, "检索词过长"),
    ("电子\x00政务", "无法识别的字符"),
    ('" * : - ( ) OR NEAR AND', None),
    ("NEAR(电子 政务)", None),
    ('电子政务" OR "1"="1', None),
    ("'; DROP TABLE search_searchdocument; --", None),
    ("电子政务*", None),
    ("<script>alert(1)</script>", None),
]


@pytest.mark.parametrize(("query", "message"), HOSTILE_QUERIES)
def test_api__hostile_queries_get_a_chinese_message_or_results_never_a_500(client, query, message):
    response = client.get("/api/search/", {"q": query}, HTTP_HOST="www.localhost")
    if message:
        assert response.status_code == HTTPStatus.BAD_REQUEST
        assert message in response.json()["error"]
    else:
        assert response.status_code == HTTPStatus.OK
        assert isinstance(response.json()["results"], list)


@pytest.mark.parametrize(("query", "message"), HOSTILE_QUERIES)
def test_search_page__hostile_queries_are_answered_never_a_500(client, query, message):
    response = client.get("/search/", {"q": query}, HTTP_HOST="www.localhost")
    assert response.status_code == HTTPStatus.OK
    if message and query.strip():
        assert message in response.content.decode()


@pytest.mark.parametrize("raw", ["%00", "%ED%A0%80", "%FF%FE", "%E7%94%B5%E5%AD%90%00", "%F0%9F%98%80%F0%9F%98%80"])
def test_search_page__undecodable_bytes_and_nul_in_the_url_are_answered(client, raw):
    for path in ("/search/", "/api/search/"):
        response = client.get(f"{path}?q={raw}", HTTP_HOST="www.localhost")
        assert response.status_code in {HTTPStatus.OK, HTTPStatus.BAD_REQUEST}


def test_search_page__html_in_the_query_is_reflected_escaped(client):
    response = client.get("/search/", {"q": "<script>alert(1)</script>电子"}, HTTP_HOST="www.localhost")
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;电子" in html


@pytest.mark.parametrize(
    "params",
    [
        {"kind": "<b>x</b>"},
        {"kind": "nosuchkind"},
        {"org": "abc"},
        {"org": "99999999"},
        {"org": "-1"},
        {"year": "9999"},
        {"year": "二〇一二"},
        {"site": "abc"},
        {"site": "999999"},
        {"scope": "universe"},
        {"sort": "random"},
        {"page": "0"},
        {"page": "-5"},
        {"page": "x"},
        {"page": "999999999999999999999"},
        {"column_type": "../../etc"},
    ],
)
def test_api__unknown_or_malformed_parameters_are_ignored_or_empty(client, params):
    response = client.get("/api/search/", {"q": "电子政务", **params}, HTTP_HOST="www.localhost")
    assert response.status_code == HTTPStatus.OK
    assert response.json()["total"] in {0, DEMO_MATCHES}
    page = client.get("/search/", {"q": "电子政务", **params}, HTTP_HOST="www.localhost")
    assert page.status_code == HTTPStatus.OK


def test_api__a_page_out_of_range_answers_the_last_page(client):
    body = client.get("/api/search/", {"q": "全市电子政务", "page": "50"}, HTTP_HOST="www.localhost").json()
    assert (body["page"], body["num_pages"], len(body["results"])) == (1, 1, DEMO_MATCHES)


def test_suggest__completes_from_the_titles_found(client):
    body = client.get("/api/search/suggest/", {"q": "电子"}, HTTP_HOST="www.localhost").json()
    assert "电子政务" in body["suggestions"]


def test_suggest__hostile_input_gives_no_suggestions(client):
    for query in ("", "\x00", "年", "x" * 500):
        response = client.get("/api/search/suggest/", {"q": query}, HTTP_HOST="www.localhost")
        assert response.status_code == HTTPStatus.OK
        assert response.json() == {"suggestions": []}


def test_search_page__is_never_served_from_the_page_cache(client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    first = client.get("/search/", {"q": "电子政务"}, HTTP_HOST="www.localhost")
    second = client.get("/search/", {"q": "工作要点"}, HTTP_HOST="www.localhost")
    assert "private" in first["Cache-Control"]
    assert "<mark>工作要点</mark>" in second.content.decode()
