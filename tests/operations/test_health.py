"""/healthz and /readyz: answered before host checks and redirects, each engine reported by name."""

import json
import shutil
import subprocess
import time
from http import HTTPStatus

import httpx
import pytest
import yaml
from django.db import connection
from redis import Redis
from redis.exceptions import ConnectionError as RedisConnectionError
from wagtail.models import Site

from interviews.broadcasting import post_message
from interviews.enums import BroadcastStatus, MessageKind
from interviews.models import InterviewPage
from operations.middleware import READINESS_PATH
from sites.models import ColumnPage
from tests.servers import (
    ROOT,
    free_port,
    make_run_server_command,
    running,
    server_environment,
    shared_database_url,
)

REDIS_SERVER = shutil.which("redis-server")
HOST = "www.localhost"
COMPOSE = ROOT / "docker-compose.yml"


def wait_for_redis(port: int) -> None:
    client = Redis(port=port, socket_connect_timeout=1)
    deadline = time.monotonic() + 10
    while True:
        try:
            client.ping()
            return
        except RedisConnectionError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


@pytest.mark.django_db
def test_healthz__answers_ok_for_any_host_without_touching_the_database(client, django_assert_num_queries, settings):
    settings.ALLOWED_HOSTS = ["www.zgsr.gov.cn"]
    with django_assert_num_queries(0):
        response = client.get("/healthz", HTTP_HOST="10.0.0.7:8000")
    assert response.status_code == HTTPStatus.OK
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_readyz__names_every_engine_and_is_ready_when_all_answer(client, settings):
    settings.ALLOWED_HOSTS = ["www.zgsr.gov.cn"]
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/readyz", HTTP_HOST="localhost")
    assert response.status_code == HTTPStatus.OK
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "channel_layer", "search"}
    assert all(check["ok"] for check in body["checks"].values())


@pytest.mark.django_db
def test_readyz__a_broken_cache_is_named_and_answers_503(client, settings):
    # A cache backend pointing at a port where nothing listens: a real refused connection.
    settings.CACHES = {
        "default": {
            "BACKEND": "operations.cache.DegradingRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 1},
        }
    }
    response = client.get("/readyz")
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["cache"]["ok"] is False
    # The production cache answers "not cached" while Redis is down; readiness sees no value kept.
    assert body["checks"]["cache"]["error"] == "RuntimeError"
    assert body["checks"]["database"]["ok"] is True


@pytest.mark.django_db
def test_readyz__an_unreachable_elasticsearch_is_named_degraded(client, settings):
    # Searches go on from the database's own engine (tests/operations/test_degraded_search.py): still ready.
    settings.SEARCH_ELASTICSEARCH_URL = f"http://127.0.0.1:{free_port()}"
    response = client.get("/readyz")
    assert response.status_code == HTTPStatus.OK
    assert response.json()["status"] == "degraded"
    search = response.json()["checks"]["search"]
    assert search["ok"] is False
    assert search["degraded"] is True
    assert search["error"] == "URLError"


@pytest.mark.skipif(REDIS_SERVER is None, reason="redis-server is not installed")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_redis_stopped__readyz_says_so_while_pages_and_the_interview_api_still_serve(tmp_path):
    """A Redis of the test's own, really stopped while the app runs under `make run`'s server."""
    redis_port, app_port = free_port(), free_port()
    redis_command = [REDIS_SERVER, "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    env = server_environment(shared_database_url(connection), REDIS_URL=f"redis://127.0.0.1:{redis_port}/0")
    base_url = f"http://127.0.0.1:{app_port}"
    site = Site.objects.get(is_default_site=True)
    column_path = ColumnPage.objects.live().descendant_of(site.root_page).first().relative_url(site)
    interview = (
        InterviewPage.objects.live()
        .descendant_of(site.root_page)
        .exclude(broadcast__status=BroadcastStatus.SCHEDULED)
        .first()
    )
    interview_id = interview.pk
    redis = subprocess.Popen(redis_command, stdout=subprocess.DEVNULL)  # noqa: S603
    wait_for_redis(redis_port)
    try:
        with (
            running(make_run_server_command(app_port), env, tmp_path / "uvicorn.log", f"{base_url}/healthz"),
            httpx.Client(base_url=base_url, trust_env=False, timeout=30) as http,
        ):
            ready = http.get("/readyz")
            assert ready.status_code == HTTPStatus.OK, ready.text

            redis.terminate()
            redis.wait(10)
            down = http.get("/readyz")
            assert down.status_code == HTTPStatus.SERVICE_UNAVAILABLE
            checks = json.loads(down.text)["checks"]
            assert checks["cache"]["ok"] is False
            assert checks["channel_layer"]["ok"] is False
            assert checks["database"]["ok"] is True
            assert http.get("/healthz").status_code == HTTPStatus.OK
            home = http.get("/", headers={"Host": HOST})
            assert home.status_code == HTTPStatus.OK
            assert "上饶市人民政府门户网站" in home.text
            column = http.get(column_path, headers={"Host": HOST})
            assert column.status_code == HTTPStatus.OK
            events = http.get(f"/api/interviews/{interview_id}/events/", headers={"Host": HOST})
            assert events.status_code == HTTPStatus.OK
            # The live page serves with the catch-up API its script polls once its socket fails; what is said
            # meanwhile is written first, so the poll has it though the push through Redis is lost.
            live_page = http.get(interview.relative_url(site), headers={"Host": HOST})
            assert live_page.status_code == HTTPStatus.OK
            assert f'data-events-url="/api/interviews/{interview_id}/events/"' in live_page.text
            post_message(interview, None, MessageKind.HOST, "Redis 停止期间的主持人发言")
            caught_up = http.get(
                f"/api/interviews/{interview_id}/events/",
                params={"after": events.json()["last_id"]},
                headers={"Host": HOST},
            ).json()
            assert [event["payload"]["text"] for event in caught_up["events"]] == ["Redis 停止期间的主持人发言"]

            redis = subprocess.Popen(redis_command, stdout=subprocess.DEVNULL)  # noqa: S603
            wait_for_redis(redis_port)
            assert http.get("/readyz").status_code == HTTPStatus.OK
    finally:
        redis.terminate()
        redis.wait(10)


def test_compose__every_service_has_a_healthcheck_and_the_app_s_asks_readyz():
    services = yaml.safe_load(COMPOSE.read_text())["services"]
    for name in ("postgres", "redis", "app"):
        assert services[name]["healthcheck"]["test"][0] == "CMD", name
    app_check = " ".join(services["app"]["healthcheck"]["test"])
    assert f"http://127.0.0.1:{services['app']['expose'][0]}{READINESS_PATH}" in app_check
    # Nothing starts before what it needs answers its health check, and every dependency is a service.
    for service in services.values():
        for dependency, condition in service.get("depends_on", {}).items():
            assert dependency in services
            assert condition == {"condition": "service_healthy"}
