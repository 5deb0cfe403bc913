"""A search as the public page and the JSON API ask it: parameters in, one page of results out."""

import logging
from dataclasses import dataclass, field

from django.db import DatabaseError
from django.db.models import F
from django.utils import timezone
from wagtail.models import Site

from search.analysis import ParsedQuery, QueryError, normalise, parse_query, snippet
from search.documents import searchable_models
from search.engines import Filters, get_embedded_engine, get_engine
from search.enums import Facet, Scope, SortOrder
from search.models import BestBet, IndexState, QueryRecord, SearchDocument
from search.sources import registered_sources
from sites.enums import ColumnType
from sites.models import Organisation

logger = logging.getLogger(__name__)

PAGE_SIZE = 10
# Shown above results the embedded engine gave while Elasticsearch could not answer (`Hits.degraded`).
DEGRADED_NOTICE = "站群检索服务暂时降级运行，以下结果由备用检索引擎提供，响应可能稍慢。"
MAX_PAGE = 100
FACET_LIMIT = 20


@dataclass(frozen=True)
class SearchRequest:
    query: str
    site: Site
    scope: Scope = Scope.SITE
    kind: str = ""
    organisation_id: int | None = None
    year: int | None = None
    column_type: str = ""
    sort: SortOrder = SortOrder.RELEVANCE
    page: int = 1


@dataclass
class Result:
    document: SearchDocument
    title: list[tuple[str, bool]]
    snippet: list[tuple[str, bool]]
    best_bet: bool = False


@dataclass
class FacetValue:
    value: str
    label: str
    count: int


@dataclass
class SearchResults:
    request: SearchRequest
    error: str = ""
    results: list[Result] = field(default_factory=list)
    best_bets: list[Result] = field(default_factory=list)
    total: int = 0
    # False when more documents matched than `total` (the newest, which the pages reach) counts.
    total_exact: bool = True
    page: int = 1
    num_pages: int = 0
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    degraded: bool = False

    @property
    def notice(self) -> str:
        return DEGRADED_NOTICE if self.degraded else ""

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages


def _facet_labels(facets: dict[str, list[tuple[str, int]]]) -> dict[str, list[FacetValue]]:
    ids = {facet: [int(value) for value, _ in facets.get(facet, []) if value.isdigit()] for facet in Facet}
    site_names = dict(Site.objects.filter(pk__in=ids[Facet.SITE]).values_list("pk", "site_name"))
    organisation_names = dict(Organisation.objects.filter(pk__in=ids[Facet.ORGANISATION]).values_list("pk", "name"))
    kind_labels = {model._meta.model_name: str(model._meta.verbose_name) for model in searchable_models()}
    kind_labels |= {source.kind: source.kind_label for source in registered_sources()}
    labels = {
        Facet.SITE: lambda value: site_names.get(int(value), value),
        Facet.ORGANISATION: lambda value: organisation_names.get(int(value), value),
        Facet.KIND: lambda value: kind_labels.get(value, value),
        Facet.COLUMN_TYPE: lambda value: dict(ColumnType.choices).get(value, value),
        Facet.YEAR: lambda value: f"{value}年",
    }
    result = {}
    for facet in Facet:
        values = sorted(facets.get(facet, []), key=lambda item: (-item[1], item[0]))
        if facet == Facet.YEAR:
            values = sorted(values, key=lambda item: item[0], reverse=True)
        result[str(facet)] = [FacetValue(value, str(labels[facet](value)), count) for value, count in values][
            :FACET_LIMIT
        ]
    return result


def _best_bets(query: ParsedQuery, site: Site) -> list[Result]:
    bets = BestBet.objects.filter(normalised_query=normalise(" ".join(query.text.split())))
    bets = bets.filter(site__isnull=True) | bets.filter(site=site)
    page_ids = list(bets.order_by("sort_order", "pk").values_list("page_id", flat=True))
    generation = IndexState.get().current_generation
    documents = {
        document.page_id: document
        for document in SearchDocument.objects.filter(generation=generation, page_id__in=page_ids)
    }
    return [
        Result(
            documents[page_id], [(documents[page_id].title, False)], snippet(documents[page_id].content, query), True
        )
        for page_id in dict.fromkeys(page_ids)
        if page_id in documents
    ]


def record_query(site: Site, text: str, found: int) -> None:
    """Count the search for the editors' report; never lets a failure reach the citizen."""
    query = " ".join(text.split())[:100]
    try:
        record, _ = QueryRecord.objects.get_or_create(site=site, day=timezone.localdate(), query=query)
        QueryRecord.objects.filter(pk=record.pk).update(
            searches=F("searches") + 1, zero_results=F("zero_results") + (0 if found else 1)
        )
    except DatabaseError:
        logger.exception("检索记录写入失败")


def search(request: SearchRequest, *, record: bool = True) -> SearchResults:
    results = SearchResults(request)
    try:
        query = parse_query(request.query)
    except QueryError as error:
        results.error = str(error)
        return results
    filters = Filters(
        generation=IndexState.get().current_generation,
        site_id=request.site.pk if request.scope == Scope.SITE else None,
        kind=request.kind,
        organisation_id=request.organisation_id,
        year=request.year,
        column_type=request.column_type,
    )
    page = min(max(request.page, 1), MAX_PAGE)
    hits = get_engine().search(query, filters, request.sort, (page - 1) * PAGE_SIZE, PAGE_SIZE)
    results.total, results.total_exact = hits.total, hits.complete
    results.num_pages = min((hits.total + PAGE_SIZE - 1) // PAGE_SIZE, MAX_PAGE)
    if hits.total and page > results.num_pages:
        # Past the last page: show the last one rather than nothing.
        page = results.num_pages
        hits = get_engine().search(query, filters, request.sort, (page - 1) * PAGE_SIZE, PAGE_SIZE)
    results.page = page
    results.degraded = hits.degraded
    documents = SearchDocument.objects.in_bulk(hits.document_ids)
    results.results = [
        Result(documents[pk], snippet(documents[pk].title, query, width=255), snippet(documents[pk].content, query))
        for pk in hits.document_ids
        if pk in documents
    ]
    results.facets = _facet_labels(hits.facets)
    if page == 1 and not (request.kind or request.organisation_id or request.year or request.column_type):
        results.best_bets = _best_bets(query, request.site)
        bet_pages = {bet.document.page_id for bet in results.best_bets}
        results.results = [result for result in results.results if result.document.page_id not in bet_pages]
    if record:
        record_query(request.site, query.text, hits.total)
    return results


def probe_embedded_engine() -> None:
    """One search of the database's own engine, as readiness asks it: raises if it cannot answer."""
    generation = IndexState.get().current_generation
    get_embedded_engine().search(parse_query("上饶"), Filters(generation=generation), SortOrder.RELEVANCE, 0, 1)
