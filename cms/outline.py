"""The heading outline of body HTML that editors write or import.

A page's title is its `h1`; a body's headings follow it. Bodies often start at `h3` or jump from
`h2` to `h4` (imported pages most of all), which breaks the outline screen readers navigate by
(WCAG 1.3.1, GB/T 37668). The levels are normalised when the body is shown, so the stored text
stays as the editor wrote it; the editor is told on saving which levels the display changes.
"""

import re

from cms.alt_text import html_of

HEADING = re.compile(r"<h([1-6])\b([^>]*)>(.*?)</h\1\s*>", re.IGNORECASE | re.DOTALL)


def _levels(html: str, top: int) -> list[tuple[int, int]]:
    """(written level, shown level) of every heading in `html`, in order."""
    written = [int(match.group(1)) for match in HEADING.finditer(html)]
    if not written:
        return []
    shift = min(written) - top
    previous = top - 1
    levels = []
    for level in written:
        shown = min(max(level - shift, top), previous + 1, 6)
        levels.append((level, shown))
        previous = shown
    return levels


def normalise_headings(html: str, top: int = 2) -> str:
    """`html` with its highest heading at level `top` and no level skipped below a heading."""
    shown = iter(level for _written, level in _levels(html, top))

    def relevel(match: re.Match) -> str:
        level = next(shown)
        return f"<h{level}{match.group(2)}>{match.group(3)}</h{level}>"

    return HEADING.sub(relevel, html)


def heading_changes(html: str, top: int = 2) -> list[str]:
    """The renumberings `normalise_headings` makes, each once, in order: ["h4→h3", …]."""
    return list(dict.fromkeys(f"h{written}→h{shown}" for written, shown in _levels(html, top) if written != shown))


def heading_changes_of(page) -> list[str]:
    """The renumberings of every body field the page's templates show through the outline."""
    changes = []
    for name, top in getattr(page, "outline_fields", {}).items():
        changes += heading_changes(html_of(getattr(page, name)), top)
    return list(dict.fromkeys(changes))
