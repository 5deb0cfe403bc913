"""解读回应: a 政策解读 names the policy file it interprets, chosen among the files its editor may
interpret; each page links to the other, and publishing either refreshes both sites."""

from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from wagtail.models import Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from disclosure.models import CatalogueEntry
from sites.demo.seed import E_GOVERNMENT_PLAN_NUMBER
from sites.enums import ColumnType
from sites.models import ArticlePage, ColumnPage
from sites.page_forms import NOT_AN_INTERPRETATION, OTHER_POLICY_FILE_REFUSAL
from tests.workflow import approve_through_workflow

pytestmark = pytest.mark.django_db

ADMIN_HOST = "www.localhost"


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


def column(hostname: str, slug: str) -> ColumnPage:
    return ColumnPage.objects.descendant_of(Site.objects.get(hostname=hostname).root_page).get(slug=slug)


def policy_file(hostname: str) -> ArticlePage:
    home = Site.objects.get(hostname=hostname).root_page
    return ArticlePage.objects.live().descendant_of(home).filter(column_type=ColumnType.POLICY_FILES).first()


def add_article(client, parent: ColumnPage, interprets: ArticlePage, action: str = "action-submit"):
    client.force_login(get_user_model().objects.get(username="xinzhou_editor"))
    data = nested_form_data(
        {
            "title": "信州区解读市政府文件",
            "slug": "interpretation",
            "source": "信州区人民政府办公室",
            "pub_date": "2026-11-20 09:00",
            "validity": "valid",
            "interprets": interprets.pk,
            "body": streamfield([("rich_text", rich_text("<p>解读正文。</p>"))]),
            "attachments": inline_formset([]),
            "tags": "",
            action: "1",
        }
    )
    url = reverse("wagtailadmin_pages:add", args=["sites", "articlepage", parent.pk])
    return client.post(url, data, HTTP_HOST=ADMIN_HOST)


def public(page: ArticlePage) -> str:
    return Client().get(page.url, HTTP_HOST=page.get_site().hostname).content.decode()


def test_choice__offers_the_policy_files_of_own_and_higher_sites_only(client):
    client.force_login(get_user_model().objects.get(username="xinzhou_editor"))
    url = reverse("wagtailadmin_pages:add", args=["sites", "articlepage", column("xinzhou.localhost", "jdhy").pk])

    form = BeautifulSoup(client.get(url, HTTP_HOST=ADMIN_HOST).content, "html.parser")

    offered = {int(option["value"]) for option in form.select("select[name=interprets] option") if option["value"]}
    assert policy_file("www.localhost").pk in offered
    assert policy_file("xinzhou.localhost").pk in offered
    assert policy_file("guangfeng.localhost").pk not in offered
    assert offered <= set(ArticlePage.objects.filter(column_type=ColumnType.POLICY_FILES).values_list("pk", flat=True))


def test_forged_choice__of_a_sibling_countys_file_is_refused_in_chinese(client):
    response = add_article(client, column("xinzhou.localhost", "jdhy"), policy_file("guangfeng.localhost"))

    assert response.status_code == HTTPStatus.OK
    assert OTHER_POLICY_FILE_REFUSAL in response.content.decode()
    assert not ArticlePage.objects.filter(slug="interpretation").exists()


def test_article_outside_an_interpretation_column__may_not_name_a_file(client):
    response = add_article(client, column("xinzhou.localhost", "zwdt"), policy_file("www.localhost"))

    assert response.status_code == HTTPStatus.OK
    assert NOT_AN_INTERPRETATION in response.content.decode()


def test_county_interpretation_of_a_city_file__links_both_ways_and_refreshes_both_sites(
    client, django_capture_on_commit_callbacks
):
    city_file = policy_file("www.localhost")
    assert "信州区解读市政府文件" not in public(city_file)  # now in the city's page cache
    assert add_article(client, column("xinzhou.localhost", "jdhy"), city_file).status_code == HTTPStatus.FOUND
    interpretation = ArticlePage.objects.get(slug="interpretation")

    with django_capture_on_commit_callbacks(execute=True):
        approve_through_workflow(interpretation, "xinzhou_reviewer", "xinzhou_secrecy")

    listed = BeautifulSoup(public(city_file), "html.parser").select_one("section.interpretations")
    assert listed.h2.text == "政策解读"
    assert listed.a["href"] == ArticlePage.objects.get(pk=interpretation.pk).full_url
    shown = BeautifulSoup(public(interpretation), "html.parser").select_one("p.interprets")
    assert shown.text == f"解读的文件：{city_file.title}"
    assert shown.a["href"] == city_file.full_url

    interpretation.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        interpretation.unpublish()
    assert "信州区解读市政府文件" not in public(city_file)


def test_policy_file__shows_written_date_number_and_validity_together_once():
    page = ArticlePage.objects.get(document_number=E_GOVERNMENT_PLAN_NUMBER)
    entry = CatalogueEntry.objects.get(page=page)
    entry.written_on = entry.published_at.date()
    entry.save()

    html = public(page)

    table = BeautifulSoup(html, "html.parser").select_one("table.disclosure-metadata")
    cells = {th.text: th.find_next_sibling("td").text for th in table.select("th")}
    assert cells["成文日期"] == f"{entry.written_on:%Y-%m-%d}"
    assert cells["文号"] == E_GOVERNMENT_PLAN_NUMBER
    assert cells["有效性"] == "有效"
    assert html.count(E_GOVERNMENT_PLAN_NUMBER) == 1


def test_demo__the_city_interprets_its_e_government_plan():
    plan = ArticlePage.objects.get(document_number=E_GOVERNMENT_PLAN_NUMBER)
    interpretation = ArticlePage.objects.live().get(interprets=plan)
    assert interpretation.get_site().hostname == "www.localhost"
    assert interpretation.column_type == ColumnType.POLICY_INTERPRETATION
    assert interpretation.title in public(plan)


def test_interpretation_naming_another_file__leaves_the_old_files_listing(django_capture_on_commit_callbacks):
    plan = ArticlePage.objects.get(document_number=E_GOVERNMENT_PLAN_NUMBER)
    interpretation = ArticlePage.objects.live().get(interprets=plan)
    county_file = policy_file("xinzhou.localhost")

    def interpret(file: ArticlePage) -> None:
        interpretation.interprets = file
        with django_capture_on_commit_callbacks(execute=True):
            interpretation.save_revision().publish()

    assert interpretation.title not in public(county_file)  # now in the county's page cache
    interpret(county_file)
    assert interpretation.title in public(county_file)
    interpret(plan)
    assert interpretation.title not in public(county_file)


def interpreted_file(interpretation: ArticlePage) -> str | None:
    shown = BeautifulSoup(public(interpretation), "html.parser").select_one("p.interprets")
    return shown.text if shown else None


def test_deleting_a_file__refreshes_the_sites_of_its_interpretations(django_capture_on_commit_callbacks):
    interpretation = ArticlePage.objects.live().get(interprets__document_number=E_GOVERNMENT_PLAN_NUMBER)
    county_file = policy_file("xinzhou.localhost")
    interpretation.interprets = county_file
    with django_capture_on_commit_callbacks(execute=True):
        interpretation.save_revision().publish()
    assert interpreted_file(interpretation) == f"解读的文件：{county_file.title}"  # now in the city's page cache

    with django_capture_on_commit_callbacks(execute=True):
        county_file.delete()

    assert interpreted_file(interpretation) is None
