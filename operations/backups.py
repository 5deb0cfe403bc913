"""Disaster backup (灾备): the database and the media files in one archive with a manifest of checksums.

The database is copied first, as one consistent snapshot (SQLite's online backup API, which
copies a committed state while other connections keep writing; pg_dump, which reads inside one
transaction). The media files are copied after it: uploads are only ever added, so every file the
snapshot names is already on disk; a file uploaded meanwhile is merely extra.

Restoring checks every checksum before it touches anything, and refuses a database or media
folder that already holds content unless told to replace it.
"""

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath

import django
import wagtail
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connections
from django.utils import timezone

from sites.caching import forget_versions

ARCHIVE_FORMAT = 1
MANIFEST = "manifest.json"
MEDIA_FOLDER = "media"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
# What `migrate` leaves in a new database: Wagtail's root page and its welcome page.
PAGES_OF_A_NEW_DATABASE = 2
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why, in Chinese."""


@dataclass(frozen=True)
class BackupReport:
    path: Path
    engine: str
    database_bytes: int
    media_files: int
    media_bytes: int
    seconds: float


@dataclass(frozen=True)
class RestoreReport:
    engine: str
    created: str
    media_files: int
    seconds: float


def _copy_sqlite(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    """SQLite's online backup: a consistent copy page by page, whatever else uses either file."""
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()


def timestamped_name(now: datetime | None = None) -> str:
    """cluster-YYYYMMDD-HHMMSS.tar.gz in Beijing time, so archives sort by when they were taken."""
    local = timezone.localtime(now or timezone.now())
    return f"cluster-{local:%Y%m%d-%H%M%S}.tar.gz"


def backup_destination(target: str | os.PathLike | None) -> Path:
    """The archive to write: `target` itself, or a timestamped file in it (or in BACKUP_DIR) if it is a folder."""
    path = Path(target) if target else Path(settings.BACKUP_DIR)
    if path.is_dir() or not target:
        path.mkdir(parents=True, exist_ok=True)
        return path / timestamped_name()
    return path


def _engine(alias: str = "default") -> str:
    vendor = connections[alias].vendor
    if vendor not in DATABASE_FILES:
        raise BackupError(f"不支持备份 {vendor} 数据库，只支持 SQLite 和 PostgreSQL。")
    return vendor


def _postgres_command(program: str, alias: str) -> tuple[list[str], dict[str, str]]:
    params = connections[alias].settings_dict
    executable = shutil.which(program)
    if executable is None:
        raise BackupError(f"找不到 {program}，请安装与数据库版本一致的 PostgreSQL 客户端。")
    command = [executable, "--dbname", params["NAME"], "--no-owner", "--no-privileges"]
    if params.get("HOST"):
        command += ["--host", params["HOST"]]
    if params.get("PORT"):
        command += ["--port", str(params["PORT"])]
    if params.get("USER"):
        command += ["--username", params["USER"]]
    env = dict(os.environ)
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = params["PASSWORD"]
    return command, env


def _dump_database(engine: str, alias: str, into: Path) -> None:
    if engine == "sqlite":
        name = connections[alias].settings_dict["NAME"]
        # A connection of its own, read-only: it sees committed data only, whatever Django's is doing.
        _copy_sqlite(sqlite3.connect(f"{Path(name).resolve().as_uri()}?mode=ro", uri=True), sqlite3.connect(into))
        return
    command, env = _postgres_command("pg_dump", alias)
    command += ["--format=custom", "--file", str(into)]
    result = subprocess.run(command, env=env, capture_output=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"pg_dump 失败：{result.stderr.decode(errors='replace').strip()}")


class _HashingReader:
    """Reads a file for tarfile while computing its SHA-256, so each file is read once."""

    def __init__(self, file):
        self.file = file
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.file.read(size)
        self.digest.update(data)
        return data


def _add_file(archive: tarfile.TarFile, path: Path, name: str, manifest: dict) -> int:
    with path.open("rb") as file:
        info = archive.gettarinfo(fileobj=file, arcname=name)
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        reader = _HashingReader(file)
        archive.addfile(info, reader)
    manifest[name] = {"size": info.size, "sha256": reader.digest.hexdigest()}
    return info.size


def _media_files(media_root: Path) -> list[Path]:
    if not media_root.exists():
        return []
    return sorted(path for path in media_root.rglob("*") if path.is_file() and not path.is_symlink())


def _applied_migrations(alias: str) -> dict[str, str]:
    from django.db.migrations.recorder import MigrationRecorder

    latest: dict[str, str] = {}
    for app, name in (
        MigrationRecorder(connections[alias]).migration_qs.order_by("app", "name").values_list("app", "name")
    ):
        latest[app] = name
    return latest


def backup_cluster(destination: Path, *, alias: str = "default", media_root: Path | None = None) -> BackupReport:
    """Write the database and the media files into the gzip'd tar archive `destination`."""
    started = time.perf_counter()
    engine = _engine(alias)
    media_root = Path(media_root or settings.MEDIA_ROOT)
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    files: dict[str, dict] = {}
    media_count = media_bytes = 0
    with tempfile.TemporaryDirectory(prefix="cluster-backup-", dir=destination.parent) as work:
        database_file = Path(work) / DATABASE_FILES[engine]
        _dump_database(engine, alias, database_file)
        manifest = {
            "format": ARCHIVE_FORMAT,
            "created": timezone.localtime().isoformat(timespec="seconds"),
            "engine": engine,
            "django": django.get_version(),
            "wagtail": wagtail.__version__,
            "migrations": _applied_migrations(alias),
            "files": files,
        }
        with tarfile.open(partial, "w:gz") as archive:
            database_bytes = _add_file(archive, database_file, DATABASE_FILES[engine], files)
            for path in _media_files(media_root):
                name = str(PurePosixPath(MEDIA_FOLDER, *path.relative_to(media_root).parts))
                try:
                    media_bytes += _add_file(archive, path, name, files)
                except FileNotFoundError:
                    continue  # deleted by an editor while the backup ran; the snapshot may still name it
                media_count += 1
            # Last, once every checksum is known.
            data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime = len(data), int(time.time())
            archive.addfile(info, io.BytesIO(data))
    partial.replace(destination)
    return BackupReport(destination, engine, database_bytes, media_count, media_bytes, time.perf_counter() - started)


def database_is_empty(alias: str = "default") -> bool:
    """No tables, or only what `migrate` creates: no users and no pages but Wagtail's first two."""
    from wagtail.models import Page

    connection = connections[alias]
    tables = set(connection.introspection.table_names())
    if Page._meta.db_table not in tables:
        return True
    users = get_user_model().objects.using(alias)
    return not users.exists() and Page.objects.using(alias).count() <= PAGES_OF_A_NEW_DATABASE


def media_is_empty(media_root: Path) -> bool:
    return not _media_files(media_root)


def _safe_member_name(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise BackupError(f"备份文件中的路径 {name!r} 不安全，已拒绝恢复。")
    return path


def _unpack(archive_path: Path, into: Path) -> dict:
    """Extract every member the manifest lists, checking each checksum; return the manifest."""
    try:
        archive = tarfile.open(archive_path, "r:gz")  # noqa: SIM115 (closed below)
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"无法读取备份文件 {archive_path}：{error}") from error
    with archive:
        try:
            manifest = json.load(archive.extractfile(MANIFEST))
        except (KeyError, AttributeError, ValueError) as error:
            raise BackupError("备份文件缺少有效的 manifest.json，不是本系统生成的备份。") from error
        if manifest.get("format") != ARCHIVE_FORMAT:
            raise BackupError(f"备份文件格式 {manifest.get('format')} 不受支持。")
        expected = manifest["files"]
        seen = set()
        for member in archive:
            if member.name == MANIFEST:
                continue
            if member.name not in expected or not member.isfile():
                raise BackupError(f"备份文件中有清单之外的条目 {member.name!r}，已拒绝恢复。")
            target = into.joinpath(*_safe_member_name(member.name).parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            digest = hashlib.sha256()
            with archive.extractfile(member) as source, target.open("wb") as output:
                while chunk := source.read(CHUNK):
                    digest.update(chunk)
                    output.write(chunk)
            if digest.hexdigest() != expected[member.name]["sha256"]:
                raise BackupError(f"{member.name} 的校验和不符，备份文件已损坏，未做任何恢复。")
            seen.add(member.name)
        missing = set(expected) - seen
        if missing:
            raise BackupError(f"备份文件缺少 {len(missing)} 个文件（如 {sorted(missing)[0]}），未做任何恢复。")
    return manifest


def _restore_database(engine: str, alias: str, dump: Path) -> None:
    connection = connections[alias]
    connection.close()
    if engine == "sqlite":
        _copy_sqlite(sqlite3.connect(dump), sqlite3.connect(connection.settings_dict["NAME"], timeout=30))
        return
    command, env = _postgres_command("pg_restore", alias)
    result = subprocess.run(  # noqa: S603
        [*command, "--clean", "--if-exists", "--single-transaction", "--exit-on-error", str(dump)],
        env=env,
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        raise BackupError(f"pg_restore 失败：{result.stderr.decode(errors='replace').strip()}")


def _replace_media(source: Path, media_root: Path) -> int:
    media_root.mkdir(parents=True, exist_ok=True)
    # The folder itself stays: in a container it is a volume's mount point.
    for child in media_root.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    count = 0
    if source.exists():
        for path in sorted(source.rglob("*")):
            target = media_root / path.relative_to(source)
            if path.is_dir():
                target.mkdir(exist_ok=True)
            else:
                shutil.move(path, target)
                count += 1
    return count


def restore_cluster(
    archive_path: Path, *, replace: bool = False, alias: str = "default", media_root: Path | None = None
) -> RestoreReport:
    """Restore an archive of `backup_cluster` into this database and media folder.

    Both must be empty unless `replace` is given, which overwrites the database and empties the
    media folder first.
    """
    started = time.perf_counter()
    engine = _engine(alias)
    media_root = Path(media_root or settings.MEDIA_ROOT)
    if not replace:
        if not database_is_empty(alias):
            raise BackupError("目标数据库已有内容，拒绝覆盖；确需以备份替换现有数据，请加 --replace。")
        if not media_is_empty(media_root):
            raise BackupError(f"媒体文件夹 {media_root} 不为空，拒绝覆盖；确需替换，请加 --replace。")
    work_parent = media_root.parent if media_root.parent.exists() else None
    with tempfile.TemporaryDirectory(prefix="cluster-restore-", dir=work_parent) as work:
        manifest = _unpack(Path(archive_path), Path(work))
        if manifest["engine"] != engine:
            raise BackupError(f"备份来自 {manifest['engine']} 数据库，当前数据库是 {engine}，无法直接恢复。")
        _restore_database(engine, alias, Path(work) / DATABASE_FILES[engine])
        media_files = _replace_media(Path(work) / MEDIA_FOLDER, media_root)
    # Cached pages and navigation describe the data that was replaced.
    cache.clear()
    forget_versions()
    return RestoreReport(engine, manifest["created"], media_files, time.perf_counter() - started)
