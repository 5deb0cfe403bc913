import pytest
from wagtail.models import Site


@pytest.fixture
def city():
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def county():
    return Site.objects.get(hostname="xinzhou.localhost")


@pytest.fixture
def indexed(django_capture_on_commit_callbacks):
    """Runs the publish fan-out (and so indexing) of whatever the test does inside it, as a commit would."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run
