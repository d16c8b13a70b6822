"""`manage.py backup` and `manage.py restore` refuse, with a clear message and changing nothing, what they
must not do. That a backup restores is shown by the restore drill (bench/restore_drill.py), which backs up,
wipes and restores a database of its own on SQLite and PostgreSQL."""

import hashlib
import io
import json
import tarfile

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from decisions.models import Decision

DATABASE_FILES = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
OTHER_VENDOR = {"postgresql": "sqlite", "sqlite": "postgresql"}
DOCUMENT = b"%PDF-1.4\n%%EOF\n"


def _entry(content: bytes) -> dict:
    return {"bytes": len(content), "sha256": hashlib.sha256(content).hexdigest()}


def _archive(path, *, vendor: str, members: dict[str, bytes], manifest: dict | None = None):
    """An archive as `manage.py backup` writes one, holding `members` (a damaged one if the manifest says so)."""
    database = DATABASE_FILES[vendor]
    manifest = manifest or {
        "format": "rcm-tracker-backup",
        "version": 1,
        "created": "2026-12-01T10:00:00+00:00",
        "database": {"vendor": vendor, "file": database, **_entry(members[database])},
        "evidence": [
            {"name": name.removeprefix("evidence/"), **_entry(content)}
            for name, content in members.items()
            if name.startswith("evidence/")
        ],
    }
    with tarfile.open(path, "w") as archive:
        for name, content in {**members, "manifest.json": json.dumps(manifest).encode()}.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))
    return path


def _restore(*args: str) -> str:
    output = io.StringIO()
    call_command("restore", *args, stdout=output)
    return output.getvalue()


def test_a_file_that_is_not_a_backup_is_refused(tmp_path, seeded):
    (tmp_path / "notes.tar").write_text("minutes of the meeting")
    with pytest.raises(CommandError, match=r"is not a backup made by `manage\.py backup`"):
        _restore(str(tmp_path / "notes.tar"))
    assert Decision.objects.filter(conference__number=17).count() == 12


def test_a_tar_archive_without_a_manifest_is_refused(tmp_path, seeded):
    with tarfile.open(tmp_path / "other.tar", "w") as archive:
        archive.add(__file__, arcname="test.py")
    with pytest.raises(CommandError, match=r"is not a backup made by `manage\.py backup` \(it has no readable"):
        _restore(str(tmp_path / "other.tar"))


def test_a_damaged_backup_is_refused_before_anything_changes(tmp_path, seeded, settings):
    settings.EVIDENCE_ROOT = str(tmp_path / "evidence")
    path = _archive(
        tmp_path / "backup.tar",
        vendor=connection.vendor,
        members={DATABASE_FILES[connection.vendor]: b"database", "evidence/2013/minutes.pdf": DOCUMENT},
    )
    # One byte changed after the backup was written, as on a failing disk.
    content = path.read_bytes()
    at = content.index(b"%%EOF")
    path.write_bytes(content[:at] + b"%%EOG" + content[at + 5 :])
    with pytest.raises(CommandError, match=r"is damaged: evidence/2013/minutes\.pdf does not match its checksum"):
        _restore(str(path), "--force")
    assert Decision.objects.filter(conference__number=17).count() == 12
    assert not (tmp_path / "evidence").exists()


def test_check_reads_a_whole_backup_and_changes_nothing(tmp_path, seeded):
    path = _archive(
        tmp_path / "backup.tar",
        vendor=connection.vendor,
        members={DATABASE_FILES[connection.vendor]: b"database", "evidence/2013/minutes.pdf": DOCUMENT},
    )
    assert "1 evidence file, backed up 2026-12-01T10:00:00+00:00; every checksum matches." in _restore(
        str(path), "--check"
    )


def test_restoring_over_a_database_that_is_not_empty_needs_force(tmp_path, seeded):
    path = _archive(
        tmp_path / "backup.tar", vendor=connection.vendor, members={DATABASE_FILES[connection.vendor]: b"x"}
    )
    with pytest.raises(CommandError, match=r"holds \d+ tables .* Restoring replaces them: run again with --force"):
        _restore(str(path))  # and with no terminal to ask on, it does not ask
    assert Decision.objects.filter(conference__number=17).count() == 12


def test_a_backup_of_the_other_kind_of_database_is_refused(tmp_path, seeded):
    other = OTHER_VENDOR[connection.vendor]
    path = _archive(tmp_path / "backup.tar", vendor=other, members={DATABASE_FILES[other]: b"x"})
    with pytest.raises(CommandError, match=f"is a backup of a {'SQLite' if other == 'sqlite' else 'PostgreSQL'}"):
        _restore(str(path), "--force")
    assert Decision.objects.filter(conference__number=17).count() == 12


def test_a_backup_never_replaces_a_file(tmp_path, seeded):
    (tmp_path / "backup.tar").write_text("an earlier backup")
    with pytest.raises(CommandError, match="exists already; a backup never replaces a file"):
        call_command("backup", str(tmp_path / "backup.tar"))
    assert (tmp_path / "backup.tar").read_text() == "an earlier backup"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump backs up PostgreSQL only")
def test_without_postgresql_s_client_tools_it_says_which_to_install(tmp_path, seeded, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(CommandError, match=r"pg_dump is not installed.*apt-get install postgresql-client"):
        call_command("backup", str(tmp_path / "backup.tar"))
    assert list(tmp_path.iterdir()) == []
