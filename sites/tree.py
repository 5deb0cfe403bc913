"""Where a page stands in the page tree: its ancestors and its nearest column, from tree paths.

Wagtail's materialised paths make every ancestor's path a prefix of the page's own, so these
need no query; callers look the paths up in whatever they already hold.
"""

from collections.abc import Iterable

from wagtail.models import Page


def ancestor_paths(path: str, below_depth: int = 0) -> list[str]:
    """Tree paths of the ancestors of the page at `path`, top first, deeper than `below_depth`."""
    start = (below_depth + 1) * Page.steplen
    return [path[:end] for end in range(max(start, Page.steplen), len(path), Page.steplen)]


def nearest(path: str, candidates: Iterable[str], *, inclusive: bool = False) -> str | None:
    """The deepest of `candidates` that is an ancestor of `path` (or `path` itself if inclusive)."""
    return max(
        (candidate for candidate in candidates if path.startswith(candidate) and (inclusive or candidate != path)),
        key=len,
        default=None,
    )
