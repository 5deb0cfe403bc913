from http import HTTPStatus

import pytest
from django.core.cache import cache
from wagtail.models import Site

from disclosure.catalogue import scope_organisations
from disclosure.models import AnnualReport, CatalogueEntry, DisclosurePage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("host", ["www.localhost", "xinzhou.localhost", "fgw.localhost"])
def test_query_budget__every_platform_view_stays_within_20_queries(client, host, django_assert_max_num_queries):
    site = Site.objects.get(hostname=host)
    page = DisclosurePage.objects.descendant_of(site.root_page).get()
    base = page.relative_url(site)
    entry = CatalogueEntry.objects.public().filter(organisation__in=scope_organisations(site)).first()
    report = AnnualReport.objects.filter(organisation__in=scope_organisations(site)).first()
    paths = [base, f"{base}?q=政务&year=2026&validity=valid", f"{base}entry/{entry.pk}/", f"{base}guide/",
             f"{base}reports/", f"{base}reports/{report.pk}/", f"{base}apply/", f"{base}status/"]  # fmt: skip
    for path in paths:
        client.get(path, HTTP_HOST=host)
        cache.clear()
        with django_assert_max_num_queries(20):
            assert client.get(path, HTTP_HOST=host).status_code == HTTPStatus.OK, path


def test_catalogue_page__is_cached_per_filter_for_anonymous_visitors(client, settings):
    settings.PAGE_CACHE_SECONDS = 60
    site = Site.objects.get(hostname="xinzhou.localhost")
    url = DisclosurePage.objects.descendant_of(site.root_page).get().relative_url(site)
    assert client.get(url, {"q": "政务"}, HTTP_HOST=site.hostname)["X-Page-Cache"] == "miss"
    assert client.get(url, {"q": "政务"}, HTTP_HOST=site.hostname)["X-Page-Cache"] == "hit"
    assert client.get(url, {"q": "不同"}, HTTP_HOST=site.hostname)["X-Page-Cache"] == "miss"
    # The form pages answer each visitor afresh.
    assert "X-Page-Cache" not in client.get(f"{url}apply/", HTTP_HOST=site.hostname)
