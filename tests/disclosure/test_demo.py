from http import HTTPStatus

import pytest
from wagtail.models import Site

from disclosure.enums import RequestStatus
from disclosure.models import AnnualReport, CatalogueEntry, DisclosureGuide, DisclosurePage, InformationRequest
from sites.models import SiteProfile

pytestmark = pytest.mark.django_db


def test_every_site_with_an_organisation__has_a_platform_page_and_numbered_catalogue():
    for site in Site.objects.all():
        organisation = SiteProfile.for_site(site).organisation
        if organisation is None:
            continue
        assert DisclosurePage.objects.live().descendant_of(site.root_page).exists(), site.hostname
        assert CatalogueEntry.objects.public().filter(organisation__in=organisation.subtree()).exists(), site.hostname
        assert DisclosureGuide.objects.filter(organisation=organisation).exists()
        assert AnnualReport.objects.filter(organisation=organisation, published_at__isnull=False).exists()


def test_demo_requests__cover_every_state():
    assert set(InformationRequest.objects.values_list("status", flat=True)) == set(RequestStatus.values)


def test_seed_demo_twice__adds_nothing():
    from disclosure.demo import seed_demo

    counts = (CatalogueEntry.objects.count(), InformationRequest.objects.count(), DisclosureGuide.objects.count())
    seed_demo(list(Site.objects.all()))
    assert (
        CatalogueEntry.objects.count(),
        InformationRequest.objects.count(),
        DisclosureGuide.objects.count(),
    ) == counts


def test_city_platform__lists_the_whole_cluster(client):
    site = Site.objects.get(is_default_site=True)
    page = DisclosurePage.objects.descendant_of(site.root_page).get()
    response = client.get(page.url, HTTP_HOST=site.hostname)
    assert response.status_code == HTTPStatus.OK
    # The county portals' organisations are in the city platform's tree.
    assert "信州区" in response.content.decode()
