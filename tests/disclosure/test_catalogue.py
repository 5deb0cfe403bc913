import csv
import io
from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError

from disclosure.models import CatalogueEntry, ThemeCategory
from sites.enums import ColumnType, Validity
from sites.models import SiteProfile
from tests.disclosure.factories import CatalogueEntryFactory, platform_page, policy_column, publish_policy
from tests.sites.factories import ArticlePageFactory, ColumnPageFactory, SiteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    return SiteFactory()


def published_policy(site, capture, **fields):
    with capture(execute=True):
        return publish_policy(site, **fields)


def test_published_policy_file__enters_the_catalogue_with_the_pages_metadata(site, django_capture_on_commit_callbacks):
    page = published_policy(site, django_capture_on_commit_callbacks, document_number="测府发〔2026〕1号")
    entry = CatalogueEntry.objects.get(page=page)
    assert entry.title == page.title
    assert entry.document_number == "测府发〔2026〕1号"
    assert entry.organisation == SiteProfile.for_site(site).organisation
    assert entry.index_number
    assert entry.live


def test_news_article__is_not_catalogued_by_default(site, django_capture_on_commit_callbacks):
    news = ColumnPageFactory(parent=site.root_page, column_type=ColumnType.NEWS)
    with django_capture_on_commit_callbacks(execute=True):
        page = ArticlePageFactory(parent=news, live=False)
        page.save_revision().publish()
    assert not CatalogueEntry.objects.filter(page=page).exists()


def test_policy_column_itself__is_not_catalogued(site, django_capture_on_commit_callbacks):
    column = policy_column(site)
    with django_capture_on_commit_callbacks(execute=True):
        column.save_revision().publish()
    assert not CatalogueEntry.objects.filter(page=column).exists()


def test_republish__updates_the_entry_and_keeps_its_number(site, django_capture_on_commit_callbacks):
    page = published_policy(site, django_capture_on_commit_callbacks)
    number = CatalogueEntry.objects.get(page=page).index_number
    page.validity = Validity.REPEALED
    page.title = "已废止的文件"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    entry = CatalogueEntry.objects.get(page=page)
    assert (entry.index_number, entry.validity, entry.title) == (number, Validity.REPEALED, "已废止的文件")


def test_unpublished_page__leaves_the_public_catalogue_and_keeps_its_number(site, django_capture_on_commit_callbacks):
    page = published_policy(site, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    entry = CatalogueEntry.objects.get(page=page)
    assert not entry.live
    assert entry.index_number
    assert not CatalogueEntry.objects.public().filter(pk=entry.pk).exists()


def test_deleted_page__withdraws_its_entry(site, django_capture_on_commit_callbacks):
    page = published_policy(site, django_capture_on_commit_callbacks)
    entry = CatalogueEntry.objects.get(page=page)
    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    entry.refresh_from_db()
    assert entry.page_id is None
    assert not entry.live


def test_article_page__shows_its_index_number_and_metadata_table(site, client, django_capture_on_commit_callbacks):
    page = published_policy(site, django_capture_on_commit_callbacks, document_number="测府发〔2026〕2号")
    entry = CatalogueEntry.objects.get(page=page)
    html = client.get(page.url, HTTP_HOST=site.hostname).content.decode()
    assert "政府信息公开目录信息" in html
    assert entry.index_number in html


@pytest.mark.parametrize(("long_document", "length", "valid"), [(False, 300, True), (False, 301, False),
                                                                (True, 500, True), (True, 501, False)])  # fmt: skip
def test_summary__is_limited_to_300_or_500_characters_for_long_documents(long_document, length, valid):
    entry = CatalogueEntryFactory.build(summary="字" * length, long_document=long_document)
    if valid:
        entry.clean()
    else:
        with pytest.raises(ValidationError, match="内容概述不能超过"):
            entry.clean()


def test_standalone_entry__is_numbered_and_shown_with_its_metadata(site, client):
    entry = CatalogueEntryFactory(organisation=SiteProfile.for_site(site).organisation, title="只有附件的文件")
    page = platform_page(site)
    response = client.get(f"{page.url}entry/{entry.pk}/", HTTP_HOST=site.hostname)
    assert response.status_code == HTTPStatus.OK
    assert entry.index_number in response.content.decode()


def test_entry_of_another_sites_organisation__is_not_found_on_this_site(site, client):
    other = CatalogueEntryFactory()
    response = client.get(f"{platform_page(site).url}entry/{other.pk}/", HTTP_HOST=site.hostname)
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_catalogue__filters_by_theme_year_validity_and_keyword(site, client):
    organisation = SiteProfile.for_site(site).organisation
    theme, other_theme = ThemeCategory.objects.all()[:2]
    wanted = CatalogueEntryFactory(organisation=organisation, theme=theme, title="关于农田水利建设的通知")
    CatalogueEntryFactory(organisation=organisation, theme=other_theme, title="关于农田水利管理的意见")
    CatalogueEntryFactory(organisation=organisation, theme=theme, title="其他文件", validity=Validity.REPEALED)
    page = platform_page(site)
    params = {"theme": theme.pk, "q": "农田 通知", "validity": "valid", "year": wanted.year}
    html = client.get(page.url, params, HTTP_HOST=site.hostname).content.decode()
    assert "关于农田水利建设的通知" in html
    assert "关于农田水利管理的意见" not in html
    assert "其他文件" not in html


def test_organisation_tree__counts_entries_of_each_subtree(client):
    site = SiteFactory()
    government = SiteProfile.for_site(site).organisation
    from tests.sites.factories import OrganisationFactory

    department = OrganisationFactory(parent=government, division_code=government.division_code)
    CatalogueEntryFactory(organisation=department)
    CatalogueEntryFactory(organisation=government)
    html = client.get(platform_page(site).url, {"org": department.pk}, HTTP_HOST=site.hostname).content.decode()
    assert f'{government.short_name}</a> <span class="count">(2)' in html
    assert f'{department.short_name}</a> <span class="count">(1)' in html


@pytest.mark.parametrize(
    "params",
    [
        {"page": "abc"},
        {"page": "99999999999999999999"},
        {"year": "-1"},
        {"year": "9" * 40},
        {"theme": "' OR 1=1 --"},
        {"org": "１２"},
        {"validity": "<script>"},
        {"q": "a" * 5000},
        {"q": "\x00\x01"},
    ],
)
def test_catalogue_and_api__answer_malformed_parameters_without_error(site, client, params):
    page = platform_page(site)
    assert client.get(page.url, params, HTTP_HOST=site.hostname).status_code == HTTPStatus.OK
    assert client.get("/api/disclosure/entries/", params, HTTP_HOST=site.hostname).status_code == HTTPStatus.OK


def test_open_data_api__lists_entries_as_json_and_csv(site, client):
    organisation = SiteProfile.for_site(site).organisation
    entry = CatalogueEntryFactory(organisation=organisation, title='=HYPERLINK("http://evil")', document_number="x号")
    CatalogueEntryFactory()  # another site's organisation
    body = client.get("/api/disclosure/entries/", HTTP_HOST=site.hostname).json()
    assert body["count"] == 1
    assert body["results"][0]["index_number"] == entry.index_number
    response = client.get("/api/disclosure/entries/", {"format": "csv"}, HTTP_HOST=site.hostname)
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "索引号"
    assert rows[1][0] == entry.index_number
    # A formula would run in a spreadsheet: it is written as text.
    assert rows[1][1].startswith("'=")


def test_open_data_api__omits_entries_disclosed_on_request_or_withdrawn(site, client):
    organisation = SiteProfile.for_site(site).organisation
    CatalogueEntryFactory(organisation=organisation, mode="on_request")
    CatalogueEntryFactory(organisation=organisation, live=False)
    assert client.get("/api/disclosure/entries/", HTTP_HOST=site.hostname).json()["count"] == 0


@pytest.mark.parametrize("path", ["entry/99999999999999999999999999/", "reports/0/", "entry/abc/", "nothing/"])
def test_unknown_sub_paths__are_not_found(site, client, path):
    response = client.get(f"{platform_page(site).url}{path}", HTTP_HOST=site.hostname)
    assert response.status_code == HTTPStatus.NOT_FOUND
