"""Liveness and readiness: what the orchestrator asks before it sends traffic to a process.

Each readiness check touches its engine for real (a query, a cache write and read, a channel layer
message, a search) and reports on its own, so an operator sees which engine is down.
"""

import json
import time
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from search.service import probe_embedded_engine

# A group no consumer joins: sending to it proves the layer's store answers, and leaves nothing behind.
PROBE_GROUP = "cluster-readiness-probe"


class DegradedError(Exception):
    """The engine is down, but what it served goes on in a lesser form: ready, and reported."""


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    milliseconds: float
    error: str = ""
    degraded: bool = False

    def as_json(self) -> dict:
        result = {"ok": self.ok, "ms": round(self.milliseconds, 1)}
        if self.degraded:
            result["degraded"] = True
        if self.error:
            result["error"] = self.error
        return result


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone() != (1,):
            raise RuntimeError("SELECT 1 answered wrongly")


def check_cache() -> None:
    key, token = f"readiness:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, token, timeout=10)
    try:
        if cache.get(key) != token:
            raise RuntimeError("the cache did not keep a value")
    finally:
        cache.delete(key)


def check_channel_layer() -> None:
    layer = get_channel_layer()
    if layer is None:
        raise RuntimeError("no channel layer is configured")
    async_to_sync(layer.group_send)(PROBE_GROUP, {"type": "readiness.probe"})


def check_elasticsearch(url: str) -> None:
    with urllib.request.urlopen(f"{url.rstrip('/')}/_cluster/health", timeout=2) as response:  # noqa: S310 (the operator's URL)
        if json.load(response).get("status") == "red":
            raise RuntimeError("Elasticsearch reports status red")


def check_search() -> None:
    """Elasticsearch's cluster health where the cluster's search uses it, else a search of the database's engine.

    Without Elasticsearch, searches are answered by the database's own engine (search.engines.fallback):
    if that answers, search is degraded, not down.
    """
    elasticsearch_url = getattr(settings, "SEARCH_ELASTICSEARCH_URL", "")
    if elasticsearch_url:
        # Whatever failed: whether the database's engine answers decides between degraded and down.
        try:
            check_elasticsearch(elasticsearch_url)
        except Exception as error:
            probe_embedded_engine()
            raise DegradedError(type(error).__name__) from error
        return
    list(get_search_backend().search("上饶", Page)[:1])


READINESS_CHECKS: dict[str, Callable[[], None]] = {
    "database": check_database,
    "cache": check_cache,
    "channel_layer": check_channel_layer,
    "search": check_search,
}


def run_check(name: str, check: Callable[[], None]) -> CheckResult:
    started = time.perf_counter()
    try:
        check()
    except DegradedError as error:
        return CheckResult(name, False, (time.perf_counter() - started) * 1000, str(error), degraded=True)
    except Exception as error:  # noqa: BLE001 (any failure of an engine means "not ready", never a 500)
        return CheckResult(name, False, (time.perf_counter() - started) * 1000, type(error).__name__)
    return CheckResult(name, True, (time.perf_counter() - started) * 1000)


def readiness() -> list[CheckResult]:
    return [run_check(name, check) for name, check in READINESS_CHECKS.items()]
