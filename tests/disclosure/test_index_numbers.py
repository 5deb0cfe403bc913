import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import timezone

from disclosure.index_numbers import assign_index_number, render, scope_of, validate_pattern
from disclosure.models import CatalogueEntry, CatalogueSettings, IssuedIndexNumber, ThemeCategory
from sites.models import SiteProfile
from tests.disclosure.factories import CatalogueEntryFactory, policy_column
from tests.sites.factories import ArticlePageFactory, SiteFactory


@pytest.mark.parametrize(
    "pattern",
    ["{org_code}/{year}", "{org_code}/{year}-{serial:05}-{serial}", "{unknown}-{serial:05}", "{org_code/{serial}"],
)
def test_pattern_without_one_serial_or_with_unknown_tokens__is_refused(pattern):
    with pytest.raises(ValidationError):
        validate_pattern(pattern)


def test_default_pattern__renders_organisation_code_year_and_padded_serial():
    values = {"org_code": "000014349", "year": 2017}
    assert render("{org_code}/{year}-{serial:05}", values, 110) == "000014349/2017-00110"
    assert scope_of("{org_code}/{year}-{serial:05}", values) == "000014349/2017-#"


@pytest.mark.django_db
def test_serials__count_per_organisation_and_year():
    first = CatalogueEntryFactory()
    second = CatalogueEntryFactory(organisation=first.organisation)
    other = CatalogueEntryFactory()
    year = timezone.localdate().year
    code = first.organisation.code
    assert (first.index_number, second.index_number) == (f"{code}/{year}-00001", f"{code}/{year}-00002")
    assert other.index_number == f"{other.organisation.code}/{year}-00001"


@pytest.mark.django_db
def test_configured_pattern__uses_division_and_category_codes():
    settings = CatalogueSettings.load()
    settings.index_pattern = "{division_code}-{category_code}-{year}-{serial:04}"
    settings.save()
    theme = ThemeCategory.objects.order_by("code").first()
    entry = CatalogueEntryFactory(theme=theme)
    year = timezone.localdate().year
    assert entry.index_number == f"{entry.organisation.division_code}-{theme.code}-{year}-0001"


@pytest.mark.django_db
def test_index_number__never_changes_once_given():
    entry = CatalogueEntryFactory()
    number = entry.index_number
    entry.theme = ThemeCategory.objects.last()
    entry.title = "改了名称"
    entry.save()
    assert assign_index_number(entry) == number
    entry.refresh_from_db()
    assert entry.index_number == number


@pytest.mark.django_db
def test_deleted_entrys_number__is_never_issued_again():
    entry = CatalogueEntryFactory()
    organisation, number = entry.organisation, entry.index_number
    entry.delete()
    # Even if the counter went back (a restored backup, a changed pattern), the issued number is skipped.
    from disclosure.models import IndexSerial

    IndexSerial.objects.update(last=0)
    again = CatalogueEntryFactory(organisation=organisation)
    assert again.index_number != number
    assert IssuedIndexNumber.objects.filter(number=number).exists()


@pytest.mark.django_db
def test_draft_policy_page__has_no_number_until_published(django_capture_on_commit_callbacks):
    site = SiteFactory()
    page = ArticlePageFactory(parent=policy_column(site), live=False)
    page.save_revision()
    assert not CatalogueEntry.objects.filter(page=page).exists()
    with django_capture_on_commit_callbacks(execute=True):
        page.get_latest_revision().publish()
    assert CatalogueEntry.objects.get(page=page).index_number.startswith(SiteProfile.for_site(site).organisation.code)


PARALLEL = 8


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks under real concurrency need PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_publishes__take_distinct_consecutive_numbers():
    site = SiteFactory()
    column = policy_column(site)
    pages = [ArticlePageFactory(parent=column, live=False) for _ in range(PARALLEL)]
    for page in pages:
        page.save_revision()
    barrier = threading.Barrier(PARALLEL)
    failures: list[BaseException] = []

    def publish(page):
        try:
            barrier.wait()
            page.get_latest_revision().publish()
        except BaseException as error:  # noqa: BLE001 (reported by the test thread)
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=publish, args=(page,)) for page in pages]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    numbers = sorted(CatalogueEntry.objects.filter(page__in=pages).values_list("index_number", flat=True))
    year = timezone.localdate().year
    code = SiteProfile.for_site(site).organisation.code
    assert numbers == [f"{code}/{year}-{serial:05}" for serial in range(1, PARALLEL + 1)]
