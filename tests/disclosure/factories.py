"""Disclosure on sites of their own: the platform page, policy articles, entries and requests."""

import factory
from django.contrib.auth import get_user_model
from wagtail.models import Site

from disclosure.enums import ApplicantType, DeliveryMethod, IdDocumentType
from disclosure.models import CatalogueEntry, DisclosurePage
from sites.enums import ColumnType
from sites.models import ColumnPage, SiteProfile
from tests.sites.factories import ArticlePageFactory, SiteFactory

# A resident ID number with a correct check digit (the last one).
VALID_RESIDENT_ID = "11010519491231002X"
VALID_CREDIT_CODE = "91350100M000100Y43"


def policy_column(site: Site) -> ColumnPage:
    return ColumnPage.objects.get(column_type=ColumnType.POLICY_FILES, path__startswith=site.root_page.path)


def platform_page(site: Site) -> DisclosurePage:
    """The site's 政府信息公开 page, added under its home if it has none."""
    existing = DisclosurePage.objects.descendant_of(site.root_page).first()
    if existing:
        return existing
    page = DisclosurePage(title="政府信息公开", slug="xxgk")
    site.root_page.add_child(instance=page)
    page.save_revision().publish()
    return page


def publish_policy(site: Site, **fields):
    """A policy article published on `site` (its publish reaches the catalogue once committed)."""
    page = ArticlePageFactory(parent=policy_column(site), live=False, **fields)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def staff_of(site: Site, username: str, reviewer: bool = False):
    profile = SiteProfile.for_site(site)
    user = get_user_model().objects.create_user(username=username, password="x")
    user.groups.add(profile.reviewer_group if reviewer else profile.editor_group)
    return user


class CatalogueEntryFactory(factory.django.DjangoModelFactory):
    """An entry without a page: a file held only as an attachment."""

    class Meta:
        model = CatalogueEntry

    title = factory.Sequence(lambda n: f"测试公开信息{n}")
    summary = "测试内容概述"
    organisation = factory.LazyFunction(lambda: SiteProfile.for_site(SiteFactory()).organisation)


def request_data(**overrides) -> dict[str, str]:
    """What a citizen fills in, as the form posts it (organisation and token added by the caller)."""
    return {
        "applicant_type": ApplicantType.CITIZEN,
        "name": "王小明",
        "contact_person": "",
        "id_type": IdDocumentType.RESIDENT_ID,
        "id_number": VALID_RESIDENT_ID,
        "phone": "13907930001",
        "email": "wang@example.com",
        "address": "江西省上饶市信州区",
        "description": "请公开2025年本级财政预算执行情况的报告。",
        "delivery": DeliveryMethod.EMAIL,
        **overrides,
    }
