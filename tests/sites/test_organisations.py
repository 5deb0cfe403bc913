import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Site

from sites.divisions import LEGACY_DIVISION_CODES, current_division_code, read_divisions
from sites.enums import OrganisationKind
from sites.models import Organisation, SiteProfile

pytestmark = pytest.mark.django_db


def test_tree__city_has_the_twelve_divisions_of_the_csv():
    city = Organisation.objects.get(code="361100")
    counties = city.children.filter(kind__in=[k.value for k in OrganisationKind if k != OrganisationKind.DEPARTMENT])
    expected = {division.code for division in read_divisions() if division.parent_code}
    governments = {organisation.code for organisation in counties if organisation.is_government}
    assert governments == expected
    assert len(expected) == 12


def test_tree__city_departments_and_management_committees():
    city = Organisation.objects.get(code="361100")
    names = set(city.children.values_list("name", flat=True))
    for name in (
        "上饶市发展和改革委员会",
        "上饶市教育局",
        "上饶市公安局",
        "上饶市财政局",
        "上饶市行政审批局",
        "上饶市数据管理局",
        "上饶经济技术开发区管理委员会",
        "三清山风景名胜区管理委员会",
    ):
        assert name in names


def test_tree__every_county_has_departments_without_sites_of_their_own():
    with_sites = set(SiteProfile.objects.values_list("organisation_id", flat=True))
    for county in Organisation.objects.filter(parent__code="361100").governments():
        departments = county.children.filter(kind=OrganisationKind.DEPARTMENT)
        assert departments.count() >= 3, county.name
        assert not departments.filter(pk__in=with_sites).exists(), county.name
        assert county.pk in with_sites


@pytest.mark.parametrize(("old", "new"), sorted(LEGACY_DIVISION_CODES.items()))
def test_get_by_code__maps_retired_division_codes(old, new):
    assert current_division_code(old) == new
    assert Organisation.objects.get_by_code(old).code == new


def test_department__belongs_to_its_government():
    education = Organisation.objects.get(code="361102-jytyj")
    assert education.government().code == "361102"
    assert education.division_code == "361102"


def test_site_profile__site_code_must_start_with_the_division_code():
    profile = SiteProfile.for_site(Site.objects.get(hostname="xinzhou.localhost"))
    profile.site_code = "3611000099"
    with pytest.raises(ValidationError) as error:
        profile.full_clean()
    assert "行政区划代码 361102" in str(error.value)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("site_code", "36110200", "网站标识码应为10位"),
        ("icp_number", "ICP备12345678号", "ICP备案号格式"),
        ("icp_number", "赣ICP备ABC号", "ICP备案号格式"),
        ("police_filing_number", "赣公网安备 3611号", "公安机关备案号格式"),
        ("primary_colour", "red", "颜色应为"),
    ],
)
def test_site_profile__rejects_malformed_codes_in_chinese(field, value, message):
    profile = SiteProfile.for_site(Site.objects.get(hostname="xinzhou.localhost"))
    setattr(profile, field, value)
    with pytest.raises(ValidationError) as error:
        profile.full_clean()
    assert message in str(error.value)


def test_site_profile__demo_codes_are_valid():
    for profile in SiteProfile.objects.select_related("organisation"):
        profile.full_clean()
        assert len(profile.site_code) == 10
        assert profile.site_code.startswith(profile.organisation.division_code)
