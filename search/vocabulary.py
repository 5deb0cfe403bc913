"""Word segmentation with rjieba (jieba's Rust port), taught the government terms editors keep in `GovernmentTerm`.

Recall never depends on it (see `search.analysis`); it finds the words that suggestions offer,
and keeps terms such as 乡乡通 or 政务服务专网 whole instead of cutting them into 乡乡 + 通.
rjieba cuts as jieba does, with the same dictionary, many times faster (`benchmarks/search_speed.py`).
"""

import threading

import rjieba


class _Segmenter:
    """One segmenter for the process, knowing the terms it was taught."""

    lock = threading.Lock()
    terms: frozenset[str] = frozenset()
    jieba = rjieba.Jieba()


def _ensure_terms() -> rjieba.Jieba:
    from search.models import GovernmentTerm

    terms = frozenset(GovernmentTerm.objects.values_list("word", flat=True))
    with _Segmenter.lock:
        if not terms >= _Segmenter.terms:
            # rjieba cannot forget a word: a term removed means a fresh segmenter.
            _Segmenter.jieba, _Segmenter.terms = rjieba.Jieba(), frozenset()
        for word in terms - _Segmenter.terms:
            _Segmenter.jieba.add_word(word, 100_000, None)
        _Segmenter.terms = terms
        return _Segmenter.jieba


def words(text: str) -> list[str]:
    """The words of `text` of two characters or more, government terms kept whole."""
    return [word for word in _ensure_terms().cut(text, False) if len(word.strip()) >= 2]
