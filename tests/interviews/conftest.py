"""Running consumers and the hub inside tests: one event loop per scenario, database work in the test's thread.

`async_to_sync` runs a scenario in a loop of its own; `database_sync_to_async` (and `in_test_thread`)
brings database work back to the test's thread and transaction. Changes made there are "committed"
with Django's `captureOnCommitCallbacks(execute=True)`, so their events are published exactly as
after a real commit, through the configured channel layer.
"""

from collections.abc import Callable
from typing import Any

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from django.test import TestCase
from wagtail.models import Site

from tests.interviews.factories import InterviewPageFactory


def committed(action: Callable[[], Any]) -> Any:
    """Run `action` and its on-commit callbacks (the publishing of its events)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return action()


async def in_test_thread(action: Callable[[], Any]) -> Any:
    return await sync_to_async(committed)(action)


def run(scenario) -> Any:
    return async_to_sync(scenario)()


@pytest.fixture
def interview():
    return InterviewPageFactory()


@pytest.fixture
def host_header(interview) -> str:
    return Site.objects.get(root_page__in=interview.get_ancestors()).hostname
