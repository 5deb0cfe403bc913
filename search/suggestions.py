"""Type-ahead: words from the titles that contain what was typed, and past searches that found something."""

from collections import Counter

from django.db.models import Sum
from wagtail.models import Site

from search.analysis import QueryError, normalise, parse_query
from search.engines import Filters, get_engine
from search.enums import SortOrder
from search.models import GovernmentTerm, IndexState, QueryRecord, SearchDocument
from search.vocabulary import words

MAX_SUGGESTIONS = 8
TITLES_READ = 50


def suggestions(text: str, site: Site) -> list[str]:
    try:
        query = parse_query(text)
    except QueryError:
        return []
    typed = normalise(query.text)
    found: Counter[str] = Counter()
    for term in GovernmentTerm.objects.filter(word__startswith=query.text)[:MAX_SUGGESTIONS]:
        found[term.word] += 100
    past = (
        QueryRecord.objects.filter(site=site, query__startswith=query.text, zero_results__lt=1)
        .values("query")
        .annotate(total=Sum("searches"))
        .order_by("-total")[:MAX_SUGGESTIONS]
    )
    for row in past:
        found[row["query"]] += 10 + row["total"]
    hits = get_engine().search(
        query, Filters(IndexState.get().current_generation, site_id=site.pk), SortOrder.RELEVANCE, 0, TITLES_READ
    )
    titles = SearchDocument.objects.filter(pk__in=hits.document_ids).values_list("title", flat=True)
    for title in titles:
        for word in words(title):
            if typed in normalise(word) and normalise(word) != typed:
                found[word] += 1
    return [word for word, _ in found.most_common(MAX_SUGGESTIONS)]
