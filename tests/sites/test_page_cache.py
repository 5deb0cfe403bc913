"""The whole-page cache: hits for anonymous visitors, purged by publishing on the same site only."""

from http import HTTPStatus

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.http import HttpResponse
from wagtail.models import Site

from sites.models import ArticlePage
from sites.page_cache import _cacheable_response

pytestmark = pytest.mark.django_db

# A cache hit costs the site lookup, and once a second the re-read of the sites' cache versions.
VERSION_READ = 1


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


def get(client, host: str, path: str = "/"):
    response = client.get(path, HTTP_HOST=host)
    assert response.status_code == HTTPStatus.OK
    return response


def test_repeat_visit__is_served_from_the_cache_without_queries(client, django_assert_max_num_queries):
    assert get(client, "xinzhou.localhost")["X-Page-Cache"] == "miss"
    with django_assert_max_num_queries(1 + VERSION_READ):
        response = get(client, "xinzhou.localhost")
    assert response["X-Page-Cache"] == "hit"
    assert "信州区人民政府门户网站" in response.content.decode()
    assert "Content-Security-Policy" in response


def test_each_site_and_path__has_its_own_entry(client):
    get(client, "xinzhou.localhost")
    assert get(client, "guangfeng.localhost")["X-Page-Cache"] == "miss"
    assert get(client, "xinzhou.localhost", "/xxfb/")["X-Page-Cache"] == "miss"
    assert get(client, "xinzhou.localhost", "/xxfb/?page=2")["X-Page-Cache"] == "miss"


def test_publishing__purges_the_sites_pages_and_no_other_sites(client, django_capture_on_commit_callbacks):
    site = Site.objects.get(hostname="xinzhou.localhost")
    get(client, "xinzhou.localhost")
    get(client, "guangfeng.localhost")
    article = ArticlePage.objects.live().descendant_of(site.root_page).filter(column_type="news").first()
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "信州区最新发布的文章"
        article.save_revision().publish()
    response = get(client, "xinzhou.localhost")
    assert response["X-Page-Cache"] == "miss"
    assert "信州区最新发布的文章" in response.content.decode()
    assert get(client, "guangfeng.localhost")["X-Page-Cache"] == "hit"


def test_signed_in_editors__always_see_the_live_page(client):
    get(client, "xinzhou.localhost")
    client.force_login(get_user_model().objects.get(username="xinzhou_editor"))
    assert "X-Page-Cache" not in get(client, "xinzhou.localhost")


def test_forged_session_cookie__is_answered_from_the_cache(client, django_assert_max_num_queries):
    get(client, "xinzhou.localhost")
    client.cookies[django_settings.SESSION_COOKIE_NAME] = "forged-session-key-0123456789abcdef"
    # The site and the (missing) session: the page is not rendered again.
    with django_assert_max_num_queries(2 + VERSION_READ):
        response = get(client, "xinzhou.localhost")
    assert response["X-Page-Cache"] == "hit"


def test_unknown_query_strings__share_the_pages_entry(client, django_assert_max_num_queries):
    get(client, "xinzhou.localhost", "/xxfb/zwdt/")
    for number in range(50):
        with django_assert_max_num_queries(1 + VERSION_READ):
            response = get(client, "xinzhou.localhost", f"/xxfb/zwdt/?utm_source=x{number}&_={number}")
        assert response["X-Page-Cache"] == "hit"
    assert get(client, "xinzhou.localhost", "/xxfb/zwdt/?page=2&junk=1")["X-Page-Cache"] == "miss"
    assert get(client, "xinzhou.localhost", "/xxfb/zwdt/?junk=2&page=2")["X-Page-Cache"] == "hit"


def test_a_flood_of_query_strings__does_not_evict_the_home_page(client):
    get(client, "xinzhou.localhost")
    for number in range(600):
        client.get(f"/?q{number}={number}", HTTP_HOST="xinzhou.localhost")
    assert get(client, "xinzhou.localhost")["X-Page-Cache"] == "hit"


def test_not_found__is_never_cached(client):
    client.get("/no-such-page/", HTTP_HOST="xinzhou.localhost")
    response = client.get("/no-such-page/", HTTP_HOST="xinzhou.localhost")
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "X-Page-Cache" not in response


def test_responses_for_one_visitor__are_not_cacheable():
    with_cookie = HttpResponse("<p>表单</p>")
    with_cookie.set_cookie("csrftoken", "secret")
    private = HttpResponse("<p>私有</p>")
    private["Cache-Control"] = "private"
    assert _cacheable_response(HttpResponse("<p>公开</p>"))
    assert not _cacheable_response(with_cookie)
    assert not _cacheable_response(private)
    assert not _cacheable_response(HttpResponse("{}", content_type="application/json"))
