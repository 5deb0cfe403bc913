"""The search page of every site and the JSON API: `/search/`, `/api/search/`, `/api/search/suggest/`."""

from django.http import HttpRequest, JsonResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET
from wagtail.models import Site

from search.forms import SearchForm
from search.service import SearchRequest, SearchResults, search
from search.suggestions import suggestions


def _search_request(request: HttpRequest, *, allow_other_site: bool) -> SearchRequest:
    params = SearchForm(request.GET).cleaned_or_default()
    site = Site.find_for_request(request)
    if allow_other_site and params["site"]:
        site = Site.objects.filter(pk=params["site"]).first() or site
    return SearchRequest(
        query=params["q"],
        site=site,
        scope=params["scope"],
        kind=params["kind"],
        organisation_id=params["org"],
        year=params["year"],
        column_type=params["column_type"],
        sort=params["sort"],
        page=params["page"],
    )


@require_GET
def search_page(request: HttpRequest) -> TemplateResponse:
    search_request = _search_request(request, allow_other_site=False)
    results = search(search_request) if search_request.query else SearchResults(search_request)
    response = TemplateResponse(request, "pages/search_page.html", {"results": results, "search": search_request})
    # Never in the shared page cache, which keys pages by path and page number only.
    patch_cache_control(response, private=True, no_cache=True)
    return response


def _fragments(fragments: list[tuple[str, bool]]) -> list[dict]:
    return [{"text": text, "hit": hit} for text, hit in fragments]


def _result_json(result) -> dict:
    document = result.document
    return {
        "title": document.title,
        "title_fragments": _fragments(result.title),
        "snippet_fragments": _fragments(result.snippet),
        "url": document.url,
        "kind": document.kind,
        "kind_label": document.kind_label,
        "site": document.site_id,
        "organisation": document.organisation_name,
        "column": document.column_title,
        "published_at": timezone.localtime(document.published_at).strftime("%Y-%m-%d")
        if document.published_at
        else None,
        "document_number": document.document_number,
        "index_number": document.index_number,
        "validity": document.validity,
        "best_bet": result.best_bet,
    }


@require_GET
def search_api(request: HttpRequest) -> JsonResponse:
    """`GET /api/search/?q=&site=&scope=site|cluster&kind=&org=&year=&column_type=&sort=&page=`.

    A query that cannot be searched answers 400 with the reason in Chinese.
    """
    search_request = _search_request(request, allow_other_site=True)
    results = search(search_request)
    if results.error:
        return JsonResponse({"error": results.error}, status=400)
    return JsonResponse(
        {
            "query": search_request.query,
            "scope": search_request.scope,
            "site": search_request.site.pk,
            "total": results.total,
            "total_exact": results.total_exact,
            "page": results.page,
            "num_pages": results.num_pages,
            # True while Elasticsearch cannot answer and the database's own engine did; `notice` says so.
            "degraded": results.degraded,
            "notice": results.notice,
            "best_bets": [_result_json(result) for result in results.best_bets],
            "results": [_result_json(result) for result in results.results],
            "facets": {
                facet: [{"value": item.value, "label": item.label, "count": item.count} for item in values]
                for facet, values in results.facets.items()
            },
        },
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
def suggest_api(request: HttpRequest) -> JsonResponse:
    """`GET /api/search/suggest/?q=`: completions of what is typed, from titles and past searches."""
    params = SearchForm(request.GET).cleaned_or_default()
    site = Site.find_for_request(request)
    return JsonResponse({"suggestions": suggestions(params["q"], site)}, json_dumps_params={"ensure_ascii": False})
