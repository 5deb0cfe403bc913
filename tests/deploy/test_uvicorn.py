"""The server `make run` starts: a client cannot pick its own address with X-Forwarded-For.

uvicorn, by default, believes X-Forwarded-For from 127.0.0.1, so every local client (or a proxy on
the same host) could name a new address per request and never be locked out. The app derives the
client's address itself (cms.client_ip) and the server must leave the socket's address alone.
"""

from http import HTTPStatus

import httpx
import pytest
from django.conf import settings
from django.db import connection

from tests.servers import (
    admin_login,
    free_port,
    make_run_server_command,
    running,
    server_environment,
    shared_database_url,
)

HOST = "www.localhost"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_make_run__a_rotating_forwarded_for_does_not_escape_the_login_lockout(tmp_path):
    port = free_port()
    env = server_environment(shared_database_url(connection))
    base_url = f"http://127.0.0.1:{port}"
    with (
        running(make_run_server_command(port), env, tmp_path / "uvicorn.log", f"{base_url}/", headers={"Host": HOST}),
        httpx.Client(base_url=base_url, headers={"Host": HOST}, trust_env=False, timeout=30) as http,
    ):
        for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
            assert admin_login(http, "wrong", f"198.51.100.{attempt}").status_code == HTTPStatus.OK
        assert admin_login(http, "wrong", "198.51.100.100").status_code == HTTPStatus.TOO_MANY_REQUESTS
        right = admin_login(http, "Demo@2026", "198.51.100.101")
    assert right.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "登录已暂时锁定" in right.text
