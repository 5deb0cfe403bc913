"""The Elasticsearch engine's index definition and request bodies, checked without a server.

No Elasticsearch server can run where these tests run, so they pin down exactly what the engine
would send: mappings and analysis that need no plugin, and queries that match as the embedded
engines do (each term a phrase of the same tokens in the title or the text).
"""

from datetime import UTC, datetime

import pytest
from django.test import override_settings

from search.analysis import parse_query
from search.engines import Filters
from search.engines.elastic import build_search, index_definition, source
from search.enums import SortOrder
from search.models import SearchDocument

pytestmark = pytest.mark.django_db

BUILT_IN_TOKENIZERS = {"whitespace", "standard", "keyword"}


@override_settings(SEARCH_ELASTICSEARCH_INDEX="cluster-search", SEARCH_ELASTICSEARCH_REPLICAS=0)
def test_index__mapping_uses_only_built_in_analysis():
    body = index_definition(3).to_dict()
    assert index_definition(3)._name == "cluster-search-3"
    analysis = body["settings"]["analysis"]
    assert analysis["analyzer"] == {"cluster_tokens": {"type": "custom", "tokenizer": "whitespace"}}
    properties = body["mappings"]["properties"]
    assert properties["title_tokens"] == {"type": "text", "analyzer": "cluster_tokens", "norms": False}
    assert properties["content_tokens"] == {"type": "text", "analyzer": "cluster_tokens", "norms": False}
    assert properties["site_ids"] == {"type": "integer"}
    assert properties["kind"] == {"type": "keyword"}
    assert properties["organisation_path"] == {"type": "integer"}
    assert properties["published_at"] == {"type": "date"}
    assert body["settings"]["number_of_replicas"] == 0
    assert analysis["analyzer"]["cluster_tokens"]["tokenizer"] in BUILT_IN_TOKENIZERS


def test_source__carries_the_same_tokens_as_the_embedded_engines():
    document = SearchDocument(
        pk=7,
        title="关于印发2012年全市电子政务工作要点的通知",
        content="MOA系统",
        kind="articlepage",
        organisation_id=9,
        organisation_path="/1/5/9/",
        column_type="policy_files",
        year=2012,
        published_at=datetime(2012, 3, 1, tzinfo=UTC),
    )
    body = source(document, [2, 4])
    assert "20 01 12 2年 年全" in body["title_tokens"]
    assert body["content_tokens"] == "mo oa a系 系统"
    assert body["organisation_path"] == [1, 5, 9]
    assert body["site_ids"] == [2, 4]
    assert body["published_at"] == "2012-03-01T00:00:00+00:00"


@override_settings(SEARCH_ELASTICSEARCH_INDEX="cluster-search")
def test_query__each_term_is_a_phrase_in_title_or_text_with_filters_facets_and_page():
    query = parse_query("电子政务 2012年")
    body = build_search(
        query, Filters(5, site_id=2, kind="articlepage", organisation_id=1, year=2012), SortOrder.RELEVANCE, 20, 10
    ).to_dict()
    must = body["query"]["bool"]["filter"]
    assert must[0] == {
        "bool": {
            "should": [
                {"match_phrase": {"title_tokens": "电子 子政 政务"}},
                {"match_phrase": {"content_tokens": "电子 子政 政务"}},
            ],
            "minimum_should_match": 1,
        }
    }
    assert must[1]["bool"]["should"][0] == {"match_phrase": {"title_tokens": "20 01 12 2年"}}
    assert {"term": {"site_ids": 2}} in must
    assert {"term": {"kind": "articlepage"}} in must
    assert {"term": {"organisation_path": 1}} in must
    assert {"term": {"year": 2012}} in must
    assert body["query"]["bool"]["should"] == [
        {
            "constant_score": {
                "filter": {
                    "bool": {
                        "filter": [
                            {"match_phrase": {"title_tokens": "电子 子政 政务"}},
                            {"match_phrase": {"title_tokens": "20 01 12 2年"}},
                        ]
                    }
                },
                "boost": 1,
            }
        }
    ]
    assert body["sort"] == ["_score", {"published_at": {"order": "desc", "missing": "_last"}}, {"_id": "desc"}]
    assert set(body["aggs"]) == {"site", "org", "kind", "column_type", "year"}
    assert body["aggs"]["site"] == {"terms": {"field": "site_ids", "size": 100}}
    assert (body["from"], body["size"]) == (20, 10)
    assert body["track_total_hits"] is True


@override_settings(SEARCH_ELASTICSEARCH_INDEX="cluster-search")
def test_query__by_date_and_across_the_cluster_has_no_score_or_site_filter():
    body = build_search(parse_query("APP"), Filters(1), SortOrder.DATE, 0, 10).to_dict()
    assert body["sort"][0] == {"published_at": {"order": "desc", "missing": "_last"}}
    assert not any("site_ids" in str(condition) for condition in body["query"]["bool"]["filter"])
    assert body["query"]["bool"]["filter"][0]["bool"]["should"][0] == {"match_phrase": {"title_tokens": "ap pp"}}


@override_settings(SEARCH_ELASTICSEARCH_URL="http://127.0.0.1:9", SEARCH_ELASTICSEARCH_INDEX="cluster-search")
def test_engine__is_chosen_when_elasticsearch_url_is_set():
    from search.engines import get_engine

    assert get_engine().name == "elasticsearch"
