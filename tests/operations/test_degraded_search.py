"""Elasticsearch configured but down (a port nothing listens on): search answers from the database's engine.

The page and the API say so, /readyz names search as degraded and stays ready, and a page published
meanwhile is still found. No 500 anywhere.
"""

import io
from http import HTTPStatus

import pytest
from django.core.management import CommandError, call_command

from search import indexing
from search.engines import get_engine
from search.models import IndexState
from search.service import DEGRADED_NOTICE
from sites.models import ArticlePage
from tests.servers import free_port

pytestmark = pytest.mark.django_db

HOST = "www.localhost"
QUERY = {"q": "电子政务", "scope": "cluster"}


@pytest.fixture
def elasticsearch_down(settings):
    settings.SEARCH_ELASTICSEARCH_URL = f"http://127.0.0.1:{free_port()}"
    return settings.SEARCH_ELASTICSEARCH_URL


def test_api__answers_the_embedded_engine_s_results_with_a_notice(client, settings):
    healthy = client.get("/api/search/", QUERY, HTTP_HOST=HOST).json()
    assert healthy["degraded"] is False
    assert healthy["notice"] == ""
    settings.SEARCH_ELASTICSEARCH_URL = f"http://127.0.0.1:{free_port()}"

    response = client.get("/api/search/", QUERY, HTTP_HOST=HOST)

    assert response.status_code == HTTPStatus.OK
    body = response.json()
    assert body["degraded"] is True
    assert body["notice"] == DEGRADED_NOTICE
    assert body["total"] == healthy["total"] >= 1
    assert [result["url"] for result in body["results"]] == [result["url"] for result in healthy["results"]]
    assert body["facets"] == healthy["facets"]


def test_search_page__shows_the_results_and_a_visible_chinese_notice(client, elasticsearch_down):
    response = client.get("/search/", QUERY, HTTP_HOST=HOST)
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert f'<p class="search-notice" role="status">{DEGRADED_NOTICE}</p>' in html
    assert "<mark>电子政务</mark>" in html
    # Later searches of this process skip the server that just failed, and still say so.
    assert not get_engine().primary_available()
    assert DEGRADED_NOTICE in client.get("/search/", {"q": "工作要点"}, HTTP_HOST=HOST).content.decode()


def test_suggestions_and_hostile_queries__answer_without_elasticsearch(client, elasticsearch_down):
    assert client.get("/api/search/suggest/", {"q": "电子"}, HTTP_HOST=HOST).status_code == HTTPStatus.OK
    assert client.get("/api/search/", {"q": "\x00"}, HTTP_HOST=HOST).status_code == HTTPStatus.BAD_REQUEST
    assert client.get("/search/", {"q": "a" * 500}, HTTP_HOST=HOST).status_code == HTTPStatus.OK


def test_readyz__names_search_degraded_and_stays_ready(client, elasticsearch_down):
    response = client.get("/readyz")
    assert response.status_code == HTTPStatus.OK
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["search"] == {
        "ok": False,
        "degraded": True,
        "error": "URLError",
        "ms": body["checks"]["search"]["ms"],
    }
    assert all(body["checks"][name]["ok"] for name in ("database", "cache", "channel_layer"))


def test_a_page_published_while_elasticsearch_is_down_is_found(client, elasticsearch_down):
    article = ArticlePage.objects.live().filter(title__contains="电子政务").first()
    article.title = "降级期间发布的甲乙丙丁通报"
    article.save_revision().publish()
    indexing.index_pages([article.pk])

    body = client.get("/api/search/", {"q": "甲乙丙丁", "scope": "cluster"}, HTTP_HOST=HOST).json()
    assert body["degraded"] is True
    assert [result["title"] for result in body["results"]] == ["降级期间发布的甲乙丙丁通报"]


def test_rebuild__refuses_while_elasticsearch_is_down_and_leaves_the_index_searched(client, elasticsearch_down):
    generation = IndexState.get().current_generation
    with pytest.raises(CommandError, match="Elasticsearch 不可用"):
        call_command("rebuild_search_index", stdout=io.StringIO(), stderr=io.StringIO())
    assert IndexState.get().current_generation == generation
    assert client.get("/api/search/", QUERY, HTTP_HOST=HOST).json()["total"] >= 1
