"""Content that is no page but is searched like one, such as a catalogue entry held only as an attachment.

An app registers a `Source` in its `AppConfig.ready()`: the model whose saves and deletions search
follows, and a function giving the `Item`s to index, of the keys asked for or all of them. An item
that is not public (or no longer exists) is simply not returned, and its document goes.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ImproperlyConfigured
from django.db import models


@dataclass(frozen=True)
class Item:
    """One searchable thing of a source, with the site whose searches show it and its URL there."""

    key: int
    site_id: int
    title: str
    url: str
    content: str = ""
    organisation_id: int | None = None
    published_at: datetime | None = None
    tags: tuple[str, ...] = ()
    # Any of `search.documents.METADATA_FIELDS`.
    metadata: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Source:
    kind: str
    kind_label: str
    model: type[models.Model]
    items: Callable[[Iterable[int] | None], Iterable[Item]]


_sources: dict[str, Source] = {}


def register_search_source(source: Source) -> Source:
    """Make `source` searchable; a second source of the same kind is a configuration error."""
    if source.kind in _sources and _sources[source.kind] != source:
        raise ImproperlyConfigured(f"A search source of kind '{source.kind}' is already registered.")
    _sources[source.kind] = source
    from search.signal_handlers import follow_source

    follow_source(source)
    return source


def registered_sources() -> list[Source]:
    return list(_sources.values())
