"""Published pages as files, served by nginx without the app (`STATIC_PAGES_ROOT`; empty: off).

A page the whole-page cache stores for an anonymous GET without query string is also written to
`<root>/<site hostname><path>index.html`; nginx answers the next visits from that file
(`deploy/nginx/cluster.conf.template`) and passes everything else to the app.

Purging a site (`sites.caching.purge_sites`, every publish, unpublish, move, delete, 信息报送,
mode and site change) removes the site's whole folder, after the version bump has committed: a
folder is renamed aside, then deleted, so nginx never serves half of it. A page rendered while a
change committed could be written after its site's folder went; so a file is written first and
then kept only if the site's version is still the one read before rendering. `sweep()` (the
scheduler) removes files older than `PAGE_CACHE_SECONDS`, the bound the page cache keeps for
changes that bump no version.

Only a site's own hostname gets a folder (an unknown `Host` answered by the default site writes
nothing), only normalised paths ending in `/`, only pages up to `MAX_PAGE_BYTES`.
"""

import contextlib
import logging
import os
import re
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from wagtail.models import Site

from sites.models import SiteCacheVersion

logger = logging.getLogger(__name__)

MAX_PAGE_BYTES = 4 * 1024 * 1024
MAX_PATH_BYTES = 1024
MAX_SEGMENT_BYTES = 200
# Folders of the root that are no site's: temporary files and folders being deleted.
TEMP_FOLDER = ".tmp"
TRASH_PREFIX = ".trash-"
LEFTOVER_SECONDS = 60
HOSTNAME = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*")
FORBIDDEN_IN_SEGMENT = re.compile(r"[\x00-\x1f\x7f\\]")


def root() -> Path | None:
    return Path(settings.STATIC_PAGES_ROOT) if settings.STATIC_PAGES_ROOT else None


def file_for(base: Path, hostname: str, path: str) -> Path | None:
    """Where the page at `path` of the site `hostname` is written; None if it must not be."""
    if not HOSTNAME.fullmatch(hostname) or not path.startswith("/") or not path.endswith("/"):
        return None
    if len(path.encode()) > MAX_PATH_BYTES:
        return None
    segments = path.split("/")[1:-1]
    for segment in segments:
        # nginx merges slashes and resolves dot segments before looking for the file: such a path is never asked.
        if segment in ("", ".", "..") or FORBIDDEN_IN_SEGMENT.search(segment):
            return None
        if len(segment.encode()) > MAX_SEGMENT_BYTES:
            return None
    return base.joinpath(hostname, *segments, "index.html")


def write_page(request: HttpRequest, site: Site, version: int, content: bytes) -> None:
    """Write the page `request` received, rendered under the site's cache `version`, where nginx finds it."""
    base = root()
    if base is None or request.method != "GET" or request.META.get("QUERY_STRING"):
        return
    # nginx sends a visitor with a session cookie to the app; writing for each of them would only churn the disk.
    if settings.SESSION_COOKIE_NAME in request.COOKIES or len(content) > MAX_PAGE_BYTES:
        return
    # An unknown Host is answered by the default site; only the site's own name gets its files.
    if request.get_host().rsplit(":", 1)[0].lower() != site.hostname.lower():
        return
    target = file_for(base, site.hostname.lower(), request.path)
    if target is None or target.exists():
        return
    temp = None
    try:
        (base / TEMP_FOLDER).mkdir(parents=True, exist_ok=True)
        target.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temp = tempfile.mkstemp(dir=base / TEMP_FOLDER, suffix=".html")
        with os.fdopen(descriptor, "wb") as output:
            output.write(content)
        os.chmod(temp, 0o644)  # nginx's user reads it
        os.replace(temp, target)
        temp = None
    except OSError:
        # The site's folder removed meanwhile, a path a file already holds: the app keeps serving the page.
        logger.debug("未写入静态页面 %s", target, exc_info=True)
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)
        return
    # A purge whose version bump committed before this read may have removed the folder before the
    # write above; one that commits after it removes the file itself.
    if _stored_version(site.pk) != version:
        target.unlink(missing_ok=True)


def _stored_version(site_id: int) -> int:
    return SiteCacheVersion.objects.filter(site_id=site_id).values_list("version", flat=True).first() or 0


def remove_sites(site_ids: Iterable[int]) -> None:
    """Remove the files of these sites, and of host names no site has any more, once the transaction commits."""
    site_ids = set(site_ids)
    if root() is not None and site_ids:
        transaction.on_commit(lambda: _remove_now(site_ids))


def _remove_now(site_ids: set[int]) -> None:
    base = root()
    if base is None or not base.is_dir():
        return
    hostnames = {pk: hostname.lower() for pk, hostname in Site.objects.values_list("pk", "hostname")}
    doomed = {hostnames[pk] for pk in site_ids if pk in hostnames}
    current = set(hostnames.values())
    for entry in os.scandir(base):
        if not entry.name.startswith(".") and (entry.name in doomed or entry.name not in current):
            _discard(base, Path(entry.path))


def _discard(base: Path, folder: Path) -> None:
    """Rename `folder` aside at once (nginx stops finding its files), then delete it."""
    trash = base / f"{TRASH_PREFIX}{uuid.uuid4().hex}"
    try:
        os.rename(folder, trash)
    except FileNotFoundError:
        return
    shutil.rmtree(trash, ignore_errors=True)


def sweep(max_age: float) -> None:
    """Remove pages older than `max_age` seconds, and what an interrupted write or removal left."""
    base = root()
    if base is None or not base.is_dir():
        return
    now = time.time()
    for entry in os.scandir(base):
        if entry.name.startswith(TRASH_PREFIX) and now - entry.stat().st_mtime > LEFTOVER_SECONDS:
            shutil.rmtree(entry.path, ignore_errors=True)
    temp_folder = str(base / TEMP_FOLDER)
    for folder, _subfolders, files in os.walk(base):
        for name in files:
            path = os.path.join(folder, name)
            with contextlib.suppress(FileNotFoundError):
                limit = LEFTOVER_SECONDS if folder == temp_folder else max_age
                if now - os.stat(path).st_mtime > limit:
                    os.unlink(path)
