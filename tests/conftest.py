"""The suite runs against one seeded demo cluster, built once per session in the test database.

Each test runs in a transaction that is rolled back, so tests see the demo as seeded and may
change it freely. Tests that need committed data (a live server, a browser) flush the database
when they end; they use `serialized_rollback`, which reloads the seeded demo from the snapshot
taken here. Caches are cleared around every test because they outlive the rollback.
"""

import io

import channels.db
import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connections

from sites.caching import forget_versions


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("seed_demo", "--port", "80", stdout=io.StringIO())
        for connection in connections.all():
            snapshot = connection.creation.serialize_db_to_string()
            # On the instance, replacing the empty database's snapshot, and on the class: Playwright's
            # sync API runs tests in greenlets, where Django hands out new connection objects.
            connection._test_serialized_contents = snapshot
            type(connection)._test_serialized_contents = snapshot


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    forget_versions()
    yield
    cache.clear()
    forget_versions()


@pytest.fixture(autouse=True)
def _keep_the_test_connection(monkeypatch):
    """Consumers' database work runs in the test's thread and transaction (`database_sync_to_async`).

    Channels closes "old" connections around it, and a connection inside the test's transaction
    looks old (autocommit off): it would be closed mid-test. Django's test client keeps the
    connection open across requests for the same reason.
    """
    monkeypatch.setattr(channels.db, "close_old_connections", lambda: None)
