"""What the checks read from a page's HTML, gathered in one pass of the standard library's parser."""

from dataclasses import dataclass, field
from html.parser import HTMLParser

# Form controls a person fills in; the rest need no label.
UNLABELLED_INPUT_TYPES = frozenset({"hidden", "submit", "button", "reset", "image"})
EXCERPT_LENGTH = 120


@dataclass
class Anchor:
    href: str
    text: str


@dataclass
class Image:
    src: str
    alt: str | None
    excerpt: str


@dataclass
class FormField:
    excerpt: str
    field_id: str
    labelled: bool


@dataclass
class ParsedPage:
    lang: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    anchors: list[Anchor] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    resources: list[str] = field(default_factory=list)
    targets: set[str] = field(default_factory=set)
    headings: list[tuple[int, str]] = field(default_factory=list)
    fields: list[FormField] = field(default_factory=list)
    label_for: set[str] = field(default_factory=set)
    text: str = ""

    def unlabelled_fields(self) -> list[FormField]:
        return [item for item in self.fields if not item.labelled and item.field_id not in self.label_for]


def excerpt_of(tag: str, attrs: list[tuple[str, str | None]]) -> str:
    shown = " ".join(f'{name}="{value}"' if value is not None else name for name, value in attrs)
    return f"<{tag} {shown}>"[:EXCERPT_LENGTH] if shown else f"<{tag}>"


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()
        self._text: list[str] = []
        self._anchor: tuple[str, list[str]] | None = None
        self._heading: tuple[int, list[str]] | None = None
        self._label_depth = 0
        self._skip_depth = 0

    def handle_starttag(self, tag, attrs):
        values = {name: value or "" for name, value in attrs}
        page = self.page
        for name in ("id", "name"):
            if values.get(name) and (name == "id" or tag == "a"):
                page.targets.add(values[name])
        if tag == "html":
            page.lang = values.get("lang", "")
        elif tag == "meta" and values.get("name"):
            page.meta.setdefault(values["name"], values.get("content", ""))
        elif tag == "a" and values.get("href"):
            self._anchor = (values["href"], [])
        elif tag == "img":
            alt = dict(attrs).get("alt")
            page.images.append(Image(values.get("src", ""), alt, excerpt_of(tag, attrs)))
        elif (tag == "link" and values.get("href") and "stylesheet" in values.get("rel", "")) or (
            tag == "script" and values.get("src")
        ):
            page.resources.append(values.get("href") or values["src"])
        elif tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self._heading = (int(tag[1]), [])
        elif tag == "label":
            self._label_depth += 1
            if values.get("for"):
                page.label_for.add(values["for"])
        elif tag in {"input", "select", "textarea"} and values.get("type", "").lower() not in UNLABELLED_INPUT_TYPES:
            labelled = bool(
                self._label_depth or values.get("aria-label") or values.get("aria-labelledby") or values.get("title")
            )
            page.fields.append(FormField(excerpt_of(tag, attrs), values.get("id", ""), labelled))
        elif tag in {"script", "style"}:
            self._skip_depth += 1

    def handle_endtag(self, tag):
        if tag == "a" and self._anchor:
            href, text = self._anchor
            self.page.anchors.append(Anchor(href, "".join(text).strip()))
            self._anchor = None
        elif tag in {"h1", "h2", "h3", "h4", "h5", "h6"} and self._heading:
            level, text = self._heading
            self.page.headings.append((level, "".join(text).strip()))
            self._heading = None
        elif tag == "label" and self._label_depth:
            self._label_depth -= 1
        elif tag in {"script", "style"} and self._skip_depth:
            self._skip_depth -= 1

    def handle_data(self, data):
        if self._skip_depth:
            return
        self._text.append(data)
        if self._anchor:
            self._anchor[1].append(data)
        if self._heading:
            self._heading[1].append(data)

    def close(self):
        super().close()
        self.page.text = " ".join("".join(self._text).split())


def parse_page(html: str) -> ParsedPage:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.page
