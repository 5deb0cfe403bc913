from disclosure.models.catalogue import (
    CatalogueEntry,
    CatalogueSettings,
    EntryAttachment,
    EntryTag,
    GenreCategory,
    IndexSerial,
    IssuedIndexNumber,
    ThemeCategory,
)
from disclosure.models.pages import DisclosurePage
from disclosure.models.reports import AnnualReport, DisclosureGuide
from disclosure.models.requests import InformationRequest, RequestEvent

__all__ = [
    "AnnualReport",
    "CatalogueEntry",
    "CatalogueSettings",
    "DisclosureGuide",
    "DisclosurePage",
    "EntryAttachment",
    "EntryTag",
    "GenreCategory",
    "IndexSerial",
    "InformationRequest",
    "IssuedIndexNumber",
    "RequestEvent",
    "ThemeCategory",
]
