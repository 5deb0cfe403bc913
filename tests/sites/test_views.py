from http import HTTPStatus

import pytest
from wagtail.models import Site

from sites.models import ArticlePage

pytestmark = pytest.mark.django_db


def test_robots_txt__points_at_the_sites_own_sitemap(client):
    response = client.get("/robots.txt", HTTP_HOST="xinzhou.localhost")
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Disallow: /admin/" in response.content.decode()
    # The 适老化 links on every page only set a cookie: a crawl (an audit's too) must not multiply by them.
    assert "Disallow: /care/" in response.content.decode()
    assert "Sitemap: http://xinzhou.localhost/sitemap.xml" in response.content.decode()


def test_sitemap__lists_only_the_requesting_sites_pages(client):
    response = client.get("/sitemap.xml", HTTP_HOST="xinzhou.localhost")
    assert response.status_code == HTTPStatus.OK
    xml = response.content.decode()
    own = ArticlePage.objects.live().descendant_of(Site.objects.get(hostname="xinzhou.localhost").root_page).first()
    assert f"<loc>http://xinzhou.localhost{own.relative_url(own.get_site())}</loc>" in xml
    assert "guangfeng.localhost" not in xml
