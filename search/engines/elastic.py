"""The Elasticsearch engine, through `elasticsearch.dsl`, with nothing a server needs a plugin for.

The index holds the same pre-segmented tokens as the embedded engines, analysed by a whitespace
tokenizer only, so matching is identical on every engine: each term is a phrase of bigram tokens
in the title or the text. Scores are constant (1 when every term is in the title, else 0) so
relevance means "title matches first, then newer", as on the embedded engines. Documents stay
rows of `SearchDocument`; the index holds only what matching, filtering and facets need.
"""

from django.conf import settings
from elasticsearch import Elasticsearch, helpers
from elasticsearch.dsl import Date, Document, Index, Integer, Keyword, Q, Search, Text, analyzer

from search.analysis import ParsedQuery
from search.enums import Facet, SortOrder

from .base import Engine, Filters, Hits, document_tokens

TOKENS = analyzer("cluster_tokens", tokenizer="whitespace")
FACET_SIZE = 100


class IndexedDocument(Document):
    title_tokens = Text(analyzer=TOKENS, norms=False)
    content_tokens = Text(analyzer=TOKENS, norms=False)
    site_ids = Integer()
    kind = Keyword()
    organisation_id = Integer()
    organisation_path = Integer()
    column_type = Keyword()
    year = Integer()
    published_at = Date()


def index_name(generation: int) -> str:
    return f"{settings.SEARCH_ELASTICSEARCH_INDEX}-{int(generation)}"


def index_definition(generation: int) -> Index:
    index = Index(index_name(generation))
    index.settings(number_of_shards=1, number_of_replicas=settings.SEARCH_ELASTICSEARCH_REPLICAS)
    index.document(IndexedDocument)
    return index


def source(document, site_ids: list[int]) -> dict:
    title, content = document_tokens(document)
    return {
        "title_tokens": " ".join(title),
        "content_tokens": " ".join(content),
        "site_ids": site_ids,
        "kind": document.kind,
        "organisation_id": document.organisation_id,
        "organisation_path": [int(pk) for pk in document.organisation_path.strip("/").split("/") if pk],
        "column_type": document.column_type,
        "year": document.year,
        "published_at": document.published_at.isoformat() if document.published_at else None,
    }


def _phrases(query: ParsedQuery, field: str) -> list[Q]:
    return [Q("match_phrase", **{field: " ".join(term.tokens)}) for term in query.terms]


def build_search(query: ParsedQuery, filters: Filters, sort: SortOrder, offset: int, limit: int) -> Search:
    """The request the engine sends: matching, filters, constant scores, sort, facets, page."""
    in_title_or_text = [
        Q("bool", should=[title, text], minimum_should_match=1)
        for title, text in zip(_phrases(query, "title_tokens"), _phrases(query, "content_tokens"), strict=True)
    ]
    conditions = []
    if filters.site_id is not None:
        conditions.append(Q("term", site_ids=filters.site_id))
    if filters.kind:
        conditions.append(Q("term", kind=filters.kind))
    if filters.organisation_id is not None:
        conditions.append(Q("term", organisation_path=filters.organisation_id))
    if filters.year is not None:
        conditions.append(Q("term", year=filters.year))
    if filters.column_type:
        conditions.append(Q("term", column_type=filters.column_type))
    title_boost = Q("constant_score", filter=Q("bool", filter=_phrases(query, "title_tokens")), boost=1)
    search = Search(index=index_name(filters.generation)).query(
        Q("bool", filter=in_title_or_text + conditions, should=[title_boost])
    )
    order = ["_score"] if sort == SortOrder.RELEVANCE else []
    search = search.sort(*order, {"published_at": {"order": "desc", "missing": "_last"}}, {"_id": "desc"})
    for facet, field in (
        (Facet.SITE, "site_ids"),
        (Facet.ORGANISATION, "organisation_id"),
        (Facet.KIND, "kind"),
        (Facet.COLUMN_TYPE, "column_type"),
        (Facet.YEAR, "year"),
    ):
        search.aggs.bucket(str(facet), "terms", field=field, size=FACET_SIZE)
    return search.extra(track_total_hits=True, _source=False)[offset : offset + limit]


class ElasticsearchEngine(Engine):
    name = "elasticsearch"

    def __init__(self, url: str):
        self.client = Elasticsearch(url, request_timeout=10)
        self.created: set[int] = set()

    def create_generation(self, generation: int) -> None:
        index = index_definition(generation)
        if not index.exists(using=self.client):
            index.create(using=self.client)

    def drop_generation(self, generation: int) -> None:
        Index(index_name(generation)).delete(using=self.client, ignore_unavailable=True)

    def add(self, generation: int, documents) -> None:
        if generation not in self.created:
            self.create_generation(generation)
            self.created.add(generation)
        helpers.bulk(
            self.client,
            (
                {"_index": index_name(generation), "_id": document.pk, "_source": source(document, document.site_ids)}
                for document in documents
            ),
            refresh="wait_for",
        )

    def remove(self, generation: int, documents) -> None:
        helpers.bulk(
            self.client,
            ({"_op_type": "delete", "_index": index_name(generation), "_id": document.pk} for document in documents),
            raise_on_error=False,
            refresh="wait_for",
        )

    def search(self, query: ParsedQuery, filters: Filters, sort: SortOrder, offset: int, limit: int) -> Hits:
        response = build_search(query, filters, sort, offset, limit).using(self.client).execute()
        facets = {
            str(facet): [
                (str(bucket.key), bucket.doc_count) for bucket in getattr(response.aggregations, facet).buckets
            ]
            for facet in Facet
        }
        return Hits([int(hit.meta.id) for hit in response], response.hits.total.value, facets)
