"""Which engine answers: Elasticsearch when `ELASTICSEARCH_URL` is set, else the database's own.

With Elasticsearch, the database's own engine is kept beside it, to answer while Elasticsearch cannot.
"""

from functools import cache

from django.conf import settings
from django.db import connection

from .base import Engine, Filters, Hits

__all__ = ["Engine", "Filters", "Hits", "get_embedded_engine", "get_engine"]


@cache
def _embedded(vendor: str) -> Engine:
    if vendor == "postgresql":
        from .postgres import PostgresEngine

        return PostgresEngine()
    from .sqlite import SQLiteEngine

    return SQLiteEngine()


@cache
def _engine(vendor: str, elasticsearch_url: str) -> Engine:
    if elasticsearch_url:
        from .elastic import ElasticsearchEngine
        from .fallback import FallbackEngine

        return FallbackEngine(ElasticsearchEngine(elasticsearch_url), _embedded(vendor))
    return _embedded(vendor)


def get_engine() -> Engine:
    return _engine(connection.vendor, settings.SEARCH_ELASTICSEARCH_URL)


def get_embedded_engine() -> Engine:
    """The database's own engine, which keeps a complete index whichever engine answers searches."""
    return _embedded(connection.vendor)
