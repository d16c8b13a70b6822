import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from rcm.front.backups import (
    VENDOR_NAMES,
    BackupError,
    backup_opened,
    database_label,
    database_tables,
    evidence_names,
    evidence_storage,
    restore,
)


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup`: replace the database with the backup's and write back "
        "its evidence documents. Asks first when the database or the evidence storage holds anything."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path, help="the archive `manage.py backup` wrote")
        parser.add_argument("--force", action="store_true", help="replace a database that is not empty without asking")
        parser.add_argument("--check", action="store_true", help="only check that the archive is whole; change nothing")

    def handle(self, *args, path: Path, force: bool, check: bool, **options) -> None:
        started = time.monotonic()
        try:
            with backup_opened(path) as backup:
                database = backup.manifest["database"]
                summary = (
                    f"{path}: a {VENDOR_NAMES[backup.vendor]} database ({database['bytes'] / 1024 / 1024:.1f} MB) "
                    f"and {len(backup.evidence)} evidence files, backed up {backup.manifest['created']}"
                )
                if check:
                    self.stdout.write(f"{summary}; every checksum matches.")
                    return
                self._confirm(force)
                report = restore(backup)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Restored {summary}, in {time.monotonic() - started:.1f} s: "
            f"{report.evidence_written} evidence files written, {report.evidence_unchanged} already there."
        )
        if report.evidence_left:
            self.stdout.write(
                f"{report.evidence_left} files in the evidence storage are not in the backup; they were left there."
            )
        if report.migrations_to_apply:
            self.stdout.write(
                f"The backup predates {report.migrations_to_apply} migrations of this code: run `manage.py migrate`."
            )
        if report.migrations_unknown:
            self.stderr.write(
                f"Warning: the backup was made by a newer version of the site ({report.migrations_unknown} "
                "migrations this code does not know): run that version's code on it."
            )

    def _confirm(self, force: bool) -> None:
        tables = len(database_tables())
        files = len(evidence_names(evidence_storage()))
        if force or not (tables or files):
            return
        held = f"The {database_label()} holds {tables} tables and the evidence storage {files} files"
        if not sys.stdin.isatty():
            raise CommandError(f"{held}. Restoring replaces them: run again with --force. Nothing was restored.")
        answer = input(f"{held}. Restoring replaces the database, and evidence files of the same name. Type yes: ")
        if answer.strip().lower() != "yes":
            raise CommandError("Nothing was restored.")
