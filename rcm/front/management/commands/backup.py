import datetime
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from rcm.front.backups import VENDOR_NAMES, BackupError, backup_write
from rcm.lib.commands import LocalizedCommand

BACKUP_FOLDER = settings.BASE_DIR / "var" / "backups"


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


class Command(LocalizedCommand):
    help = gettext_lazy(
        "Back up the database and every evidence document into one archive (docs/backups.md); "
        "`manage.py restore FILE` puts them back."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "path",
            nargs="?",
            type=Path,
            default=BACKUP_FOLDER,
            help=gettext_lazy("the archive to write, or a folder to write it in (default: var/backups/)"),
        )

    def handle(self, *args, path: Path, **options) -> None:
        if path.is_dir() or path == BACKUP_FOLDER:
            stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M%S")
            path = path / f"rcm-{stamp}.tar"
        if path.exists():
            raise CommandError(_("%(path)s exists already; a backup never replaces a file.") % {"path": path})
        started = time.monotonic()
        try:
            report = backup_write(path)
        except BackupError as error:
            raise CommandError(_("%(error)s No backup was written.") % {"error": error}) from None
        self.stdout.write(
            ngettext(
                "Backed up the %(vendor)s database (%(database_size)s) and %(count)s evidence file "
                "(%(evidence_size)s) to %(path)s in %(seconds)s s.",
                "Backed up the %(vendor)s database (%(database_size)s) and %(count)s evidence files "
                "(%(evidence_size)s) to %(path)s in %(seconds)s s.",
                report.evidence_files,
            )
            % {
                "vendor": VENDOR_NAMES[report.vendor],
                "database_size": _megabytes(report.database_bytes),
                "count": report.evidence_files,
                "evidence_size": _megabytes(report.evidence_bytes),
                "path": path,
                "seconds": f"{time.monotonic() - started:.1f}",
            }
        )
        if report.missing:
            self.stderr.write(
                ngettext(
                    "Warning: %(count)s evidence file named by follow-up actions is not in the evidence storage, "
                    "so not in the backup: %(names)s",
                    "Warning: %(count)s evidence files named by follow-up actions are not in the evidence storage, "
                    "so not in the backup: %(names)s",
                    len(report.missing),
                )
                % {"count": len(report.missing), "names": ", ".join(report.missing)}
            )
