"""The heading outline of body HTML that editors write or import.

A page's title is its `h1`; a body's headings follow it. Bodies often start at `h3` or jump from
`h2` to `h4` (imported pages most of all), which breaks the outline screen readers navigate by
(WCAG 1.3.1, GB/T 37668). The levels are normalised when the body is shown, so the stored text
stays as the editor wrote it.
"""

import re

HEADING = re.compile(r"<h([1-6])\b([^>]*)>(.*?)</h\1\s*>", re.IGNORECASE | re.DOTALL)


def normalise_headings(html: str, top: int = 2) -> str:
    """`html` with its highest heading at level `top` and no level skipped below a heading."""
    levels = [int(match.group(1)) for match in HEADING.finditer(html)]
    if not levels:
        return html
    shift = min(levels) - top
    previous = top - 1

    def relevel(match: re.Match) -> str:
        nonlocal previous
        level = min(max(int(match.group(1)) - shift, top), previous + 1, 6)
        previous = level
        return f"<h{level}{match.group(2)}>{match.group(3)}</h{level}>"

    return HEADING.sub(relevel, html)
