"""The publish fan-out: one receiver, handlers in a fixed order, run after commit, failures logged."""

from http import HTTPStatus
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.urls import reverse
from wagtail.models import Site, get_page_models

from cms.models import BasePage
from sites import publishing
from sites.models import ArticlePage, ColumnPage, SiteProfile
from sites.publishing import Change, Step
from tests.admin_forms import edit_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def isolated_registry():
    with mock.patch.dict(publishing._handlers, clear=True):
        yield publishing._handlers


def test_registry__a_second_handler_for_a_step_is_refused(isolated_registry):
    publishing.register_publish_handler(Step.SEARCH)(lambda change: None)
    with pytest.raises(ImproperlyConfigured):
        publishing.register_publish_handler(Step.SEARCH)(lambda change: None)


def test_registry__runs_handlers_in_step_order_after_commit(isolated_registry, django_capture_on_commit_callbacks):
    calls = []
    for step in reversed(publishing.STEPS):
        publishing.register_publish_handler(step)(lambda change, step=step: calls.append(step))
    with django_capture_on_commit_callbacks(execute=True):
        publishing.fan_out(publishing.ContentChange(Change.PUBLISHED, frozenset()))
        assert calls == []
    assert calls == [Step.SEARCH, Step.SYNDICATION, Step.DISCLOSURE, Step.CACHE]


def test_rolled_back_publish__fans_out_nothing(isolated_registry):
    seen = []
    publishing.register_publish_handler(Step.CACHE)(seen.append)
    page = ArticlePage.objects.live().first()
    with pytest.raises(RuntimeError), transaction.atomic():
        page.save_revision().publish()
        raise RuntimeError("the editor's request failed after publishing")
    assert seen == []


def test_publish__fans_out_with_the_pages_site(isolated_registry, django_capture_on_commit_callbacks):
    seen = []
    publishing.register_publish_handler(Step.SEARCH)(seen.append)
    site = Site.objects.get(hostname="xinzhou.localhost")
    page = ArticlePage.objects.live().descendant_of(site.root_page).first()
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
        page.unpublish()
    assert [(change.change, change.site_ids, change.page.pk) for change in seen] == [
        (Change.PUBLISHED, frozenset({site.pk}), page.pk),
        (Change.UNPUBLISHED, frozenset({site.pk}), page.pk),
    ]


def test_publishing_a_column__shows_in_navigation_of_that_site_only(client, django_capture_on_commit_callbacks):
    site = Site.objects.get(hostname="xinzhou.localhost")
    link = '<a href="/sjkf/">数据开放</a>'

    def home(host: str) -> str:
        return client.get("/", HTTP_HOST=host).content.decode()

    assert link not in home("xinzhou.localhost")
    with django_capture_on_commit_callbacks(execute=True):
        column = ColumnPage(title="数据开放", slug="sjkf", column_type="policy_files", show_in_menus=True)
        site.root_page.add_child(instance=column)
        column.save_revision().publish()
    assert link in home("xinzhou.localhost")
    assert link not in home("guangfeng.localhost")
    with django_capture_on_commit_callbacks(execute=True):
        column.unpublish()
    assert link not in home("xinzhou.localhost")


def test_renaming_a_site__refreshes_every_sites_cluster_navigation(client, django_capture_on_commit_callbacks):
    assert "信州区" in client.get("/", HTTP_HOST="www.localhost").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        profile = SiteProfile.for_site(Site.objects.get(hostname="xinzhou.localhost"))
        profile.short_name = "信州区（新）"
        profile.save()
    assert "信州区（新）" in client.get("/", HTTP_HOST="www.localhost").content.decode()


def test_changing_a_columns_type__re_derives_its_articles_type():
    site = Site.objects.get(hostname="xinzhou.localhost")
    column = ColumnPage.objects.get(url_path=site.root_page.url_path + "xxfb/zwdt/")
    articles = ArticlePage.objects.child_of(column)
    assert set(articles.values_list("column_type", flat=True)) == {"news"}
    column.column_type = "notices"
    column.save_revision().publish()
    assert set(articles.values_list("column_type", flat=True)) == {"notices"}


def test_moving_an_article_to_another_site__re_derives_its_type_and_purges_both_sites(
    isolated_registry, django_capture_on_commit_callbacks
):
    seen = []
    publishing.register_publish_handler(Step.CACHE)(seen.append)
    xinzhou = Site.objects.get(hostname="xinzhou.localhost")
    guangfeng = Site.objects.get(hostname="guangfeng.localhost")
    article = ArticlePage.objects.live().descendant_of(xinzhou.root_page).filter(column_type="news").first()
    notices = ColumnPage.objects.get(url_path=guangfeng.root_page.url_path + "zwgk/tzgg/")
    with django_capture_on_commit_callbacks(execute=True):
        article.move(notices, pos="last-child")
    article.refresh_from_db()
    assert article.column_type == "notices"
    assert seen[-1].change == Change.MOVED
    assert seen[-1].site_ids == frozenset({xinzhou.pk, guangfeng.pk})


def test_every_page_type__reaches_the_fan_out(isolated_registry, django_capture_on_commit_callbacks):
    seen = []
    publishing.register_publish_handler(Step.SEARCH)(seen.append)
    page_types = [model for model in get_page_models() if issubclass(model, BasePage)]
    with django_capture_on_commit_callbacks(execute=True):
        for model in page_types:
            model.objects.live().first().save_revision().publish()
    assert [type(change.page) for change in seen] == page_types


def test_failing_handler__is_logged_with_page_and_step_and_the_publish_stands(
    isolated_registry, client, caplog, django_capture_on_commit_callbacks
):
    purged = []

    def broken_search(change):
        raise ConnectionError("search engine unreachable")

    publishing.register_publish_handler(Step.SEARCH)(broken_search)
    publishing.register_publish_handler(Step.CACHE)(purged.append)
    page = ArticlePage.objects.live().descendant_of(Site.objects.get(hostname="xinzhou.localhost").root_page).first()
    client.force_login(get_user_model().objects.get(username="admin"))
    form = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]), HTTP_HOST="www.localhost")
    data = edit_form_data(form)
    data["title"] = "发布后搜索失败也不影响发布"
    data["action-publish"] = "action-publish"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data, HTTP_HOST="www.localhost")
    assert response.status_code == HTTPStatus.FOUND
    page.refresh_from_db()
    assert page.title == "发布后搜索失败也不影响发布"
    assert page.live
    assert [change.page.pk for change in purged] == [page.pk]
    failure = next(record for record in caplog.records if record.name == "sites.publishing")
    assert "search" in failure.getMessage()
    assert str(page.pk) in failure.getMessage()
    assert "发布后搜索失败也不影响发布" in failure.getMessage()
    assert failure.exc_info[0] is ConnectionError


def test_batched_changes__send_one_change_for_every_site_and_page(
    isolated_registry, django_capture_on_commit_callbacks
):
    seen = []
    publishing.register_publish_handler(Step.CACHE)(seen.append)
    xinzhou = Site.objects.get(hostname="xinzhou.localhost")
    guangfeng = Site.objects.get(hostname="guangfeng.localhost")
    pages = [ArticlePage.objects.live().descendant_of(site.root_page).first() for site in (xinzhou, guangfeng)]
    with django_capture_on_commit_callbacks(execute=True), publishing.batched_changes():
        for page in pages:
            page.save_revision().publish()
        assert seen == []
    assert len(seen) == 1
    assert seen[0].change == Change.BATCH
    assert seen[0].site_ids == frozenset({xinzhou.pk, guangfeng.pk})
    assert seen[0].page_ids == frozenset(page.pk for page in pages)
