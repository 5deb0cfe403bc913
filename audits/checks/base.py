"""What every check is: a code, the rule it implements, a severity, and a function of the audit context."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

from wagtail.models import Site

from audits.crawler import CrawlResult
from audits.enums import CheckCode, Severity
from sites.models import SiteProfile


@dataclass
class Observation:
    """One finding before it is stored: the problem, where, and the evidence."""

    message: str
    url: str = ""
    excerpt: str = ""


@dataclass
class AuditContext:
    site: Site
    profile: SiteProfile
    crawl: CrawlResult
    indicator_set: "object"
    today: date
    column_rules: dict = field(default_factory=dict)

    def is_internal(self, url: str) -> bool:
        return urlsplit(url).hostname == self.site.hostname

    def absolute(self, relative_url: str) -> str:
        return self.crawl.start_url.rstrip("/") + relative_url


@dataclass(frozen=True)
class Check:
    code: CheckCode
    rule: str
    severity: Severity
    run: Callable[[AuditContext], Iterable[Observation]]


def grouped(observations: Iterable[tuple[str, Observation]]) -> list[Observation]:
    """One observation per key, the first one seen, noting on how many pages the problem appears."""
    first: dict[str, Observation] = {}
    counts: dict[str, int] = {}
    for key, observation in observations:
        first.setdefault(key, observation)
        counts[key] = counts.get(key, 0) + 1
    for key, observation in first.items():
        if counts[key] > 1:
            observation.excerpt = f"{observation.excerpt}（共 {counts[key]} 处）"[:500]
    return list(first.values())
