"""Elasticsearch with the database's own engine beside it, so search goes on while Elasticsearch is down.

Every write goes to both, so the embedded index is always complete: a search Elasticsearch cannot
answer (no connection, a time-out, an error of its own) is answered by the embedded engine, and the
hits say so (`degraded`), for the page's notice and the API's field. After a failure, this process
asks the embedded engine alone for `RETRY_SECONDS`, so an unreachable server costs one attempt, not
one per search. A write Elasticsearch misses is logged, never lost from the embedded index nor failed
back to the editor's publish; `rebuild_search_index` brings Elasticsearch up to date once it is back.
A rebuild itself needs both: its first step, creating the new generation, fails while either is down.
"""

import logging
import threading
import time
from collections.abc import Callable

from elasticsearch import ApiError, TransportError

from search.analysis import ParsedQuery
from search.enums import SortOrder

from .base import Engine, Filters, Hits

logger = logging.getLogger(__name__)

# What Elasticsearch raises when it cannot answer: no connection, a time-out, an error status.
UNAVAILABLE = (ApiError, TransportError)
RETRY_SECONDS = 30.0


class FallbackEngine(Engine):
    def __init__(self, primary: Engine, embedded: Engine):
        self.primary = primary
        self.embedded = embedded
        self.name = primary.name
        self._lock = threading.Lock()
        self._retry_at = 0.0

    def _failed(self, operation: str, error: Exception) -> None:
        with self._lock:
            self._retry_at = time.monotonic() + RETRY_SECONDS
        logger.error(
            "Elasticsearch 不可用（%s）：%s: %s；检索由数据库自带的引擎回答，恢复后执行 rebuild_search_index",
            operation,
            type(error).__name__,
            error,
        )

    def primary_available(self) -> bool:
        with self._lock:
            return time.monotonic() >= self._retry_at

    def create_generation(self, generation: int) -> None:
        self.embedded.create_generation(generation)
        self.primary.create_generation(generation)

    def complete_generation(self, generation: int) -> None:
        self.embedded.complete_generation(generation)
        self.primary.complete_generation(generation)

    def _write_primary(self, operation: str, write: Callable[[], None]) -> None:
        if not self.primary_available():
            logger.warning("Elasticsearch 暂不可用，未%s；恢复后执行 rebuild_search_index", operation)
            return
        try:
            write()
        except UNAVAILABLE as error:
            self._failed(operation, error)

    def drop_generation(self, generation: int) -> None:
        self.embedded.drop_generation(generation)
        self._write_primary(f"删除第 {generation} 代索引", lambda: self.primary.drop_generation(generation))

    def activate(self, generation: int) -> None:
        self.embedded.activate(generation)
        self.primary.activate(generation)

    def add(self, generation: int, documents) -> None:
        self.embedded.add(generation, documents)
        self._write_primary(f"写入 {len(documents)} 个文档", lambda: self.primary.add(generation, documents))

    def remove(self, generation: int, documents) -> None:
        self.embedded.remove(generation, documents)
        self._write_primary(f"删除 {len(documents)} 个文档", lambda: self.primary.remove(generation, documents))

    def search(self, query: ParsedQuery, filters: Filters, sort: SortOrder, offset: int, limit: int) -> Hits:
        if self.primary_available():
            try:
                return self.primary.search(query, filters, sort, offset, limit)
            except UNAVAILABLE as error:
                self._failed("检索", error)
        hits = self.embedded.search(query, filters, sort, offset, limit)
        hits.degraded = True
        return hits
