"""Ids taken from URLs, checked before they reach the database."""

# Page ids are 32-bit. Django answers "no such row" for an out-of-range id on a plain integer field,
# but not on a page type's primary key (a link to its Page row): there the database raises.
MAX_PAGE_ID = 2**31 - 1


def is_possible_page_id(value: int) -> bool:
    return 0 < value <= MAX_PAGE_ID
