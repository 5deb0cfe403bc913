"""The cluster over real HTTP: one server, a site per Host header.

A live server needs committed data, so the database is flushed after the test and the seeded
demo reloaded from its snapshot (see tests/conftest.py).
"""

from http import HTTPStatus

import httpx
import pytest

SITES = {
    "www.localhost": "上饶市人民政府门户网站",
    "guangxin.localhost": "广信区人民政府门户网站",
    "sjglj.localhost": "上饶市数据管理局",
}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_live_server__serves_each_site_by_host_header(live_server):
    with httpx.Client(base_url=live_server.url, timeout=30) as http:
        for host, name in SITES.items():
            response = http.get("/", headers={"Host": host})
            assert response.status_code == HTTPStatus.OK, host
            assert f'<meta name="SiteName" content="{name}">' in response.text
            assert response.headers["content-type"].startswith("text/html")
            column = http.get("/xxfb/zwdt/", headers={"Host": host})
            assert column.status_code == HTTPStatus.OK
            assert '<meta name="ColumnName" content="政务动态">' in column.text
        stylesheet = http.get("/static/themes/css/base.css", headers={"Host": "www.localhost"})
        assert stylesheet.status_code == HTTPStatus.OK
        assert "--primary" in stylesheet.text
