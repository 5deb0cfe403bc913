from http import HTTPStatus

import pytest
from wagtail.models import Site

from disclosure.applications import overdue, pauses_of
from disclosure.deadlines import answer_deadline
from disclosure.demo import OVERDUE_DEMO_SITES
from disclosure.enums import RequestStatus
from disclosure.models import AnnualReport, CatalogueEntry, DisclosureGuide, DisclosurePage, InformationRequest
from sites.enums import OrganisationKind
from sites.models import Organisation, SiteProfile

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


def test_demo_requests__cover_every_state_on_every_site_and_an_overdue_one_on_three():
    for profile in SiteProfile.objects.exclude(organisation=None):
        requests = InformationRequest.objects.filter(organisation=profile.organisation)
        assert set(requests.values_list("status", flat=True)) == set(RequestStatus.values), profile.site.hostname
        assert overdue(requests).exists() == (profile.site.hostname.split(".")[0] in OVERDUE_DEMO_SITES)
        assert requests.filter(status="answered").values("outcome").distinct().count() >= 3
        # The scripted log agrees with the request: the deadline recomputed from its events is the stored one.
        extended = requests.get(status="extended")
        assert extended.due_on == answer_deadline(extended.received_on, pauses_of(extended), 10).due_on


def test_demo_public_institutions__have_numbered_entries_and_guides_on_the_city_platform(client):
    institutions = Organisation.objects.filter(kind=OrganisationKind.PUBLIC_INSTITUTION)
    assert {"上饶市自来水公司", "国网上饶供电公司", "上饶市人民医院", "上饶市公共交通公司"} <= set(
        institutions.values_list("name", flat=True)
    )
    for institution in institutions:
        assert CatalogueEntry.objects.public().filter(organisation=institution).count() >= 2
        assert DisclosureGuide.objects.filter(organisation=institution).exists()
        assert not SiteProfile.objects.filter(organisation=institution).exists()
    site = Site.objects.get(is_default_site=True)
    page = DisclosurePage.objects.descendant_of(site.root_page).get()
    html = client.get(page.url, HTTP_HOST=site.hostname).content.decode()
    aside = html[html.index("按机构浏览") : html.index("</aside>")]
    assert "<h3>公共企事业单位</h3>" in aside
    assert aside.index("公共企事业单位") < aside.index("市自来水公司")
    guides = client.get(f"{page.url}guide/", HTTP_HOST=site.hostname).content.decode()
    assert "上饶市人民医院" in guides


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
