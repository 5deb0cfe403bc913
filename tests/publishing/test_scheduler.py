"""The scheduler publishes and expires pages on time and refreshes sites when a mode begins or ends."""

import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.models import Site

from publishing.enums import ModeKind
from publishing.models import SiteMode
from publishing.scheduler import tick
from sites import caching
from sites.models import ColumnPage
from tests.sites.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def news_column() -> ColumnPage:
    return ColumnPage.objects.descendant_of(Site.objects.get(hostname="xinzhou.localhost").root_page).get(slug="zwdt")


def test_run_scheduler__publishes_what_is_due_and_expires_what_has_ended():
    now = timezone.now()
    due = ArticlePageFactory(parent=news_column(), live=False)
    due.save_revision(approved_go_live_at=now - timedelta(minutes=1))
    ending = ArticlePageFactory(parent=news_column())
    ending.expire_at = now - timedelta(minutes=1)
    ending.save()

    call_command("run_scheduler", "--once", stdout=io.StringIO())

    due.refresh_from_db()
    ending.refresh_from_db()
    assert due.live
    assert not ending.live
    assert ending.expired


def test_tick__refreshes_the_site_whose_mode_began_and_no_other():
    xinzhou, city = Site.objects.get(hostname="xinzhou.localhost"), Site.objects.get(hostname="www.localhost")
    now = timezone.now()
    SiteMode.objects.create(
        kind=ModeKind.MOURNING, site=xinzhou, starts_at=now - timedelta(seconds=10), ends_at=now + timedelta(hours=1)
    )
    before = caching.site_version(xinzhou.pk), caching.site_version(city.pk)

    tick(now - timedelta(seconds=30), now)

    assert caching.site_version(xinzhou.pk) == before[0] + 1
    assert caching.site_version(city.pk) == before[1]


def test_run_scheduler__refuses_an_interval_below_a_second():
    with pytest.raises(CommandError, match="检查间隔至少 1 秒"):
        call_command("run_scheduler", "--interval", "0", stdout=io.StringIO())
