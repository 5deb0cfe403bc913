"""The suite runs against one seeded demo cluster, built once per session in the test database.

Each test runs in a transaction that is rolled back, so tests see the demo as seeded and may
change it freely. Caches are cleared around every test because they outlive the rollback.
"""

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("seed_demo", "--port", "80", stdout=io.StringIO())


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()
