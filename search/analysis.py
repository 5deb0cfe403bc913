"""How Chinese text becomes search tokens, and a citizen's query becomes terms.

Recall comes from overlapping bigrams searched as phrases: text is cut into units (each CJK
character on its own; a run of ASCII letters and digits as one unit, so `2012`, `APP` and `MOA`
stay whole), and every pair of neighbouring units within a run of text becomes a token. A query
is cut the same way and searched as a phrase of those tokens, so a document matches exactly
when it contains the query's units in order: `电子政务` finds `…全市电子政务工作要点…`, and
`2012年` finds `2012年` without a prefix search on a lone `年`. ASCII units are also tokens of
their own, so `APP` alone is found. Word segmentation (jieba) is not needed for recall; it
serves suggestions and the government terms dictionary (`search.vocabulary`).

Every token holds only letters and digits, so no query can inject engine syntax.
"""

import re
import unicodedata
from dataclasses import dataclass
from itertools import pairwise

# Longer queries are refused, not cut: a cut query would silently search for something else.
MAX_QUERY_LENGTH = 100
MAX_TERMS = 8
# One ASCII unit stops here: a 5,000-letter "word" is noise, not a term.
MAX_UNIT_LENGTH = 40

_ASCII_UNIT = re.compile(r"[a-z0-9]+")


class QueryError(ValueError):
    """A query that cannot be searched; the message is shown to the citizen as it is."""


def normalise(text: str) -> str:
    """Full-width letters and digits to half-width, lower case, for indexing and querying alike."""
    return unicodedata.normalize("NFKC", text).lower()


def _runs(text: str) -> list[list[str]]:
    """The units of `text`, grouped into runs that whitespace and punctuation separate."""
    runs: list[list[str]] = []
    current: list[str] = []
    position = 0
    length = len(text)
    while position < length:
        char = text[position]
        if char.isascii() and char.isalnum():
            match = _ASCII_UNIT.match(text, position)
            if match is None:  # an upper-case letter NFKC left alone, such as a Roman numeral
                current.append(char.lower())
                position += 1
                continue
            current.append(match.group()[:MAX_UNIT_LENGTH])
            position = match.end()
        elif char.isalnum():
            current.append(char)
            position += 1
        else:
            if current:
                runs.append(current)
                current = []
            position += 1
    if current:
        runs.append(current)
    return runs


def _run_tokens(run: list[str]) -> list[str]:
    if len(run) == 1:
        return run[:]
    tokens: list[str] = []
    for left, right in pairwise(run):
        if left.isascii():
            tokens.append(left)
        tokens.append(left + right)
    if run[-1].isascii():
        tokens.append(run[-1])
    return tokens


def index_tokens(text: str) -> list[str]:
    """The tokens of `text`, in order, for the index."""
    tokens: list[str] = []
    for run in _runs(normalise(text)):
        tokens.extend(_run_tokens(run))
    return tokens


@dataclass(frozen=True)
class Term:
    """One whitespace-separated part of a query: its text and the phrase of tokens it is."""

    text: str
    units: tuple[str, ...]
    tokens: tuple[str, ...]


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    terms: tuple[Term, ...]


def _has_bad_characters(text: str) -> bool:
    return any(
        (unicodedata.category(char) in {"Cc", "Cs", "Co", "Cn"} and char not in "\t\n\r") or char == "\ufffd"
        for char in text
    )


def parse_query(raw: str | None) -> ParsedQuery:
    """The query's terms; a query that cannot be searched raises `QueryError` saying why, in Chinese.

    Punctuation inside a term is ignored (`〔2012〕39号` is the phrase 2012 39 39号); whitespace
    separates terms, all of which must match.
    """
    text = (raw or "").strip()
    if not text:
        raise QueryError("请输入检索词。")
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryError(f"检索词过长，请控制在{MAX_QUERY_LENGTH}个字以内。")
    if _has_bad_characters(text):
        raise QueryError("检索词中含有无法识别的字符，请删除后重新输入。")
    terms: list[Term] = []
    for part in text.split():
        runs = _runs(normalise(part))
        units = tuple(unit for run in runs for unit in run)
        # A lone CJK character matches half the cluster; it only narrows a longer query.
        if not units or (len(units) == 1 and not units[0].isascii()):
            continue
        tokens = tuple(token for run in runs for token in _run_tokens(run))
        if all(existing.tokens != tokens for existing in terms):
            terms.append(Term(part, units, tokens))
    if not terms:
        raise QueryError("检索词至少需要两个汉字或一个英文单词、数字，请补充后再试。")
    if len(terms) > MAX_TERMS:
        raise QueryError(f"检索词过多，请不要超过{MAX_TERMS}个（以空格分隔）。")
    return ParsedQuery(text, tuple(terms))


def highlight_pattern(query: ParsedQuery) -> re.Pattern[str]:
    """Finds the query's terms in normalised text, punctuation between units allowed, as matching does."""
    alternatives = []
    for term in sorted(query.terms, key=lambda term: -len(term.units)):
        parts = []
        for unit in term.units:
            escaped = re.escape(unit)
            parts.append(rf"(?<![a-z0-9]){escaped}(?![a-z0-9])" if unit.isascii() else escaped)
        alternatives.append(r"[^\w]{0,3}".join(parts))
    return re.compile("|".join(alternatives))


def _fold(char: str) -> str:
    """`normalise` for one character, keeping the length so positions map back to the original."""
    folded = unicodedata.normalize("NFKC", char).lower()
    return folded if len(folded) == 1 else char


def snippet(text: str, query: ParsedQuery, width: int = 120) -> list[tuple[str, bool]]:
    """A window of `text` around the first hit, as (fragment, is_hit) pairs for safe rendering."""
    normalised = text
    folded = "".join(_fold(char) for char in text)
    pattern = highlight_pattern(query)
    first = pattern.search(folded)
    start = max(0, first.start() - width // 4) if first else 0
    end = min(len(normalised), start + width)
    fragments: list[tuple[str, bool]] = []
    if start > 0:
        fragments.append(("…", False))
    cursor = start
    for match in pattern.finditer(folded, start, end):
        if match.start() > cursor:
            fragments.append((normalised[cursor : match.start()], False))
        fragments.append((normalised[match.start() : match.end()], True))
        cursor = match.end()
    if cursor < end:
        fragments.append((normalised[cursor:end], False))
    if end < len(normalised):
        fragments.append(("…", False))
    return fragments
