"""Word segmentation with jieba, taught the government terms editors keep in `GovernmentTerm`.

Recall never depends on it (see `search.analysis`); it finds the words that suggestions offer,
and keeps terms such as 乡乡通 or 政务服务专网 whole instead of cutting them into 乡乡 + 通.
"""

import threading

import jieba

_lock = threading.Lock()
_loaded_terms: set[str] = set()
_tokenizer = jieba.Tokenizer()


def _ensure_terms() -> None:
    from search.models import GovernmentTerm

    terms = set(GovernmentTerm.objects.values_list("word", flat=True))
    with _lock:
        for word in terms - _loaded_terms:
            _tokenizer.add_word(word, freq=100_000)
        for word in _loaded_terms - terms:
            _tokenizer.del_word(word)
        _loaded_terms.clear()
        _loaded_terms.update(terms)


def words(text: str) -> list[str]:
    """The words of `text` of two characters or more, government terms kept whole."""
    _ensure_terms()
    return [word for word in _tokenizer.cut(text, HMM=False) if len(word.strip()) >= 2]
