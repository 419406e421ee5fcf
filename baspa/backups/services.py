"""Backups of the database and media, and their restore, with a verification step.

One archive (tar.gz) holds the database — SQLite's online backup, or `pg_dump -Fc` — the
media files, and a manifest: every table's row count and every media file's SHA-256. A
backup is verified right after it is written (the archive is read back and checked against
the manifest); a restore is verified against the same manifest before it is reported done.
A backup restores onto the engine it was taken from (SQLite to SQLite, PostgreSQL to
PostgreSQL): the two formats are each engine's own, the most faithful copy either can make.
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
from pathlib import Path

from django.conf import settings
from django.db import connections

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database.sqlite3"
POSTGRES_MEMBER = "database.pgdump"
MEDIA_PREFIX = "media/"


class BackupError(Exception):
    """A backup or restore that cannot be done or does not check out; the message says why."""


@dataclass
class Report:
    archive: Path
    tables: int
    rows: int
    media_files: int


def _engine(alias: str = "default") -> str:
    engine = settings.DATABASES[alias]["ENGINE"]
    if engine.endswith("sqlite3"):
        return "sqlite"
    if engine.endswith("postgresql"):
        return "postgresql"
    raise BackupError(f"Backups support SQLite and PostgreSQL, not {engine}.")


def _table_counts(alias: str = "default") -> dict[str, int]:
    connection = connections[alias]
    with connection.cursor() as cursor:
        tables = sorted(connection.introspection.table_names(cursor))
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _media_files() -> dict[str, Path]:
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return {}
    return {
        path.relative_to(root).as_posix(): path
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


def _pg_env(alias: str = "default") -> tuple[list[str], dict[str, str]]:
    """Connection arguments for pg_dump / pg_restore; the password goes in the environment,
    never on the command line (where `ps` would show it)."""
    db = settings.DATABASES[alias]
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", db["HOST"]]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[-2000:]}")


def _dump_database(target: Path, engine: str) -> None:
    if engine == "sqlite":
        # SQLite's online backup API: a consistent copy even while the site writes (WAL).
        connection = connections["default"]
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
    else:
        args, env = _pg_env()
        _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(target), *args], env)


def backup_create(*, output: Path | None = None) -> Report:
    """Write a verified backup archive and return what it holds."""
    engine = _engine()
    stamp = time.strftime("%Y%m%d-%H%M%S")
    if output is None:
        output = Path(settings.BASPA_HOME) / "backups" / f"baspa-{stamp}.tar.gz"
    output.parent.mkdir(parents=True, exist_ok=True)
    media = _media_files()
    with tempfile.TemporaryDirectory(prefix="baspa-backup-") as work:
        member = SQLITE_MEMBER if engine == "sqlite" else POSTGRES_MEMBER
        dump = Path(work) / member
        # Counted in the same breath as the dump; the verification re-counts in the dump
        # itself, so a row written in between shows up as a difference, not as silence.
        counts = _table_counts()
        _dump_database(dump, engine)
        manifest = {
            "format": FORMAT,
            "created": stamp,
            "engine": engine,
            "database": member,
            "tables": counts,
            "media": {name: _sha256(path) for name, path in media.items()},
        }
        partial = output.with_name(output.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            data = json.dumps(manifest, indent=1, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime = len(data), int(time.time())
            archive.addfile(info, io.BytesIO(data))
            archive.add(dump, arcname=member)
            for name, path in media.items():
                archive.add(path, arcname=MEDIA_PREFIX + name)
        # Renamed only once complete: a crash mid-backup never leaves a plausible archive.
        os.replace(partial, output)
    return backup_verify(archive=output)


def _manifest(archive: tarfile.TarFile) -> dict:
    try:
        manifest = json.load(archive.extractfile(MANIFEST))
    except (KeyError, ValueError, TypeError) as exc:
        raise BackupError("This is not a Baspa backup: it has no readable manifest.") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    return manifest


def _sqlite_counts(path: Path) -> dict[str, int]:
    db = sqlite3.connect(path)
    try:
        (status,) = db.execute("PRAGMA integrity_check").fetchone()
        if status != "ok":
            raise BackupError(f"The database in the backup is damaged: {status}")
        tables = [
            row[0]
            for row in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {t: db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        db.close()


def _safe_members(archive: tarfile.TarFile):
    for member in archive.getmembers():
        name = member.name
        if name.startswith("/") or ".." in Path(name).parts or not (member.isfile()):
            raise BackupError(f"Refusing an archive entry outside the backup: {name!r}")
        yield member


def backup_verify(*, archive: Path) -> Report:
    """Read a backup back and check it against its manifest: every media file's checksum,
    the database dump readable (SQLite: integrity check and every table's row count)."""
    if not archive.is_file():
        raise BackupError(f"No backup at {archive}.")
    try:
        with tarfile.open(archive, "r:gz") as tar, tempfile.TemporaryDirectory() as work:
            manifest = _manifest(tar)
            seen = set()
            for member in _safe_members(tar):
                if member.name.startswith(MEDIA_PREFIX):
                    name = member.name[len(MEDIA_PREFIX) :]
                    digest = hashlib.sha256(tar.extractfile(member).read()).hexdigest()
                    if manifest["media"].get(name) != digest:
                        raise BackupError(f"Media file {name} does not match the manifest.")
                    seen.add(name)
            missing = set(manifest["media"]) - seen
            if missing:
                raise BackupError(f"{len(missing)} media files are missing, e.g. {min(missing)}.")
            tar.extract(manifest["database"], work, filter="data")
            dump = Path(work) / manifest["database"]
            if manifest["engine"] == "sqlite":
                counts = _sqlite_counts(dump)
                if counts != manifest["tables"]:
                    raise BackupError("The database in the backup does not match its manifest.")
            else:
                _run(["pg_restore", "--list", str(dump)], {**os.environ})
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise BackupError(f"The backup archive is damaged or incomplete: {exc}") from exc
    return Report(
        archive=archive,
        tables=len(manifest["tables"]),
        rows=sum(manifest["tables"].values()),
        media_files=len(manifest["media"]),
    )


def _database_is_empty() -> bool:
    return not any(_table_counts().values())


def backup_restore(*, archive: Path, force: bool = False) -> Report:
    """Restore a verified backup into this site's (empty) database and media directory, then
    check every table's row count and every media file against the manifest."""
    report = backup_verify(archive=archive)
    engine = _engine()
    if not force and not _database_is_empty():
        raise BackupError(
            "This site's database is not empty. Restore into a new, empty database, "
            "or pass --force to replace what is there."
        )
    media_root = Path(settings.MEDIA_ROOT)
    with tarfile.open(archive, "r:gz") as tar, tempfile.TemporaryDirectory() as work:
        manifest = _manifest(tar)
        if manifest["engine"] != engine:
            raise BackupError(
                f"This backup is of a {manifest['engine']} database; this site runs on {engine}."
            )
        tar.extract(manifest["database"], work, filter="data")
        dump = Path(work) / manifest["database"]
        connection = connections["default"]
        if engine == "sqlite":
            connection.close()
            target = Path(settings.DATABASES["default"]["NAME"])
            source = sqlite3.connect(dump)
            destination = sqlite3.connect(target)
            try:
                source.backup(destination)
            finally:
                source.close()
                destination.close()
        else:
            connection.close()
            args, env = _pg_env()
            command = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error"]
            if force:
                command += ["--clean", "--if-exists"]
            _run([*command, *args, str(dump)], env)
        media_root.mkdir(parents=True, exist_ok=True)
        for member in _safe_members(tar):
            if member.name.startswith(MEDIA_PREFIX):
                target = media_root / member.name[len(MEDIA_PREFIX) :]
                target.parent.mkdir(parents=True, exist_ok=True)
                with tar.extractfile(member) as src, target.open("wb") as dst:
                    shutil.copyfileobj(src, dst)
    counts = _table_counts()
    wrong = sorted(t for t, n in manifest["tables"].items() if counts.get(t) != n)
    if wrong:
        raise BackupError(f"Restored tables differ from the backup: {', '.join(wrong[:10])}")
    for name, digest in manifest["media"].items():
        if _sha256(media_root / name) != digest:
            raise BackupError(f"Restored media file {name} differs from the backup.")
    return report
