"""The configured channel layer and cache really carry data (Redis in CI, in-process otherwise)."""

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core.cache import cache


def test_channel_layer__delivers_a_group_message():
    layer = get_channel_layer()
    channel = async_to_sync(layer.new_channel)()
    async_to_sync(layer.group_add)("cluster-test", channel)
    async_to_sync(layer.group_send)("cluster-test", {"type": "cluster.test", "text": "上饶"})
    message = async_to_sync(layer.receive)(channel)
    assert message == {"type": "cluster.test", "text": "上饶"}
    async_to_sync(layer.group_discard)("cluster-test", channel)


def test_cache__stores_and_increments():
    cache.set("cluster-test-key", 1)
    assert cache.incr("cluster-test-key") == 2
    assert cache.get("cluster-test-key") == 2


@pytest.mark.django_db
def test_asgi_application__serves_http_by_host_header():
    from channels.testing import HttpCommunicator

    from cms.asgi import application

    communicator = HttpCommunicator(application, "GET", "/", headers=[(b"host", b"xinzhou.localhost")])
    response = async_to_sync(communicator.get_response)()
    assert response["status"] == 200
    assert "信州区人民政府门户网站" in response["body"].decode()
