"""The publish fan-out: one receiver in `sites`, handlers registered by the apps that care.

Each app registers at most one handler per step in its own `AppConfig.ready()`; `sites` imports
none of them. Handlers run after the transaction that made the change commits, in the fixed
order of `STEPS`, so the search index is current before syndication, the catalogue and the
caches that depend on it. A handler that raises is logged with the page and the step and the
others still run: an editor's publish never fails because of what follows it.
"""

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from enum import StrEnum

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

logger = logging.getLogger(__name__)


class Step(StrEnum):
    SEARCH = "search"
    SYNDICATION = "syndication"
    DISCLOSURE = "disclosure"
    CACHE = "cache"


STEPS = (Step.SEARCH, Step.SYNDICATION, Step.DISCLOSURE, Step.CACHE)


class Change(StrEnum):
    PUBLISHED = "published"
    UNPUBLISHED = "unpublished"
    DELETED = "deleted"
    MOVED = "moved"
    SITE_CHANGED = "site_changed"
    # Many pages at once (an import): `page_ids` names them, `page` is absent.
    BATCH = "batch"


@dataclass(frozen=True)
class ContentChange:
    """What changed: a page (absent when a whole site changed) and the sites that show it."""

    change: Change
    site_ids: frozenset[int]
    page: object | None = None
    page_ids: frozenset[int] = field(default_factory=frozenset)

    def describe(self) -> str:
        if self.page is not None:
            return f"{self.change} 页面 {getattr(self.page, 'pk', '?')}《{getattr(self.page, 'title', '')}》"
        return f"{self.change} 站点 {sorted(self.site_ids)}"


Handler = Callable[[ContentChange], None]
_handlers: dict[Step, Handler] = {}
# While an import runs, changes are gathered here instead of fanned out one by one.
_batch: ContextVar["_Batch | None"] = ContextVar("publishing_batch", default=None)


def register_publish_handler(step: Step) -> Callable[[Handler], Handler]:
    """Register the handler for `step`; a second handler for the same step is a configuration error."""

    def decorator(handler: Handler) -> Handler:
        if step in _handlers and _handlers[step] is not handler:
            raise ImproperlyConfigured(f"A publish handler for step '{step}' is already registered.")
        _handlers[step] = handler
        return handler

    return decorator


def registered_handlers() -> list[tuple[Step, Handler]]:
    return [(step, _handlers[step]) for step in STEPS if step in _handlers]


def fan_out(change: ContentChange) -> None:
    """Run every registered handler for `change` once the current transaction commits.

    A change made inside `batched_changes()` is gathered and sent with the others at its end.
    """
    batch = _batch.get()
    if batch is not None:
        batch.add(change)
        return
    transaction.on_commit(lambda: run_handlers(change))


def run_handlers(change: ContentChange) -> None:
    """Run the handlers in step order; one that fails is logged and does not stop the rest."""
    for step, handler in registered_handlers():
        try:
            handler(change)
        except Exception:
            logger.exception("发布后续步骤 %s 失败：%s", step, change.describe())


@dataclass
class _Batch:
    site_ids: set[int] = field(default_factory=set)
    page_ids: set[int] = field(default_factory=set)

    def add(self, change: ContentChange) -> None:
        self.site_ids |= change.site_ids
        if change.page is not None:
            self.page_ids.add(change.page.pk)
        self.page_ids |= change.page_ids


@contextmanager
def batched_changes() -> Iterator[None]:
    """Suspend the fan-out for a bulk operation and send one `BATCH` change at its end.

    Caches are purged once per site instead of once per page; handlers that work per page
    (search, say) find every page in `page_ids`.
    """
    batch = _Batch()
    token = _batch.set(batch)
    try:
        yield
    finally:
        _batch.reset(token)
        if batch.site_ids or batch.page_ids:
            fan_out(ContentChange(Change.BATCH, frozenset(batch.site_ids), page_ids=frozenset(batch.page_ids)))
