"""How Chinese text becomes search tokens, and a citizen's query becomes terms.

Recall comes from overlapping bigrams searched as phrases: after NFKC and lower case, every
letter or digit is a unit, runs of units are what whitespace and punctuation separate, and each
pair of neighbouring units in a run is a token (a run of one unit is a token of its own). A query
is cut the same way and searched as a phrase of those tokens, so a document matches exactly when
it contains the query's text (punctuation aside): `电子政务` finds `…全市电子政务工作要点…`,
`2012年` finds `2012年` without a prefix search on a lone `年`, and `APP`, `IP地址` and
`〔2012〕39号` work as they are. Word segmentation (jieba) is not needed for recall; it serves
suggestions and the government terms dictionary (`search.vocabulary`).

Every token holds only letters and digits, so no query can inject engine syntax.
"""

import re
import unicodedata
from dataclasses import dataclass

# Longer queries are refused, not cut: a cut query would silently search for something else.
MAX_QUERY_LENGTH = 100
MAX_TERMS = 8


class QueryError(ValueError):
    """A query that cannot be searched; the message is shown to the citizen as it is."""


def normalise(text: str) -> str:
    """Full-width letters and digits to half-width, lower case, for indexing and querying alike."""
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    return text.lower()


# A unit is what `str.isalnum` accepts: a word character (`\w`) other than the underscore.
_RUN = re.compile(r"[^\W_]+")


def _runs(text: str) -> list[str]:
    """The runs of `text` (already normalised): letters and digits between separators."""
    return _RUN.findall(text)


def _run_tokens(run: str) -> list[str]:
    if len(run) == 1:
        return [run]
    return list(map(str.__add__, run, run[1:]))


def index_tokens(text: str) -> list[str]:
    """The tokens of `text`, in order, for the index."""
    tokens: list[str] = []
    for run in _runs(normalise(text)):
        if len(run) == 1:
            tokens.append(run)
        else:
            tokens += map(str.__add__, run, run[1:])
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
        units = tuple("".join(runs))
        # One character matches half the cluster; it only narrows a longer query.
        if len(units) < 2:
            continue
        if len(runs) > 1:
            # A one-character run at either end may continue the text's run there (〕年 in 〕年度):
            # it is left out of the phrase rather than required as a token of its own.
            runs = runs[1 if len(runs[0]) == 1 else 0 : -1 if len(runs[-1]) == 1 else None] or runs
        tokens = tuple(token for run in runs for token in _run_tokens(run))
        if all(existing.tokens != tokens for existing in terms):
            terms.append(Term(part, units, tokens))
    if not terms:
        raise QueryError("检索词至少需要两个字（汉字、字母或数字），请补充后再试。")
    if len(terms) > MAX_TERMS:
        raise QueryError(f"检索词过多，请不要超过{MAX_TERMS}个（以空格分隔）。")
    return ParsedQuery(text, tuple(terms))


def highlight_pattern(query: ParsedQuery) -> re.Pattern[str]:
    """Finds the query's terms in normalised text, punctuation between units allowed, as matching does."""
    alternatives = []
    for term in sorted(query.terms, key=lambda term: -len(term.units)):
        alternatives.append(r"[^\w]{0,3}".join(re.escape(unit) for unit in term.units))
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
