import datetime
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from rcm.front.backups import VENDOR_NAMES, BackupError, backup_write

BACKUP_FOLDER = settings.BASE_DIR / "var" / "backups"


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


class Command(BaseCommand):
    help = (
        "Back up the database and every evidence document into one archive (docs/backups.md); "
        "`manage.py restore FILE` puts them back."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "path",
            nargs="?",
            type=Path,
            default=BACKUP_FOLDER,
            help="the archive to write, or a folder to write it in (default: var/backups/)",
        )

    def handle(self, *args, path: Path, **options) -> None:
        if path.is_dir() or path == BACKUP_FOLDER:
            stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M%S")
            path = path / f"rcm-{stamp}.tar"
        if path.exists():
            raise CommandError(f"{path} exists already; a backup never replaces a file.")
        started = time.monotonic()
        try:
            report = backup_write(path)
        except BackupError as error:
            raise CommandError(f"{error} No backup was written.") from None
        self.stdout.write(
            f"Backed up the {VENDOR_NAMES[report.vendor]} database ({_megabytes(report.database_bytes)}) and "
            f"{report.evidence_files} evidence files ({_megabytes(report.evidence_bytes)}) to {path} "
            f"in {time.monotonic() - started:.1f} s."
        )
        if report.missing:
            self.stderr.write(
                f"Warning: {len(report.missing)} evidence files named by follow-up actions are not in the evidence "
                f"storage, so not in the backup: {', '.join(report.missing)}"
            )
