"""信息报送 through the admin's real HTTP views: a county article submitted to the city portal,
accepted, listed there with its feed and home page, then unpublished at its origin and gone."""

import csv
import io
from http import HTTPStatus

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Site

from publishing.enums import SubmissionStatus
from publishing.models import Submission
from sites.models import ArticlePage, ColumnPage
from tests.sites.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

ADMIN_HOST = "www.localhost"


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


def user(username: str):
    return get_user_model().objects.get(username=username)


def column(hostname: str, slug: str) -> ColumnPage:
    return ColumnPage.objects.descendant_of(Site.objects.get(hostname=hostname).root_page).get(slug=slug)


@pytest.fixture
def county_article() -> ArticlePage:
    article = ArticlePageFactory(
        parent=column("xinzhou.localhost", "zwdt"), title="信州区召开秋季农业生产推进会", slug="autumn-farming"
    )
    article.save_revision().publish()
    return article


@pytest.fixture
def city_news() -> ColumnPage:
    return column("www.localhost", "zwdt")


def submit(client, article, columns, username="xinzhou_editor"):
    client.force_login(user(username))
    url = reverse("publishing_admin:submit", args=[article.pk])
    return client.post(url, {"columns": [c.pk for c in columns]}, HTTP_HOST=ADMIN_HOST, follow=True)


def decide(client, submission, action, username="city_reviewer", reason=""):
    client.force_login(user(username))
    url = reverse(f"publishing_admin:{action}", args=[submission.pk])
    return client.post(url, {"reason": reason}, HTTP_HOST=ADMIN_HOST, follow=True)


def public_get(client, host: str, path: str):
    client.logout()
    return client.get(path, HTTP_HOST=host)


def test_county_article__submitted_accepted_listed_then_unpublished_is_gone_everywhere(
    client, county_article, city_news, django_capture_on_commit_callbacks
):
    response = submit(client, county_article, [city_news])
    assert "已报送到“政务动态”" in response.content.decode()
    submission = Submission.objects.get(article=county_article)
    assert submission.status == SubmissionStatus.PENDING

    client.force_login(user("city_reviewer"))
    queue = client.get(reverse("publishing_admin:queue"), HTTP_HOST=ADMIN_HOST).content.decode()
    assert county_article.title in queue
    # Not listed before it is accepted; this also fills the city portal's page cache.
    assert county_article.title not in public_get(client, "www.localhost", city_news.url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = decide(client, submission, "accept")
    assert "已采用" in response.content.decode()

    origin_url = county_article.full_url
    assert origin_url.startswith("http://xinzhou.localhost")
    listing = public_get(client, "www.localhost", city_news.url).content.decode()
    assert f'href="{origin_url}"' in listing
    home = public_get(client, "www.localhost", "/").content.decode()
    assert f'href="{origin_url}"' in home
    feed = feedparser.parse(public_get(client, "www.localhost", f"/feeds/{city_news.pk}/").content)
    assert not feed.bozo
    assert feed.entries[0].link == origin_url
    site_feed = feedparser.parse(public_get(client, "www.localhost", "/feeds/").content)
    assert origin_url in [entry.link for entry in site_feed.entries]
    # The article keeps one canonical URL, on its own site.
    origin = public_get(client, "xinzhou.localhost", county_article.url).content.decode()
    assert f'<link rel="canonical" href="{origin_url}">' in origin

    client.force_login(user("xinzhou_reviewer"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("wagtailadmin_pages:unpublish", args=[county_article.pk]), HTTP_HOST=ADMIN_HOST)
    assert response.status_code == HTTPStatus.FOUND

    for path in (city_news.url, "/", f"/feeds/{city_news.pk}/", "/feeds/"):
        assert county_article.title not in public_get(client, "www.localhost", path).content.decode(), path


def test_deleting_the_origin__removes_it_from_the_receiving_site(
    client, county_article, city_news, django_capture_on_commit_callbacks
):
    submit(client, county_article, [city_news])
    decide(client, Submission.objects.get(article=county_article), "accept")
    assert county_article.title in public_get(client, "www.localhost", city_news.url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        county_article.delete()

    assert county_article.title not in public_get(client, "www.localhost", city_news.url).content.decode()


def test_republished_origin__shows_its_new_title_on_the_receiving_site(
    client, county_article, city_news, django_capture_on_commit_callbacks
):
    submit(client, county_article, [city_news])
    decide(client, Submission.objects.get(article=county_article), "accept")
    assert county_article.title in public_get(client, "www.localhost", city_news.url).content.decode()

    county_article.title = "信州区秋季农业生产推进会召开（更新）"
    with django_capture_on_commit_callbacks(execute=True):
        county_article.save_revision().publish()

    assert "（更新）" in public_get(client, "www.localhost", city_news.url).content.decode()


def test_rejection__needs_a_reason_and_keeps_the_item_off_the_receiving_site(client, county_article, city_news):
    submit(client, county_article, [city_news])
    submission = Submission.objects.get(article=county_article)

    assert "请填写未采用的理由" in decide(client, submission, "reject").content.decode()
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.PENDING

    decide(client, submission, "reject", reason="与本站栏目定位不符")
    submission.refresh_from_db()
    assert (submission.status, submission.reason) == (SubmissionStatus.REJECTED, "与本站栏目定位不符")
    assert submission.decided_by == user("city_reviewer")
    assert county_article.title not in public_get(client, "www.localhost", city_news.url).content.decode()


def test_accepting_twice__is_refused_with_a_message(client, county_article, city_news):
    submit(client, county_article, [city_news])
    submission = Submission.objects.get(article=county_article)
    decide(client, submission, "accept")

    response = decide(client, submission, "accept")

    assert "这条报送已处理（已采用），不能重复处理" in response.content.decode()
    assert Submission.objects.filter(article=county_article).count() == 1


def test_submitting_twice__is_refused(client, county_article, city_news):
    submit(client, county_article, [city_news])
    response = submit(client, county_article, [city_news])
    assert "不能重复报送" in response.content.decode()
    assert Submission.objects.filter(article=county_article).count() == 1


def test_submitting_to_a_site_not_above_ones_own__is_refused_and_nothing_is_stored(client, county_article, city_news):
    sibling_county_news = column("guangfeng.localhost", "zwdt")

    response = submit(client, county_article, [city_news, sibling_county_news])

    assert response.status_code == HTTPStatus.OK
    assert "所选栏目不能接收本文章" in response.content.decode()
    assert not Submission.objects.filter(article=county_article).exists()


def test_submitting_an_unpublished_article__is_refused(client, city_news):
    draft = ArticlePageFactory(parent=column("xinzhou.localhost", "zwdt"), live=False)

    response = submit(client, draft, [city_news])

    assert "文章发布后才能报送" in response.content.decode()
    assert not Submission.objects.filter(article=draft).exists()


@pytest.mark.parametrize("username", ["guangfeng_editor", "city_editor"])
def test_other_sites_editor__cannot_submit_the_article(client, county_article, city_news, username):
    response = submit(client, county_article, [city_news], username=username)
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not Submission.objects.filter(article=county_article).exists()


@pytest.mark.parametrize("username", ["guangfeng_reviewer", "xinzhou_reviewer", "city_editor"])
def test_only_the_receiving_sites_reviewers__may_accept(client, county_article, city_news, username):
    submit(client, county_article, [city_news])
    submission = Submission.objects.get(article=county_article)

    response = decide(client, submission, "accept", username=username)

    assert response.status_code == HTTPStatus.FORBIDDEN
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.PENDING


def test_queue__shows_another_sites_reviewer_nothing_to_decide(client, county_article, city_news):
    submit(client, county_article, [city_news])
    client.force_login(user("guangfeng_reviewer"))
    queue = client.get(reverse("publishing_admin:queue"), HTTP_HOST=ADMIN_HOST).content.decode()
    assert county_article.title not in queue


def test_statistics__count_per_organisation_and_export_as_csv(client, county_article, city_news):
    Submission.objects.all().delete()  # the demo's, so the counts are this test's own
    other = ArticlePageFactory(parent=column("xinzhou.localhost", "zwdt"), title="第二篇")
    other.save_revision().publish()
    submit(client, county_article, [city_news])
    submit(client, other, [city_news])
    decide(client, Submission.objects.get(article=county_article), "accept")
    decide(client, Submission.objects.get(article=other), "reject", reason="重复")

    client.force_login(user("admin"))
    response = client.get(
        reverse("publishing_admin:statistics"),
        {"start": "2000-01-01", "end": "2099-12-31", "format": "csv"},
        HTTP_HOST=ADMIN_HOST,
    )

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["报送单位", "报送", "已采用", "未采用", "待处理", "采用率"]
    assert rows[1] == ["信州区人民政府", "2", "1", "1", "0", "50%"]


def test_statistics__a_period_in_the_wrong_order_is_explained(client):
    client.force_login(user("admin"))
    response = client.get(
        reverse("publishing_admin:statistics"),
        {"start": "2026-12-01", "end": "2026-01-01", "format": "csv"},
        HTTP_HOST=ADMIN_HOST,
    )
    assert response.status_code == HTTPStatus.OK
    assert "开始日期不能晚于结束日期" in response.content.decode()


def test_sitemap__lists_an_accepted_article_only_under_its_canonical_url(client, county_article, city_news):
    submit(client, county_article, [city_news])
    decide(client, Submission.objects.get(article=county_article), "accept")

    city = public_get(client, "www.localhost", "/sitemap.xml").content.decode()
    origin = public_get(client, "xinzhou.localhost", "/sitemap.xml").content.decode()

    assert county_article.full_url in origin
    assert county_article.slug not in city


def test_atom_feeds__of_the_site_and_the_column_parse_and_hold_the_accepted_article(
    client, county_article, city_news, django_capture_on_commit_callbacks
):
    submit(client, county_article, [city_news])
    with django_capture_on_commit_callbacks(execute=True):
        decide(client, Submission.objects.get(article=county_article), "accept")

    head = BeautifulSoup(public_get(client, "www.localhost", city_news.url).content, "html.parser").head
    linked = {link["href"] for link in head.select('link[rel=alternate][type="application/atom+xml"]')}
    assert linked == {"/feeds/atom/", f"/feeds/{city_news.pk}/atom/"}
    for path in sorted(linked):
        xml = public_get(client, "www.localhost", path).content
        feed = feedparser.parse(xml)
        assert not feed.bozo, path
        assert feed.version == "atom10"
        assert county_article.full_url in [entry.link for entry in feed.entries]
        assert all(entry.title and entry.id == entry.link and entry.published for entry in feed.entries)
        # RFC 4287: the feed and each entry say when they last changed.
        assert xml.decode().count("<updated>") == len(feed.entries) + 1
