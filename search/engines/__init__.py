"""Which engine answers: Elasticsearch when `ELASTICSEARCH_URL` is set, else the database's own."""

from functools import cache

from django.conf import settings
from django.db import connection

from .base import Engine, Filters, Hits

__all__ = ["Engine", "Filters", "Hits", "get_engine"]


@cache
def _engine(vendor: str, elasticsearch_url: str) -> Engine:
    if elasticsearch_url:
        from .elastic import ElasticsearchEngine

        return ElasticsearchEngine(elasticsearch_url)
    if vendor == "postgresql":
        from .postgres import PostgresEngine

        return PostgresEngine()
    from .sqlite import SQLiteEngine

    return SQLiteEngine()


def get_engine() -> Engine:
    return _engine(connection.vendor, settings.SEARCH_ELASTICSEARCH_URL)
