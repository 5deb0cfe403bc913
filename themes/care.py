"""适老化 (care) mode: each visitor's display preferences, kept in a cookie.

Pages stay the same for every visitor, so the page cache serves them all; the preferences reach
the page through `/care.css`, a small stylesheet that differs per visitor and is never cached by
shared caches. So type size and contrast work without JavaScript; the reading guide line and
reading aloud need the browser's script (`themes/js/care.js`).
"""

from dataclasses import dataclass, replace

from django.templatetags.static import static

COOKIE_NAME = "care"
COOKIE_MAX_AGE = 365 * 24 * 3600
# Root font sizes of the text steps: standard, large (125 %), extra large (150 %).
TEXT_SIZES = {0: 16, 1: 20, 2: 24}
SWITCHES = ("contrast", "spacing", "cursor", "guide")


@dataclass(frozen=True)
class CarePreferences:
    text: int = 0
    contrast: bool = False
    spacing: bool = False
    cursor: bool = False
    guide: bool = False

    @classmethod
    def from_cookie(cls, value: str | None) -> "CarePreferences":
        """Reads the cookie; anything it does not recognise is ignored, so a forged cookie is harmless."""
        words = set((value or "").split("-")[:8])
        text = next((size for size in (2, 1) if f"text{size}" in words), 0)
        return cls(text=text, **{switch: switch in words for switch in SWITCHES})

    def to_cookie(self) -> str:
        words = [f"text{self.text}"] if self.text else []
        return "-".join(words + [switch for switch in SWITCHES if getattr(self, switch)])

    def changed(self, option: str) -> "CarePreferences":
        """The preferences after the visitor chose `option` (a text step, a switch, or `reset`)."""
        if option == "reset":
            return CarePreferences()
        if option.startswith("text") and option[4:].isdigit() and int(option[4:]) in TEXT_SIZES:
            return replace(self, text=int(option[4:]))
        if option in SWITCHES:
            return replace(self, **{option: not getattr(self, option)})
        return self

    @property
    def is_default(self) -> bool:
        return self == CarePreferences()


HIGH_CONTRAST = """
/* 高对比度: light text on black, links in yellow, every box outlined. */
/* :where() keeps this rule weakest, so the link and current-item colours below win. */
:where(body, body *:not(img, svg, video)) { background: #000 !important; color: #fff !important;
    border-color: #fff !important; text-shadow: none !important; box-shadow: none !important; }
a, a * { color: #ff0 !important; text-decoration: underline !important; }
.site-nav a[aria-current="page"], .site-nav a[aria-current="page"] * {
    background: #ff0 !important; color: #000 !important; }
:focus-visible { outline: 3px solid #0ff !important; outline-offset: 2px; }
.site-header, .site-nav, .site-footer, .panel, .column-main, .column-side, .article, .service-guide, .leader,
.topic, .cluster-nav, .home-intro, .city-banner, .care-toolbar { border: 1px solid #fff !important; }
.conac-badge img { background: #fff !important; }
"""

LINE_SPACING = """
/* 加大行距: WCAG 1.4.12 text spacing (line height 2, paragraph spacing 2 em, wider letters). */
body { line-height: 2 !important; }
main p, main li, main dd { letter-spacing: .06em; word-spacing: .16em; }
main p { margin-bottom: 2em; }
"""


def stylesheet(preferences: CarePreferences) -> str:
    """The CSS that applies `preferences` and marks the chosen options in the toolbar."""
    parts = []
    if preferences.text:
        parts.append(f"html {{ font-size: {TEXT_SIZES[preferences.text]}px; }}")
        # Long words and URLs wrap rather than push a phone screen sideways at the larger sizes.
        parts.append("main, .site-footer { overflow-wrap: anywhere; }")
    if preferences.contrast:
        parts.append(HIGH_CONTRAST)
    if preferences.spacing:
        parts.append(LINE_SPACING)
    if preferences.cursor:
        arrow, hand = static("themes/img/cursor-arrow.svg"), static("themes/img/cursor-hand.svg")
        parts.append(f"html, body, body * {{ cursor: url({arrow}) 2 2, auto !important; }}")
        parts.append(f"a, a *, button, label, summary {{ cursor: url({hand}) 12 2, pointer !important; }}")
    if preferences.guide:
        parts.append(":root { --care-guide: 1; } .care-guide-line { display: block; }")
    # The toolbar shows which choices are on, also without JavaScript.
    chosen = [f"text{preferences.text}"] + [switch for switch in SWITCHES if getattr(preferences, switch)]
    selectors = ", ".join(f'.care-toolbar [data-care="{option}"]' for option in chosen)
    parts.append(f"{selectors} {{ font-weight: 700; text-decoration: underline double; }}")
    return "\n".join(parts) + "\n"
