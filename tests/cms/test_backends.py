"""The configured channel layer and cache really carry data (Redis in CI, in-process otherwise)."""

import asyncio

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core.cache import cache


def test_channel_layer__delivers_a_group_message():
    # One event loop for the whole exchange: Redis pub/sub subscriptions belong to the loop that made them.
    async def exchange():
        layer = get_channel_layer()
        channel = await layer.new_channel()
        await layer.group_add("cluster-test", channel)
        await layer.group_send("cluster-test", {"type": "cluster.test", "text": "上饶"})
        message = await asyncio.wait_for(layer.receive(channel), timeout=30)
        await layer.group_discard("cluster-test", channel)
        return message

    assert async_to_sync(exchange)() == {"type": "cluster.test", "text": "上饶"}


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
