"""Published pages: nginx serves the file the app wrote on a first visit; every change removes it.

nginx runs the deployment's template in front of `make run`'s server, both on loopback; the changes
are made in this process, as an editor's request, the scheduler or a command would make them.
"""

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path

import httpx
import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from wagtail.models import Site

from cms.settings import production
from publishing import syndication
from sites.models import ArticlePage, ColumnPage
from sites.static_pages import file_for
from tests.deploy.test_nginx import TEMPLATE, Nginx, needs_nginx
from tests.servers import free_port, make_run_server_command, running, server_environment, shared_database_url

CITY, COUNTY = "www.localhost", "xinzhou.localhost"
# Generous: a change shows within the version read interval (1 s) and one render.
POLL_BOUND_SECONDS = 20.0
# Headers that differ by nature between a file and a rendered page; every other one must match.
NOT_SECURITY = {"content-length", "content-type", "vary", "cache-control", "x-published-page"}


@dataclass
class Cluster:
    http: httpx.Client
    pages: Path

    def get(self, host: str, path: str, **kwargs) -> httpx.Response:
        return self.http.get(path, headers={"Host": host, **kwargs.pop("headers", {})}, **kwargs)

    def from_file(self, host: str, path: str) -> httpx.Response:
        """The page once nginx answers it from the file the app wrote on a visit.

        Right after a change a server process may still hold the old version for up to a second; what it
        renders then is not kept as a file, so the file comes with the visit after that.
        """
        response = self.until(host, path, lambda r: r.headers.get("x-published-page") == "file")
        assert response.status_code == HTTPStatus.OK, (host, path)
        assert response.headers.get("x-published-page") == "file", (host, path)
        return response

    def until(self, host: str, path: str, shows) -> httpx.Response:
        deadline = time.monotonic() + POLL_BOUND_SECONDS
        while not shows(response := self.get(host, path)) and time.monotonic() < deadline:
            time.sleep(0.1)
        return response


@pytest.fixture
def cluster(tmp_path, settings) -> Iterator[Cluster]:
    nginx = Nginx.create(tmp_path / "nginx")
    # This process publishes, so it removes files from the same folder as the server writes to.
    settings.STATIC_PAGES_ROOT = str(nginx.pages_root)
    app_port = free_port()
    env = server_environment(
        shared_database_url(connection),
        PAGE_CACHE_SECONDS="600",
        SITE_CACHE_VERSION_TTL="1",
        STATIC_PAGES_ROOT=str(nginx.pages_root),
        TRUSTED_PROXY_COUNT="1",
        ALLOWED_HOSTS=".localhost,127.0.0.1",
    )
    main = nginx.configure(app_port)
    with (
        running(
            make_run_server_command(app_port),
            env,
            tmp_path / "uvicorn.log",
            f"http://127.0.0.1:{app_port}/",
            headers={"Host": CITY},
        ),
        running(nginx.command(main), env, tmp_path / "nginx.log", f"http://127.0.0.1:{nginx.http_port}/"),
        nginx.https() as http,
    ):
        yield Cluster(http, nginx.pages_root)


def column(hostname: str, slug: str) -> ColumnPage:
    return ColumnPage.objects.descendant_of(Site.objects.get(hostname=hostname).root_page).get(slug=slug)


def written_hosts(pages: Path) -> set[str]:
    return {entry.name for entry in pages.iterdir() if not entry.name.startswith(".")}


@needs_nginx
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_published_pages__served_by_nginx_only_to_anonymous_plain_gets_of_known_hosts(cluster):
    rendered = cluster.get(CITY, "/xxfb/")
    served = cluster.from_file(CITY, "/xxfb/")
    assert "x-published-page" not in rendered.headers
    assert served.content == rendered.content
    assert served.headers["content-type"] == "text/html; charset=utf-8"
    assert (cluster.pages / CITY / "xxfb" / "index.html").read_bytes() == rendered.content

    # A query string, a session cookie (even a forged one) and credentials go to the app.
    assert "x-published-page" not in cluster.get(CITY, "/xxfb/", params={"page": "1"}).headers
    assert "x-published-page" not in cluster.get(CITY, "/xxfb/", headers={"Cookie": "sessionid=forged"}).headers
    assert "x-published-page" not in cluster.get(CITY, "/xxfb/", headers={"Authorization": "Basic eDp4"}).headers

    # An unknown host is answered by the default site, and writes nothing under its name.
    for _ in range(2):
        forged = cluster.get("forged.localhost", "/xxfb/")
        assert forged.status_code == HTTPStatus.OK
        assert "x-published-page" not in forged.headers
    assert written_hosts(cluster.pages) == {CITY}


@needs_nginx
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_published_pages__refreshed_on_publish_syndication_and_unpublish(cluster):
    news = column(COUNTY, "zwdt")
    article = ArticlePage.objects.live().child_of(news).order_by("-pub_date").first()
    path = article.relative_url(Site.objects.get(hostname=COUNTY))
    county_pages = (path, news.relative_url(news.get_site()), "/")
    for page in county_pages:
        cluster.from_file(COUNTY, page)
    cluster.from_file(CITY, "/")

    article.title = "信州区静态发布后的新标题"
    article.save_revision().publish()
    for page in county_pages:
        assert article.title in cluster.until(COUNTY, page, lambda r: article.title in r.text).text, page
        assert article.title in cluster.from_file(COUNTY, page).text, page
    assert article.title in cluster.get(COUNTY, "/feeds/").text

    # 信息报送: accepted on the city portal, listed there; unpublished at its origin, gone from the city's files.
    city_news = column(CITY, "zwdt")
    city_paths = (city_news.relative_url(city_news.get_site()), "/")
    User = get_user_model()
    (submission,) = syndication.submit(article, [city_news], User.objects.get(username="xinzhou_editor"))
    syndication.decide(submission.pk, User.objects.get(username="city_reviewer"), accept=True)
    for page in city_paths:
        assert article.title in cluster.until(CITY, page, lambda r: article.title in r.text).text, page
        assert article.title in cluster.from_file(CITY, page).text, page

    article.unpublish()
    for page in city_paths:
        assert article.title not in cluster.until(CITY, page, lambda r: article.title not in r.text).text, page
        assert article.title not in cluster.from_file(CITY, page).text, page
    gone = cluster.until(COUNTY, path, lambda r: r.status_code == HTTPStatus.NOT_FOUND)
    assert gone.status_code == HTTPStatus.NOT_FOUND
    assert not file_for(cluster.pages, COUNTY, path).exists()


def test_file_for__only_normalised_paths_under_a_plain_host_name(tmp_path):
    assert file_for(tmp_path, CITY, "/") == tmp_path / CITY / "index.html"
    assert file_for(tmp_path, CITY, "/xxfb/zwdt/") == tmp_path / CITY / "xxfb" / "zwdt" / "index.html"
    for path in ("/xxfb", "/../etc/", "/a/./", "//", "/a//b/", "/a\\b/", "/a\x00/", f"/{'长' * 100}/"):
        assert file_for(tmp_path, CITY, path) is None, path
    for hostname in ("..", ".tmp", "a/b", "", "evil.localhost:80"):
        assert file_for(tmp_path, hostname, "/") is None, hostname


@pytest.mark.django_db
def test_nginx_template__sends_the_headers_of_a_production_page(client, settings):
    for name in dir(production):
        if name.startswith(("SECURE_", "X_FRAME", "CONTENT_SECURITY")):
            setattr(settings, name, getattr(production, name))
    page = client.get("/", HTTP_HOST=CITY, HTTP_X_FORWARDED_PROTO="https")
    location = re.search(r"\n    location / \{(.*?)\n    \}", TEMPLATE.read_text(), re.S).group(1)
    added = dict(re.findall(r'add_header (\S+) ("[^"]*"|\S+) always;', location))
    nginx = {name.lower(): value.strip('"') for name, value in added.items()}
    django = {name.lower(): value for name, value in page.headers.items() if name.lower() not in NOT_SECURITY}
    assert set(nginx) - NOT_SECURITY == set(django)

    def directives(policy: str) -> set[str]:
        return {directive.strip() for directive in policy.split(";")}

    assert directives(nginx.pop("content-security-policy")) == directives(django.pop("content-security-policy"))
    assert {name: nginx[name] for name in django} == django
    assert page["Content-Type"] == "text/html; charset=utf-8"
