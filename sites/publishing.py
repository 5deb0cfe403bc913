"""The publish fan-out: one receiver in `sites`, handlers registered by the apps that care.

Each app registers at most one handler per step in its own `AppConfig.ready()`; `sites` imports
none of them. Handlers run in the fixed order of `STEPS`, so the search index is current before
syndication, the catalogue and the caches that depend on it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import ImproperlyConfigured


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


@dataclass(frozen=True)
class ContentChange:
    """What changed: a page (absent when a whole site's profile changed) and the sites that show it."""

    change: Change
    site_ids: frozenset[int]
    page: object | None = None


Handler = Callable[[ContentChange], None]
_handlers: dict[Step, Handler] = {}


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
    """Run every registered handler, in step order."""
    for _step, handler in registered_handlers():
        handler(change)
