"""Disaster backup and recovery: a real round trip through the archive, on whichever engine the tests run."""

import hashlib
import io
import json
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection
from wagtail.documents import get_document_model
from wagtail.models import Page, Revision

from operations.backups import MANIFEST, BackupError, backup_cluster, restore_cluster, timestamped_name
from sites.models import ArticlePage
from tests.servers import ROOT, server_environment

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def database_fingerprint(cursor) -> dict[str, str]:
    """A digest of every row of every table, independent of the order the engine returns them in."""
    fingerprint = {}
    for table in sorted(set(connection.introspection.table_names(cursor)) - virtual_tables(cursor)):
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 (names from introspection)
        rows = sorted(repr(tuple(row)) for row in cursor.fetchall())
        fingerprint[table] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
    return fingerprint


def virtual_tables(cursor, schema: str = "main") -> set[str]:
    """SQLite full-text tables cannot be scanned; their rows live in shadow tables, which are compared."""
    if connection.vendor != "sqlite":
        return set()
    cursor.execute(f"SELECT name FROM {schema}.sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'")  # noqa: S608
    return {row[0] for row in cursor.fetchall()}


def media_fingerprint(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in root.rglob("*")
        if path.is_file()
    }


@pytest.fixture
def media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


@pytest.fixture
def document(media_root):
    return get_document_model().objects.create(
        title="2026年政府工作报告", file=ContentFile(b"%PDF-1.4 report", name="gzbg-2026.pdf")
    )


def test_round_trip__back_up_change_restore_gives_back_every_row_and_file(tmp_path, media_root, document):
    article = ArticlePage.objects.live().first()
    article.save_revision().publish()  # a page with several revisions
    before = database_fingerprint(connection.cursor())
    media_before = media_fingerprint(media_root)
    assert Revision.objects.filter(object_id=str(article.pk)).count() >= 2

    archive = tmp_path / "backups" / timestamped_name()
    report = backup_cluster(archive)
    assert report.media_files == len(media_before) >= 1

    # The disaster: pages, a document and its file lost, an intruder's account added, an image overwritten.
    Page.objects.get(pk=article.pk).delete()
    Path(document.file.path).unlink()
    document.delete()
    get_user_model().objects.create_user("intruder", password="x")
    (media_root / "stray.txt").write_text("not in the backup")
    assert database_fingerprint(connection.cursor()) != before

    with pytest.raises(BackupError, match="已有内容"):
        restore_cluster(archive)
    restore_cluster(archive, replace=True)

    assert database_fingerprint(connection.cursor()) == before
    assert media_fingerprint(media_root) == media_before
    assert ArticlePage.objects.filter(pk=article.pk).exists()


def test_restore_cluster__into_an_empty_database_in_another_process(tmp_path, media_root, document):
    """The command line of the recovery drill: restore into a new database and media folder, then compare."""
    if connection.vendor != "sqlite":
        pytest.skip("the second database is a SQLite file; the PostgreSQL path is covered by the round trip")
    before = database_fingerprint(connection.cursor())
    archive = tmp_path / "cluster.tar.gz"
    call_command("backup_cluster", str(archive), stdout=io.StringIO())

    target_db, target_media = tmp_path / "restored.sqlite3", tmp_path / "restored-media"
    env = server_environment(f"sqlite:///{target_db}", MEDIA_ROOT=str(target_media))
    command = [sys.executable, "manage.py", "restore_cluster", str(archive)]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    assert result.returncode == 0, result.stderr
    assert "已从" in result.stdout

    with connection.cursor() as cursor:
        cursor.execute("ATTACH DATABASE %s AS restored", [str(target_db)])
        try:
            restored = {}
            tables = [
                row[0]
                for row in cursor.execute(
                    "SELECT name FROM restored.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                )
            ]
            for table in sorted(set(tables) - virtual_tables(cursor, "restored")):
                rows = sorted(repr(tuple(row)) for row in cursor.execute(f'SELECT * FROM restored."{table}"'))  # noqa: S608
                restored[table] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
        finally:
            cursor.execute("DETACH DATABASE restored")
    assert restored == before
    assert media_fingerprint(target_media) == media_fingerprint(media_root)

    # Run again, the database now holds the cluster: refused, and nothing is touched.
    again = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    assert again.returncode != 0
    assert "--replace" in again.stderr


def test_backup_cluster__a_folder_gets_a_timestamped_archive_with_a_manifest_of_checksums(
    tmp_path, media_root, document
):
    out = io.StringIO()
    call_command("backup_cluster", str(tmp_path), stdout=out)
    (archive,) = tmp_path.glob("cluster-*.tar.gz")
    assert str(archive) in out.getvalue()
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile(MANIFEST))
        names = set(tar.getnames()) - {MANIFEST}
        for name in names:
            data = tar.extractfile(name).read()
            assert hashlib.sha256(data).hexdigest() == manifest["files"][name]["sha256"]
    assert names == set(manifest["files"])
    assert f"media/{document.file.name}" in names
    assert manifest["engine"] == connection.vendor
    assert manifest["migrations"]["wagtailcore"]


def test_restore_cluster__a_corrupted_archive_is_refused_before_anything_changes(tmp_path, media_root, document):
    archive = tmp_path / "cluster.tar.gz"
    backup_cluster(archive)
    # Same names and manifest, one file's bytes changed.
    tampered = tmp_path / "tampered.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(tampered, "w:gz") as target:
        for member in source:
            data = source.extractfile(member).read()
            if member.name.startswith("media/"):
                data = data.replace(b"report", b"forged")
            target.addfile(member, io.BytesIO(data))
    before = database_fingerprint(connection.cursor())
    with pytest.raises(BackupError, match="校验和不符"):
        restore_cluster(tampered, replace=True)
    assert database_fingerprint(connection.cursor()) == before
    assert (media_root / document.file.name).read_bytes() == b"%PDF-1.4 report"


def test_restore_cluster__a_path_outside_the_media_folder_is_refused(tmp_path, media_root):
    evil = tmp_path / "evil.tar.gz"
    payload = b"owned"
    manifest = {"format": 1, "engine": connection.vendor, "created": "", "files": {
        "../escape.txt": {"size": len(payload), "sha256": hashlib.sha256(payload).hexdigest()},
    }}  # fmt: skip
    with tarfile.open(evil, "w:gz") as tar:
        for name, data in (("../escape.txt", payload), (MANIFEST, json.dumps(manifest).encode())):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    with pytest.raises(CommandError, match="不安全"):
        call_command("restore_cluster", str(evil), "--replace")
    assert not (media_root.parent / "escape.txt").exists()
    assert media_root == settings.MEDIA_ROOT
