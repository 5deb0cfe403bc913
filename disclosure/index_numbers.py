"""索引号: rendered from the cluster's pattern, issued once per entry, unique and never reused.

The serial counts within a scope, the number with its serial left out (so the default pattern
counts per organisation and year). Issuing locks the scope's counter row until the transaction
commits, so concurrent publishes take consecutive serials; every number issued is also recorded
in `IssuedIndexNumber`, which outlives deleted entries and catches a pattern change that would
render an old number again.
"""

from string import Formatter

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

TOKENS = frozenset({"org_code", "division_code", "category_code", "genre_code", "year", "serial"})
# The code used when an entry has no theme or genre and the pattern asks for one.
UNCLASSIFIED_CODE = "0"
MAX_NUMBER_LENGTH = 100


def validate_pattern(pattern: str) -> None:
    try:
        fields = [(name, spec) for _text, name, spec, _conv in Formatter().parse(pattern) if name is not None]
    except ValueError as error:
        raise ValidationError("索引号格式有误：花括号不配对。") from error
    unknown = sorted({name for name, _spec in fields} - TOKENS)
    if unknown:
        raise ValidationError(f"索引号格式含有未知的字段：{'、'.join(unknown)}。")
    if [name for name, _spec in fields].count("serial") != 1:
        raise ValidationError("索引号格式必须含有一个 {serial} 流水号，如 {serial:05}。")
    try:
        render(pattern, _sample_values(), 1)
    except (ValueError, TypeError) as error:
        raise ValidationError(f"索引号格式无法使用：{error}") from error


def _sample_values() -> dict[str, object]:
    return {"org_code": "361100", "division_code": "361100", "category_code": "A", "genre_code": "B", "year": 2026}


def render(pattern: str, values: dict[str, object], serial: int) -> str:
    return pattern.format(**values, serial=serial)


def scope_of(pattern: str, values: dict[str, object]) -> str:
    """The pattern rendered with its serial left out: the serial counts within this."""
    parts = []
    for text, name, spec, _conversion in Formatter().parse(pattern):
        parts.append(text)
        if name == "serial":
            parts.append("#")
        elif name is not None:
            parts.append(format(values[name], spec or ""))
    return "".join(parts)


def values_for(entry) -> dict[str, object]:
    organisation = entry.organisation
    return {
        "org_code": organisation.code,
        "division_code": organisation.division_code,
        "category_code": entry.theme.code if entry.theme_id else UNCLASSIFIED_CODE,
        "genre_code": entry.genre.code if entry.genre_id else UNCLASSIFIED_CODE,
        "year": timezone.localtime(entry.published_at).year,
    }


def assign_index_number(entry) -> str:
    """Give `entry` its 索引号 if it has none; the number it already has otherwise.

    Safe under concurrent publishing: the entry row and the scope's counter are locked until
    the surrounding transaction commits.
    """
    from disclosure.models import CatalogueEntry, CatalogueSettings, IndexSerial, IssuedIndexNumber

    with transaction.atomic():
        locked = CatalogueEntry.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=entry.pk)
        if locked.index_number:
            entry.index_number = locked.index_number
            return locked.index_number
        pattern = CatalogueSettings.load().index_pattern
        values = values_for(locked)
        counter, _created = IndexSerial.objects.select_for_update().get_or_create(scope=scope_of(pattern, values))
        while True:
            counter.last += 1
            number = render(pattern, values, counter.last)[:MAX_NUMBER_LENGTH]
            if not IssuedIndexNumber.objects.filter(number=number).exists():
                break
        counter.save(update_fields=["last"])
        IssuedIndexNumber.objects.create(number=number)
        CatalogueEntry.objects.filter(pk=locked.pk).update(index_number=number)
    entry.index_number = number
    return number
