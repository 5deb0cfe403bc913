"""The admin's search (`WAGTAILSEARCH_BACKENDS["default"]`): Chinese partial terms, each thing indexed once.

Images, documents and snippets stay in Wagtail's database index (SQLite FTS5 or PostgreSQL), but
their text goes in as the character bigrams of `search.analysis` and a query comes out as phrases
of them, so `电子政务` finds `…全市电子政务工作要点…` as the public search does.

Pages are not put in Wagtail's index at all: the cluster's index (`SearchDocument`) already holds
every live public page, so a page search asks it and keeps the pages of the admin's own queryset
(its permissions and the choosers' per-site limit) that it names, or whose title holds every term
(a draft, a private page, a home page: pages the cluster's index does not hold).
"""

import copy
from collections import OrderedDict

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.utils.encoding import force_str
from modelsearch.backends.base import BaseIndex, BaseSearchResults, EmptySearchResults
from modelsearch.index import RelatedFields, get_indexed_models
from modelsearch.query import And, Boost, MatchAll, Not, Or, Phrase, PlainText
from wagtail.models import Page

from search.analysis import QueryError, index_tokens, parse_query
from search.engines import Filters, get_engine
from search.enums import SortOrder
from search.models import IndexState, SearchDocument

# Without an SQL engine (Elasticsearch) the cluster's index names at most this many pages per search.
MAX_INDEXED_PAGE_MATCHES = 1000


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list | tuple):
        return " ".join(_text(item) for item in value)
    if isinstance(value, dict):
        return " ".join(_text(item) for item in value.values())
    return force_str(value)


def _tokenised(field, obj=None):
    """A copy of `field` giving its text as bigram tokens; a field of the object itself reads `obj`."""
    clone = copy.copy(field)
    read = field.get_value if obj is None else (lambda _view: field.get_value(obj))
    if isinstance(field, RelatedFields):
        clone.fields = [_tokenised(sub_field) for sub_field in field.fields]
        clone.get_value = read
    else:
        clone.get_value = lambda target: " ".join(index_tokens(_text(read(target))))
    return clone


class _TokenisedObject:
    """What Wagtail's indexer reads of an object: its key and search fields, the fields giving bigrams."""

    def __init__(self, obj):
        self.pk = obj.pk
        self._fields = [_tokenised(field, obj) for field in obj.get_search_fields()]

    def get_search_fields(self):
        return self._fields


def _plain_text_query(query: PlainText):
    try:
        phrases = [Phrase(" ".join(term.tokens)) for term in parse_query(query.query_string).terms]
    except QueryError:
        # A one-character term, say: the text's own tokens, which find it where it stands alone.
        phrases = [Phrase(" ".join(index_tokens(part))) for part in query.query_string.split()]
        phrases = [phrase for phrase in phrases if phrase.query_string]
    if len(phrases) < 2:
        return phrases[0] if phrases else None
    return Or(phrases) if query.operator.lower() == "or" else And(phrases)


def _combined_query(query: And | Or):
    subqueries = [_bigram_query(subquery) for subquery in query.subqueries]
    if isinstance(query, And) and None in subqueries:
        return None
    subqueries = [subquery for subquery in subqueries if subquery is not None]
    return type(query)(subqueries) if subqueries else None


def _bigram_query(query):
    """Wagtail's query with every text as phrases of bigram tokens; None when nothing is left to search."""
    if isinstance(query, PlainText):
        return _plain_text_query(query)
    if isinstance(query, Phrase):
        tokens = index_tokens(query.query_string)
        return Phrase(" ".join(tokens)) if tokens else None
    if isinstance(query, And | Or):
        return _combined_query(query)
    if isinstance(query, Not | Boost):
        subquery = _bigram_query(query.subquery)
        if isinstance(query, Not):
            return Not(subquery) if subquery is not None else MatchAll()
        return Boost(subquery, query.boost) if subquery is not None else None
    return query


def _query_text(query) -> str | None:
    """The words of a Wagtail query, for the page search; None for a query matching every page."""
    if isinstance(query, str):
        return query
    if isinstance(query, PlainText | Phrase):
        return query.query_string
    if isinstance(query, And | Or):
        return " ".join(text for text in (_query_text(subquery) for subquery in query.subqueries) if text)
    if isinstance(query, Boost):
        return _query_text(query.subquery)
    return None


def _bigram_compiler(compiler_class):
    class BigramQueryCompiler(compiler_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.query = _bigram_query(self.query)
            # A search in named fields reads their raw text (PostgreSQL) or names no column of the
            # index (SQLite FTS5): the whole entry, in bigrams, is searched instead.
            self.fields = None

    return BigramQueryCompiler


def _is_page_model(model) -> bool:
    return issubclass(model, Page)


class PageQuery:
    """A page search answered from the cluster's index and the pages' titles (see the module's doc)."""

    def __init__(self, queryset, text: str | None, order_by_relevance: bool):
        self.queryset = queryset
        self.text = text
        self.order_by_relevance = order_by_relevance

    def _indexed_page_ids(self, terms):
        engine = get_engine()
        try:
            parsed = parse_query(" ".join(terms))
        except QueryError:
            return SearchDocument.objects.none().values("page_id")
        generation = IndexState.get().current_generation
        documents = SearchDocument.objects.filter(generation=generation)
        hits = engine.search(parsed, Filters(generation), SortOrder.RELEVANCE, 0, MAX_INDEXED_PAGE_MATCHES)
        return documents.filter(pk__in=hits.document_ids).values("page_id")

    def matching(self):
        if self.text is None:
            return self.queryset
        terms = self.text.split()
        if not terms:
            return self.queryset.none()
        in_title = Q()
        for term in terms:
            in_title &= Q(title__icontains=term)
        pages = self.queryset.filter(in_title | Q(pk__in=self._indexed_page_ids(terms)))
        if self.order_by_relevance:
            pages = pages.annotate(
                _title_match=Case(When(in_title, then=Value(1)), default=Value(0), output_field=IntegerField())
            ).order_by("-_title_match", "-latest_revision_created_at", "-pk")
        elif not pages.query.order_by:
            pages = pages.order_by("-pk")
        return pages


class PageSearchResults(BaseSearchResults):
    supports_facet = True

    def _do_search(self):
        return list(self.query_compiler.matching()[self.start : self.stop])

    def _do_count(self):
        return self.query_compiler.matching()[self.start : self.stop].count()

    def facet(self, field_name):
        counts = self.query_compiler.matching().order_by().values(field_name).annotate(count=Count("pk"))
        return OrderedDict((row[field_name], row["count"]) for row in counts.order_by("-count"))


class PageIndex(BaseIndex):
    """Wagtail's view of the pages' index, the cluster's own: it writes nothing, `search.indexing` does."""

    def get_key(self):
        return "cluster-pages"


class PageIndexRebuilder:
    """`update_index` rebuilds the cluster's index for the pages, as `rebuild_search_index` does."""

    def __init__(self, index):
        self.index = index

    def start(self):
        return self.index

    def finish(self):
        from search import indexing

        indexing.rebuild()


def _bigram_index(index_class):
    class BigramIndex(index_class):
        def add_items(self, model, objs):
            super().add_items(model, [_TokenisedObject(obj) for obj in objs])

        def delete_stale_entries(self):
            super().delete_stale_entries()
            # Pages indexed here before the cluster's index answered for them.
            page_models = [model for model in get_indexed_models() if _is_page_model(model)]
            content_types = ContentType.objects.get_for_models(*page_models, for_concrete_models=False).values()
            self.entries.filter(content_type__in=[content_type.pk for content_type in content_types]).delete()

    return BigramIndex


def _rebuilder(rebuilder_class):
    def rebuilder(index):
        return PageIndexRebuilder(index) if isinstance(index, PageIndex) else rebuilder_class(index)

    return rebuilder


def _bigram_backend(backend_class):
    class BigramSearchBackend(backend_class):
        query_compiler_class = _bigram_compiler(backend_class.query_compiler_class)
        autocomplete_query_compiler_class = _bigram_compiler(backend_class.autocomplete_query_compiler_class)
        index_class = _bigram_index(backend_class.index_class)

        def __init__(self, params):
            # Bigrams are no words of any language: no stemming, no stop words.
            super().__init__({"SEARCH_CONFIG": "simple", **params})
            self.rebuilder_class = _rebuilder(self.rebuilder_class)

        def get_index_for_model(self, model):
            return PageIndex(self) if _is_page_model(model) else super().get_index_for_model(model)

        def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
            queryset = model_or_queryset
            if not isinstance(queryset, QuerySet):
                queryset = queryset.objects.all()
            if isinstance(query, str) and not query.strip():
                return EmptySearchResults()
            if _is_page_model(queryset.model):
                text = None if isinstance(query, MatchAll) else _query_text(query)
                return PageSearchResults(self, PageQuery(queryset, text, kwargs.get("order_by_relevance", True)))
            results = super()._search(query_compiler_class, query, queryset, **kwargs)
            if results.query_compiler is not None and results.query_compiler.query is None:
                return EmptySearchResults()
            return results

    return BigramSearchBackend


def SearchBackend(params):
    if connection.vendor == "postgresql":
        from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend

        return _bigram_backend(PostgresSearchBackend)(params)
    from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

    return _bigram_backend(SQLiteSearchBackend)(params)
