"""Caches true across processes: a change made by one process reaches the visitors of every worker.

The server is the real ASGI server with two worker processes, on the test database and the
cache the settings choose (files shared by the host's workers, or Redis with `REDIS_URL`); the
changes are made here, in another process, as a shell, an import or the scheduler would.
"""

import time
from collections.abc import Iterator
from http import HTTPStatus

import httpx
import pytest
from django.conf import settings
from django.db import connection
from wagtail.models import Site

from sites.caching import forget_versions
from sites.models import ArticlePage, SiteProfile
from tests.servers import free_port, make_run_server_command, running, server_environment, shared_database_url

TTL_SECONDS = 1.0
# The bound a visitor may see a change late by: the version read interval, then a render.
STALE_BOUND_SECONDS = TTL_SECONDS + 0.5
REQUESTS_PER_CHECK = 24


@pytest.fixture
def two_workers(tmp_path) -> Iterator[httpx.Client]:
    """`make run`'s server with two worker processes, sharing the cache this process uses."""
    port = free_port()
    shared_cache = {"CACHE_DIR": settings.CACHES["default"]["LOCATION"]} if not settings.REDIS_URL else {}
    env = server_environment(
        shared_database_url(connection),
        PAGE_CACHE_SECONDS="600",
        SITE_CACHE_VERSION_TTL=str(TTL_SECONDS),
        **shared_cache,
    )
    base_url = f"http://127.0.0.1:{port}"
    command = [*make_run_server_command(port), "--workers", "2"]
    with (
        running(command, env, tmp_path / "server.log", f"{base_url}/", headers={"Host": "www.localhost"}),
        httpx.Client(base_url=base_url, trust_env=False, timeout=30) as client,
    ):
        yield client


def fetch_all(client: httpx.Client, host: str, path: str) -> list[httpx.Response]:
    """Enough requests that both workers answer several of them."""
    return [client.get(path, headers={"Host": host}) for _ in range(REQUESTS_PER_CHECK)]


def warm(client: httpx.Client, host: str, path: str) -> None:
    responses = fetch_all(client, host, path)
    assert all(response.headers.get("X-Page-Cache") == "hit" for response in responses[-4:]), path


def after_the_bound() -> None:
    forget_versions()
    time.sleep(STALE_BOUND_SECONDS)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_changes_made_by_another_process__reach_every_worker(two_workers):
    client = two_workers
    xinzhou = Site.objects.get(hostname="xinzhou.localhost")
    article = ArticlePage.objects.live().descendant_of(xinzhou.root_page).filter(column_type="news").first()
    path = article.relative_url(xinzhou)
    for page_path in ("/", path):
        warm(client, "xinzhou.localhost", page_path)
    warm(client, "www.localhost", "/")

    # Publish: the page and the home page listing it.
    article.title = "另一进程发布的新标题"
    article.save_revision().publish()
    after_the_bound()
    for page_path in ("/", path):
        bodies = [response.text for response in fetch_all(client, "xinzhou.localhost", page_path)]
        assert all("另一进程发布的新标题" in body for body in bodies), page_path

    # Unpublish: gone from its own URL and from the home page.
    warm(client, "xinzhou.localhost", "/")
    ArticlePage.objects.get(pk=article.pk).unpublish()
    after_the_bound()
    assert {response.status_code for response in fetch_all(client, "xinzhou.localhost", path)} == {HTTPStatus.NOT_FOUND}
    assert not any("另一进程发布的新标题" in r.text for r in fetch_all(client, "xinzhou.localhost", "/"))

    # A site change: the city portal's 站群导航 names the county by its new name.
    profile = SiteProfile.for_site(xinzhou)
    profile.short_name = "信州区（更名）"
    profile.save()
    after_the_bound()
    assert all("信州区（更名）" in response.text for response in fetch_all(client, "www.localhost", "/"))

    # A changed host name: every other site's 站群导航 links to the new one.
    warm(client, "www.localhost", "/")
    xinzhou.hostname = "xinzhou-new.localhost"
    xinzhou.save()
    after_the_bound()
    assert all("http://xinzhou-new.localhost" in response.text for response in fetch_all(client, "www.localhost", "/"))
