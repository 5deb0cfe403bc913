"""Published page files go with every purge: site and profile saves, mode boundaries, renamed hosts, age."""

import os
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from wagtail.models import Site

from publishing.enums import ModeKind
from publishing.models import SiteMode
from publishing.scheduler import tick
from sites import static_pages
from sites.models import SiteProfile

CITY, COUNTY = "www.localhost", "xinzhou.localhost"


def hosts(root: Path) -> set[str]:
    return {entry.name for entry in root.iterdir() if not entry.name.startswith(".")}


@pytest.fixture
def pages(tmp_path, settings) -> Path:
    settings.STATIC_PAGES_ROOT = str(tmp_path)
    for host in (CITY, COUNTY, "renamed-away.localhost"):
        (tmp_path / host / "xxfb").mkdir(parents=True)
        (tmp_path / host / "xxfb" / "index.html").write_text("旧页面")
    return tmp_path


@pytest.mark.django_db
def test_profile_saved__every_sites_files_go(pages, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        SiteProfile.for_site(Site.objects.get(hostname=COUNTY)).save()
    assert hosts(pages) == set()


@pytest.mark.django_db
def test_mode_boundary__its_sites_files_go_and_a_gone_host_with_them(
    pages, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 600
    now = timezone.now()
    SiteMode.objects.bulk_create(  # no save signal: only the scheduler's boundary purges
        [SiteMode(kind=ModeKind.MOURNING, site=Site.objects.get(hostname=COUNTY), starts_at=now, ends_at=now)]
    )
    with django_capture_on_commit_callbacks(execute=True):
        tick(now - timedelta(seconds=30), now)
    assert hosts(pages) == {CITY}


def test_sweep__removes_pages_older_than_the_page_cache_bound(pages, settings):
    old = pages / CITY / "xxfb" / "index.html"
    past = time.time() - 700
    os.utime(old, (past, past))
    static_pages.sweep(600)
    assert not old.exists()
    assert (pages / COUNTY / "xxfb" / "index.html").exists()
