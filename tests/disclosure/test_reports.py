from datetime import date
from http import HTTPStatus

import pytest

from disclosure import applications
from disclosure.applications import submit_request
from disclosure.models import AnnualReport, DisclosureGuide, GenreCategory
from disclosure.reports import publish_report, report_due_on, shortfalls
from sites.models import Organisation, SiteProfile
from tests.disclosure.factories import CatalogueEntryFactory, platform_page, request_data
from tests.sites.factories import OrganisationFactory, SiteFactory

pytestmark = pytest.mark.django_db


def test_report_due__january_for_departments_march_for_governments():
    government = Organisation(kind="county")
    department = Organisation(kind="department")
    assert report_due_on(government, 2025) == date(2026, 3, 31)
    assert report_due_on(department, 2025) == date(2026, 1, 31)
    # §49–50 bind administrative organs; 公共企事业单位 follow their sector's rules.
    assert report_due_on(Organisation(kind="public institution"), 2025) is None


def test_published_report__carries_the_years_catalogue_and_request_figures(client):
    site = SiteFactory()
    organisation = SiteProfile.for_site(site).organisation
    rules = GenreCategory.objects.get(name="规范性文件")
    entry = CatalogueEntryFactory(organisation=organisation, genre=rules)
    year = entry.year
    request = submit_request(request_data(), organisation, "r1", received_on=date(year, 3, 2))[0]
    applications.answer(request, None, "not_held", on=date(year, 3, 10))
    report = AnnualReport.objects.create(organisation=organisation, year=year, overview="总体", problems="问题")
    publish_report(report)
    assert report.figures["proactive"]["by_genre"]["规范性文件"] == 1
    assert report.figures["requests"]["received"] == 1
    assert report.figures["requests"]["by_outcome"]["本机关不掌握相关政府信息"] == 1
    html = client.get(f"{platform_page(site).url}reports/{report.pk}/", HTTP_HOST=site.hostname).content.decode()
    assert "本机关不掌握相关政府信息" in html


def test_draft_report__is_not_public(client):
    site = SiteFactory()
    report = AnnualReport.objects.create(
        organisation=SiteProfile.for_site(site).organisation, year=2025, overview="总体", problems="问题"
    )
    response = client.get(f"{platform_page(site).url}reports/{report.pk}/", HTTP_HOST=site.hostname)
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_shortfalls__name_organisations_missing_a_guide_or_an_overdue_report():
    site = SiteFactory()
    government = SiteProfile.for_site(site).organisation
    department = OrganisationFactory(parent=government, division_code=government.division_code)
    DisclosureGuide.objects.create(
        organisation=government, classification="分类", how_to_obtain="方式", office_name="办公室",
        office_address="地址", office_hours="工作日", phone="0793-1", fax="0793-2", web_contact="a@example.com",
    )  # fmt: skip
    scope = Organisation.objects.filter(pk__in=[government.pk, department.pk])
    # In February the department's report (due 31 January) is late, the government's (31 March) is not.
    found = {item.organisation: item for item in shortfalls(scope, today=date(2026, 2, 15))}
    assert government not in found
    assert found[department].missing_guide
    assert found[department].missing_report
    found = {item.organisation: item for item in shortfalls(scope, today=date(2026, 4, 1))}
    assert found[government].missing_report
    assert not found[government].missing_guide


def test_guides_page__lists_every_section_of_the_guide(client):
    site = SiteFactory()
    DisclosureGuide.objects.create(
        organisation=SiteProfile.for_site(site).organisation, classification="按主题分类", how_to_obtain="网上查阅",
        office_name="政务公开办", office_address="某路1号", office_hours="工作日", phone="0793-8208000",
        fax="0793-8208001", web_contact="gk@example.gov.cn",
    )  # fmt: skip
    html = client.get(f"{platform_page(site).url}guide/", HTTP_HOST=site.hostname).content.decode()
    for text in (
        "按主题分类",
        "网上查阅",
        "政务公开办",
        "某路1号",
        "0793-8208000",
        "0793-8208001",
        "gk@example.gov.cn",
    ):
        assert text in html


def test_shortfalls__ask_public_institutions_for_a_guide_only():
    institution = Organisation.objects.get(code="361100-zls")
    found = {item.organisation: item for item in shortfalls(Organisation.objects.filter(pk=institution.pk))}
    assert institution not in found  # the demo gives it a guide, and no report is due
    DisclosureGuide.objects.filter(organisation=institution).delete()
    (item,) = shortfalls(Organisation.objects.filter(pk=institution.pk), today=date(2026, 12, 1))
    assert item.missing_guide and not item.missing_report
