"""Which sensitive words a text contains.

`flagged_words(text)` is the one interface the interviews use; today it reads the
`SensitiveWord` table that cluster administrators keep. A cluster-wide list for publishing can
take its place behind the same function.
"""

from interviews.models import SensitiveWord


def flagged_words(text: str) -> list[str]:
    """The sensitive words found in `text`, in list order, each once (case-insensitive)."""
    folded = text.casefold()
    return [word for word in SensitiveWord.objects.values_list("word", flat=True) if word.casefold() in folded]
