"""Curation in the admin: best bets per site (an editor touches only their own), the dictionary, the report."""

from http import HTTPStatus

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Site

from search.models import BestBet, GovernmentTerm, QueryRecord
from search.service import SearchRequest, search
from search.vocabulary import words
from sites.models import ArticlePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    """An editor of the 信州区 portal, from the demo accounts."""
    return get_user_model().objects.get(username="xinzhou_editor")


@pytest.fixture
def superuser():
    return get_user_model().objects.create_superuser("searchadmin", "s@example.com", "x")


def test_best_bets__an_editor_lists_and_edits_only_their_own_sites(client, editor, city, county):
    theirs = BestBet.objects.create(site=county, query="信州", page=county.root_page)
    other = BestBet.objects.create(site=city, query="上饶", page=city.root_page)
    client.force_login(editor)
    listing = client.get(reverse("best_bets:index"))
    assert listing.status_code == HTTPStatus.OK
    assert reverse("best_bets:edit", args=[theirs.pk]) in listing.content.decode()
    assert reverse("best_bets:edit", args=[other.pk]) not in listing.content.decode()
    assert client.get(reverse("best_bets:edit", args=[theirs.pk])).status_code == HTTPStatus.OK
    assert client.get(reverse("best_bets:edit", args=[other.pk])).status_code in {
        HTTPStatus.FORBIDDEN,
        HTTPStatus.NOT_FOUND,
    }
    assert client.post(reverse("best_bets:delete", args=[other.pk])).status_code in {
        HTTPStatus.FORBIDDEN,
        HTTPStatus.NOT_FOUND,
    }
    assert BestBet.objects.filter(pk=other.pk).exists()


def test_best_bets__an_editor_cannot_pin_on_another_site(client, editor, city, county):
    client.force_login(editor)
    page = ArticlePage.objects.live().descendant_of(city.root_page).first()
    response = client.post(
        reverse("best_bets:add"), {"site": city.pk, "query": "上饶", "page": page.pk, "sort_order": 0}
    )
    assert response.status_code == HTTPStatus.OK  # the form again, with its error
    assert not BestBet.objects.filter(query="上饶").exists()


def test_best_bets__the_pinned_page_must_be_on_the_chosen_site(client, superuser, city, county):
    client.force_login(superuser)
    page = ArticlePage.objects.live().descendant_of(city.root_page).first()
    response = client.post(
        reverse("best_bets:add"), {"site": county.pk, "query": "上饶", "page": page.pk, "sort_order": 0}
    )
    assert "推荐页面应属于所选站点" in response.content.decode()
    client.post(reverse("best_bets:add"), {"site": city.pk, "query": "上饶", "page": page.pk, "sort_order": 0})
    assert BestBet.objects.filter(site=city, query="上饶", page=page).exists()


def test_demo_best_bet__comes_first_on_the_city_portal(city):
    results = search(SearchRequest("电子政务", city), record=False)
    assert [bet.document.title for bet in results.best_bets] == ["关于印发2012年全市电子政务工作要点的通知"]


def test_government_terms__keep_a_term_whole_in_suggestions():
    assert "青砖黛瓦示范带" not in words("建设青砖黛瓦示范带工程")
    GovernmentTerm.objects.create(word="青砖黛瓦示范带")
    assert "青砖黛瓦示范带" in words("建设青砖黛瓦示范带工程")
    GovernmentTerm.objects.filter(word="青砖黛瓦示范带").delete()
    assert "青砖黛瓦示范带" not in words("建设青砖黛瓦示范带工程")


def test_government_terms__listed_for_cluster_administrators(client, superuser):
    client.force_login(superuser)
    response = client.get(reverse("government_terms:index"))
    assert response.status_code == HTTPStatus.OK
    assert "乡乡通" in response.content.decode()


def test_report__lists_top_and_zero_result_queries_of_the_editors_sites_only(client, editor, city, county):
    search(SearchRequest("信州区", county))
    search(SearchRequest("没有的东西呀", county))
    search(SearchRequest("上饶市人民政府", city))
    client.force_login(editor)
    html = client.get(reverse("search_admin:report")).content.decode()
    assert "信州区" in html
    assert "没有的东西呀" in html
    assert "上饶市人民政府" not in html
    assert QueryRecord.objects.filter(site=city).exists()


def test_report__an_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(reverse("search_admin:report"))
    assert response.status_code == HTTPStatus.FOUND


def test_sites_exist_for_these_tests():
    assert Site.objects.filter(hostname="xinzhou.localhost").exists()
