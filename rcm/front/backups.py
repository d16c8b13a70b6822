"""Backups of the whole site in one file, and their restore: the database and every evidence document.

A backup is a tar archive (docs/backups.md):
    database.pgdump      PostgreSQL: pg_dump's custom format
    database.sqlite3     SQLite: a copy made by its online backup API, consistent while the site runs
    evidence/<name>      each evidence document, under its name in the evidence storage
    manifest.json        what the archive holds: the database's kind, each file's size and sha256

The database is dumped before the evidence is read: a document is stored before the row that names it
and is never deleted, so every document that a dumped row names is in the storage when it is read.
A restore checks every checksum before it changes anything, replaces the database in one step (one
transaction on PostgreSQL, the backup API on SQLite), then writes the documents and reads each back.
"""

import datetime
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
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.core.files import File
from django.core.files.storage import Storage, storages
from django.db import DatabaseError, connection
from django.db.migrations.loader import MigrationLoader
from django.utils.translation import gettext as _

from followup.models import PARTIAL_PREFIX, FollowUpAction
from rcm.lib.pagecache import pages_changed

FORMAT = "rcm-tracker-backup"
VERSION = 1
MANIFEST = "manifest.json"
DATABASE_FILES = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
VENDOR_NAMES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
EVIDENCE_FOLDER = "evidence/"
_CHUNK = 1024 * 1024


class BackupError(Exception):
    """Why a backup or a restore cannot be made, in words for the administrator; nothing was changed."""


@dataclass
class BackupReport:
    vendor: str
    database_bytes: int
    evidence_files: int
    evidence_bytes: int
    # Documents that follow-up actions name but the storage lacks: the backup cannot hold them.
    missing: list[str] = field(default_factory=list)


@dataclass
class RestoreReport:
    evidence_written: int
    evidence_unchanged: int
    # Documents in the storage that the backup does not hold: left as they are.
    evidence_left: int
    # Migrations of this code that the restored database has not had (run `manage.py migrate`), and
    # migrations the restored database has had that this code does not know (a newer version made it).
    migrations_to_apply: int
    migrations_unknown: int


class _Hashing:
    """A file read through, its bytes counted and hashed on the way."""

    def __init__(self, file) -> None:
        self.file = file
        self.sha256 = hashlib.sha256()
        self.bytes = 0

    def read(self, size: int = -1) -> bytes:
        data = self.file.read(size)
        self.sha256.update(data)
        self.bytes += len(data)
        return data


def evidence_storage() -> Storage:
    return storages["evidence"]


def evidence_names(storage: Storage) -> list[str]:
    """Every document in the evidence storage, without the hidden files of stores that never finished."""
    names = []

    def walk(folder: str) -> None:
        try:
            directories, files = storage.listdir(folder)
        except FileNotFoundError:  # a folder never written to yet
            return
        names.extend(f"{folder}{name}" for name in files if not name.startswith(PARTIAL_PREFIX))
        for directory in directories:
            walk(f"{folder}{directory}/")

    walk("")
    return sorted(names)


def evidence_sha256(storage: Storage, name: str) -> str:
    digest = hashlib.sha256()
    with storage.open(name, "rb") as file:
        while chunk := file.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def database_tables() -> list[str]:
    return connection.introspection.table_names()


def database_label() -> str:
    name = connection.settings_dict["NAME"]
    return _("%(vendor)s database %(name)s") % {
        "vendor": VENDOR_NAMES.get(connection.vendor, connection.vendor),
        "name": name,
    }


# --- Backing up ---------------------------------------------------------------------------------------


def backup_write(destination: Path) -> BackupReport:
    """Write a backup of the database and the evidence to `destination`, whole or not at all."""
    vendor = _supported_vendor()
    storage = evidence_storage()
    try:
        named = set(FollowUpAction.objects.exclude(evidence_file="").values_list("evidence_file", flat=True))
    except DatabaseError:  # a database from before the follow-up (backed up before `migrate`): none named
        named = set()
    destination.parent.mkdir(parents=True, exist_ok=True)
    # Beside the destination, so that the finished archive is renamed into place, never copied.
    with tempfile.TemporaryDirectory(dir=destination.parent, prefix=".backup-") as scratch:
        dump = Path(scratch) / DATABASE_FILES[vendor]
        if vendor == "postgresql":
            _pg_dump(dump)
        else:
            _sqlite_copy(Path(connection.settings_dict["NAME"]), dump)
        partial = Path(scratch) / "backup.tar"
        with tarfile.open(partial, "w", format=tarfile.PAX_FORMAT) as archive:
            with dump.open("rb") as file:
                database = _add(archive, dump.name, file, dump.stat().st_size)
            files = []
            names = evidence_names(storage)
            for name in names:
                with storage.open(name, "rb") as file:
                    files.append({"name": name, **_add(archive, EVIDENCE_FOLDER + name, file, storage.size(name))})
            manifest = {
                "format": FORMAT,
                "version": VERSION,
                "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
                "database": {"vendor": vendor, "file": dump.name, **database},
                "evidence": files,
            }
            data = json.dumps(manifest, indent=1).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime, info.mode = len(data), int(time.time()), 0o600
            archive.addfile(info, io.BytesIO(data))
        partial.chmod(0o600)  # it holds every account's password hash and every draft
        partial.replace(destination)
    return BackupReport(
        vendor=vendor,
        database_bytes=database["bytes"],
        evidence_files=len(files),
        evidence_bytes=sum(entry["bytes"] for entry in files),
        missing=sorted(named - set(names)),
    )


def _add(archive: tarfile.TarFile, name: str, file, size: int) -> dict:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = size, int(time.time()), 0o600
    reader = _Hashing(file)
    archive.addfile(info, reader)
    return {"bytes": reader.bytes, "sha256": reader.sha256.hexdigest()}


def _supported_vendor() -> str:
    if connection.vendor not in DATABASE_FILES:
        raise BackupError(
            _("Backups are made of PostgreSQL and SQLite databases, not of %(vendor)s.") % {"vendor": connection.vendor}
        )
    return connection.vendor


def _client_tool(program: str) -> str:
    executable = shutil.which(program)
    if executable is None:
        raise BackupError(
            _(
                "%(program)s is not installed. It comes with PostgreSQL's client tools, of the server's version or "
                "newer: on Debian, apt-get install postgresql-client."
            )
            % {"program": program}
        )
    return executable


def _pg_command(program: str, parameters: list[str]) -> tuple[list[str], dict[str, str]]:
    """A PostgreSQL client tool's command line and environment for the site's database, as `dbshell` makes them."""
    arguments, environment = connection.client.settings_to_cmd_args_env(connection.settings_dict, parameters)
    return [_client_tool(program), *arguments[1:]], {**os.environ, **(environment or {})}


def _run(command: list[str], environment: dict[str, str], what: str, **kwargs) -> None:
    # S603: the command is a client tool of PostgreSQL and the site's own settings, with no shell between.
    result = subprocess.run(command, env=environment, capture_output=True, text=True, check=False, **kwargs)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(
            _("%(program)s failed: %(problem)s")
            % {
                "program": what,
                "problem": result.stderr.strip() or _("exit status %(status)s") % {"status": result.returncode},
            }
        )


def _pg_dump(path: Path) -> None:
    command, environment = _pg_command("pg_dump", ["--format=custom", f"--file={path}"])
    _run(command, environment, "pg_dump")


def _sqlite_copy(source: Path, target: Path) -> None:
    if not source.is_file():
        raise BackupError(_("There is no SQLite database at %(path)s.") % {"path": source})
    # Read-only: a backup never creates or changes the site's database. The backup API copies it
    # consistently even while the site writes to it.
    with sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True) as reading:
        with sqlite3.connect(target) as copy:
            reading.backup(copy)
        copy.close()
    reading.close()


# --- Reading a backup ---------------------------------------------------------------------------------


@dataclass
class Backup:
    path: Path
    manifest: dict
    archive: tarfile.TarFile

    @property
    def vendor(self) -> str:
        return self.manifest["database"]["vendor"]

    @property
    def evidence(self) -> list[dict]:
        return self.manifest["evidence"]

    def open_member(self, name: str):
        return self.archive.extractfile(name)


@contextmanager
def backup_opened(path: Path) -> Iterator[Backup]:
    """A backup, every file in it checked against its checksum; BackupError if it is not one, or not whole."""
    not_ours = _("%(path)s is not a backup made by `manage.py backup`") % {"path": path}
    if not path.is_file():
        raise BackupError(_("There is no file %(path)s.") % {"path": path})
    try:
        archive = tarfile.open(path, "r:")  # noqa: SIM115 (closed by the `with archive` below)
    except (tarfile.TarError, OSError) as error:
        raise BackupError(
            _("%(not_ours)s (it is not a tar archive: %(error)s).") % {"not_ours": not_ours, "error": error}
        ) from None
    with archive:
        try:
            manifest = json.load(archive.extractfile(MANIFEST))
        except (tarfile.TarError, KeyError, OSError, ValueError) as error:
            raise BackupError(
                _("%(not_ours)s (it has no readable %(manifest)s: %(error)s).")
                % {"not_ours": not_ours, "manifest": MANIFEST, "error": error}
            ) from None
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise BackupError(
                _("%(not_ours)s (its %(manifest)s is not ours).") % {"not_ours": not_ours, "manifest": MANIFEST}
            )
        if manifest.get("version") != VERSION:
            raise BackupError(
                _("%(path)s is a backup of version %(version)s; this code reads %(ours)s.")
                % {"path": path, "version": manifest.get("version"), "ours": VERSION}
            )
        backup = Backup(path=path, manifest=manifest, archive=archive)
        try:
            expected = {manifest["database"]["file"]: manifest["database"]}
            expected.update({EVIDENCE_FOLDER + entry["name"]: entry for entry in backup.evidence})
            if backup.vendor not in DATABASE_FILES:
                raise KeyError(backup.vendor)
        except (KeyError, TypeError) as error:
            raise BackupError(
                _("%(path)s: its %(manifest)s lacks %(key)s.") % {"path": path, "manifest": MANIFEST, "key": error}
            ) from None
        for name, entry in expected.items():
            try:
                member = archive.extractfile(name)
            except KeyError:
                raise BackupError(
                    _("%(path)s is incomplete: %(name)s is missing.") % {"path": path, "name": name}
                ) from None
            reader = _Hashing(member)
            while reader.read(_CHUNK):
                pass
            if reader.sha256.hexdigest() != entry["sha256"] or reader.bytes != entry["bytes"]:
                raise BackupError(
                    _("%(path)s is damaged: %(name)s does not match its checksum.") % {"path": path, "name": name}
                )
        yield backup


# --- Restoring ----------------------------------------------------------------------------------------


def restore(backup: Backup) -> RestoreReport:
    """Replace the database with the backup's, and write the backup's evidence into the evidence storage.

    The caller has made sure that replacing what is there is wanted (--force or a confirmation).
    """
    if backup.vendor != connection.vendor:
        raise BackupError(
            _(
                "%(path)s is a backup of a %(vendor)s database; DATABASE_URL names a %(ours)s one. "
                "Restore it into a %(vendor)s database."
            )
            % {
                "path": backup.path,
                "vendor": VENDOR_NAMES[backup.vendor],
                "ours": VENDOR_NAMES.get(connection.vendor, connection.vendor),
            }
        )
    storage = evidence_storage()
    with tempfile.TemporaryDirectory(prefix="rcm-restore-") as scratch:
        dump = Path(scratch) / backup.manifest["database"]["file"]
        with backup.open_member(dump.name) as member, dump.open("wb") as file:
            shutil.copyfileobj(member, file, _CHUNK)
        if backup.vendor == "postgresql":
            _pg_restore(dump)
        else:
            _sqlite_restore(dump, Path(connection.settings_dict["NAME"]))
    connection.close()  # the next query sees the restored database
    written = unchanged = 0
    for entry in backup.evidence:
        name = entry["name"]
        if storage.exists(name):
            if evidence_sha256(storage, name) == entry["sha256"]:
                unchanged += 1
                continue
            storage.delete(name)
        with backup.open_member(EVIDENCE_FOLDER + name) as member:
            stored = storage.save(name, File(member, name=name))
        if stored != name:
            raise BackupError(_("The evidence storage kept %(name)s as %(stored)s.") % {"name": name, "stored": stored})
        written += 1
    for entry in backup.evidence:
        if evidence_sha256(storage, entry["name"]) != entry["sha256"]:
            raise BackupError(
                _("%(name)s does not read back from the evidence storage as it was backed up.")
                % {"name": entry["name"]}
            )
    pages_changed()  # no page cached before the restore is served after it
    to_apply, unknown = _migrations_apart()
    return RestoreReport(
        evidence_written=written,
        evidence_unchanged=unchanged,
        evidence_left=len(set(evidence_names(storage)) - {entry["name"] for entry in backup.evidence}),
        migrations_to_apply=to_apply,
        migrations_unknown=unknown,
    )


def _pg_restore(dump: Path) -> None:
    """Drop what the database holds and load the dump, in one transaction: a restore that fails changes nothing.

    pg_restore turns the dump into SQL, which psql runs after the drops, stopping at the first error; the
    transaction is committed only once pg_restore has read the whole dump.
    """
    drops = "".join(f"DROP {kind} IF EXISTS {name} CASCADE;\n" for kind, name in _schema_objects())
    # Owned by whoever restores, with no grants of the old server's roles, and no comments: the schema has
    # none of its own, and the comment pg_dump keeps on an extension may be set only by its owner.
    converting = [_client_tool("pg_restore"), "--no-owner", "--no-privileges", "--no-comments", "--file=-", str(dump)]
    loading, environment = _pg_command("psql", ["--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1", "--file=-"])
    pipe = subprocess.PIPE
    with subprocess.Popen(converting, stdout=pipe, stderr=pipe, env=environment) as sql:  # noqa: S603 (as _run)
        with subprocess.Popen(loading, stdin=pipe, stderr=pipe, stdout=subprocess.DEVNULL, env=environment) as psql:  # noqa: S603
            try:
                psql.stdin.write(f"BEGIN;\nSET LOCAL client_min_messages = warning;\n{drops}".encode())
                shutil.copyfileobj(sql.stdout, psql.stdin, _CHUNK)
                if sql.wait() == 0:
                    psql.stdin.write(b"COMMIT;\n")
                psql.stdin.close()  # without a COMMIT, psql ends and the server rolls the transaction back
            except BrokenPipeError:  # psql stopped at an error: its message says which
                pass
            psql_errors = psql.stderr.read().decode(errors="replace")
        sql_errors = sql.stderr.read().decode(errors="replace")
    if sql.returncode != 0:
        raise BackupError(
            _("pg_restore failed, and the database was not changed: %(errors)s") % {"errors": sql_errors.strip()}
        )
    if psql.returncode != 0:
        raise BackupError(
            _("Loading the dump failed, and the database was not changed: %(errors)s") % {"errors": psql_errors.strip()}
        )


def _schema_objects() -> list[tuple[str, str]]:
    """What the connection's schema holds, as (kind, name) to drop: tables, views and sequences, then
    functions (a trigger's, say) and types; not what an extension brings, nor what a table owns."""
    not_owned = "NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = {}.oid AND d.deptype IN ('e', 'a', 'i'))"
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE'
                   WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, c.oid::regclass::text
            FROM pg_class c
            WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p', 'f', 'v', 'm', 'S')
              AND NOT c.relispartition AND {not_owned.format("c")}
            UNION ALL
            SELECT 'ROUTINE', p.oid::regprocedure::text FROM pg_proc p
            WHERE p.pronamespace = current_schema()::regnamespace AND p.prokind IN ('f', 'p')
              AND {not_owned.format("p")}
            UNION ALL
            SELECT 'TYPE', t.oid::regtype::text FROM pg_type t
            WHERE t.typnamespace = current_schema()::regnamespace AND t.typtype IN ('d', 'e', 'r', 'm')
              AND {not_owned.format("t")}
            """  # noqa: S608 (no value of anyone's in it)
        )
        return cursor.fetchall()


def _sqlite_restore(copy: Path, target: Path) -> None:
    connection.close()
    target.parent.mkdir(parents=True, exist_ok=True)
    # The backup API replaces every page of the target in one step, whatever it held. The copy is the one
    # the backup made, byte for byte: its checksum was checked.
    with sqlite3.connect(copy) as reading:
        with sqlite3.connect(target) as writing:
            reading.backup(writing)
        writing.close()
    reading.close()


def _migrations_apart() -> tuple[int, int]:
    loader = MigrationLoader(connection)
    known = set(loader.disk_migrations)
    return len(known - loader.applied_migrations.keys()), len(loader.applied_migrations.keys() - known)
