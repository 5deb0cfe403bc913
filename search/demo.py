"""Demo curation: the government terms dictionary and a best bet on the city portal."""

from wagtail.models import Site

from search.models import BestBet, GovernmentTerm
from sites.models import ArticlePage

GOVERNMENT_TERMS = ("乡乡通", "政务服务专网", "一网通办", "一网通", "赣服通", "放管服", "电子政务", "营商环境")
DEMO_BEST_BET = ("电子政务", "关于印发2012年全市电子政务工作要点的通知")


def seed_demo(sites: list[Site]) -> None:
    for word in GOVERNMENT_TERMS:
        GovernmentTerm.objects.get_or_create(word=word)
    city = next((site for site in sites if site.is_default_site), None)
    query, title = DEMO_BEST_BET
    page = ArticlePage.objects.filter(title=title).first()
    if city and page and not BestBet.objects.filter(site=city, query=query).exists():
        BestBet.objects.create(site=city, query=query, page=page)
