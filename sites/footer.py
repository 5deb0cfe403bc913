"""The items every government site's footer carries (国办发〔2017〕47号 网站设计规范).

One definition: themes render the footer from it (`cluster_tags.site_footer`) and audits require
of every crawled page what it lists, found in the page's text and image alternatives as each item says.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from sites.models import SiteProfile
from sites.validators import icp_number_validator, police_filing_validator

BADGE = "badge"


def _unanchored(pattern: str) -> re.Pattern:
    """A validator's whole-value pattern, to find the value inside a page's text."""
    return re.compile(pattern.removeprefix("^").removesuffix("$"))


ICP_NUMBER = _unanchored(icp_number_validator.regex.pattern)
POLICE_FILING_NUMBER = _unanchored(police_filing_validator.regex.pattern)


@dataclass(frozen=True)
class FooterItem:
    name: str
    # The footer line the item is on (items of one line are shown in order), or BADGE beside the text.
    line: str
    template: str
    # Profile fields the item shows; the item is left out while all are empty. None: always shown.
    fields: tuple[str, ...] | None
    # Whether a rendered page carries the item, from its text and its images' alternative texts.
    found: Callable[[str, list[str]], bool]

    def shown(self, profile: SiteProfile) -> bool:
        return self.fields is None or any(getattr(profile, name) for name in self.fields)


FOOTER_ITEMS = (
    FooterItem(
        "党政机关网站标识",
        BADGE,
        "includes/footer/conac.html",
        None,
        lambda text, alts: "党政机关" in alts,
    ),
    FooterItem(
        "主办单位",
        "sponsor",
        "includes/footer/sponsor.html",
        ("sponsor",),
        lambda text, alts: "主办单位" in text,
    ),
    FooterItem(
        "联系方式",
        "contact",
        "includes/footer/contact.html",
        ("address", "postcode", "phone", "email"),
        lambda text, alts: any(word in text for word in ("电话", "邮箱", "地址")),
    ),
    FooterItem(
        "网站标识码",
        "codes",
        "includes/footer/site_code.html",
        ("site_code",),
        lambda text, alts: "网站标识码" in text,
    ),
    FooterItem(
        "ICP备案号",
        "codes",
        "includes/footer/icp_number.html",
        ("icp_number",),
        lambda text, alts: bool(ICP_NUMBER.search(text)),
    ),
    FooterItem(
        "公安机关备案号",
        "codes",
        "includes/footer/police_filing.html",
        ("police_filing_number",),
        lambda text, alts: bool(POLICE_FILING_NUMBER.search(text)),
    ),
)


def footer_layout(profile: SiteProfile | None) -> tuple[list[FooterItem], list[list[FooterItem]]]:
    """The badges and the text lines of a site's footer: the items of `FOOTER_ITEMS` its profile fills."""
    badges: list[FooterItem] = []
    lines: dict[str, list[FooterItem]] = {}
    for item in FOOTER_ITEMS:
        if profile is None or not item.shown(profile):
            continue
        if item.line == BADGE:
            badges.append(item)
        else:
            lines.setdefault(item.line, []).append(item)
    return badges, list(lines.values())


def missing_footer_items(text: str, image_alts: list[str]) -> list[str]:
    """Names of the items a rendered page lacks."""
    return [item.name for item in FOOTER_ITEMS if not item.found(text, image_alts)]
