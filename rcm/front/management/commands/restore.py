import sys
import time
from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

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
from rcm.lib.commands import LocalizedCommand


class Command(LocalizedCommand):
    help = gettext_lazy(
        "Restore a backup made by `manage.py backup`: replace the database with the backup's and write back "
        "its evidence documents. Asks first when the database or the evidence storage holds anything."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path, help=gettext_lazy("the archive `manage.py backup` wrote"))
        parser.add_argument(
            "--force", action="store_true", help=gettext_lazy("replace a database that is not empty without asking")
        )
        parser.add_argument(
            "--check", action="store_true", help=gettext_lazy("only check that the archive is whole; change nothing")
        )

    def handle(self, *args, path: Path, force: bool, check: bool, **options) -> None:
        started = time.monotonic()
        try:
            with backup_opened(path) as backup:
                database = backup.manifest["database"]
                summary = ngettext(
                    "%(path)s: a %(vendor)s database (%(size)s MB) and %(count)s evidence file, backed up %(created)s",
                    "%(path)s: a %(vendor)s database (%(size)s MB) and %(count)s evidence files, backed up %(created)s",
                    len(backup.evidence),
                ) % {
                    "path": path,
                    "vendor": VENDOR_NAMES[backup.vendor],
                    "size": f"{database['bytes'] / 1024 / 1024:.1f}",
                    "count": len(backup.evidence),
                    "created": backup.manifest["created"],
                }
                if check:
                    self.stdout.write(_("%(summary)s; every checksum matches.") % {"summary": summary})
                    return
                self._confirm(force)
                report = restore(backup)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            _(
                "Restored %(summary)s, in %(seconds)s s: %(written)s evidence files written, "
                "%(unchanged)s already there."
            )
            % {
                "summary": summary,
                "seconds": f"{time.monotonic() - started:.1f}",
                "written": report.evidence_written,
                "unchanged": report.evidence_unchanged,
            }
        )
        if report.evidence_left:
            self.stdout.write(
                ngettext(
                    "%(count)s file in the evidence storage is not in the backup; it was left there.",
                    "%(count)s files in the evidence storage are not in the backup; they were left there.",
                    report.evidence_left,
                )
                % {"count": report.evidence_left}
            )
        if report.migrations_to_apply:
            self.stdout.write(
                ngettext(
                    "The backup predates %(count)s migration of this code: run `manage.py migrate`.",
                    "The backup predates %(count)s migrations of this code: run `manage.py migrate`.",
                    report.migrations_to_apply,
                )
                % {"count": report.migrations_to_apply}
            )
        if report.migrations_unknown:
            self.stderr.write(
                _(
                    "Warning: the backup was made by a newer version of the site (%(count)s migrations this code "
                    "does not know): run that version's code on it."
                )
                % {"count": report.migrations_unknown}
            )

    def _confirm(self, force: bool) -> None:
        tables = len(database_tables())
        files = len(evidence_names(evidence_storage()))
        if force or not (tables or files):
            return
        held = {"database": database_label(), "tables": tables, "files": files}
        if not sys.stdin.isatty():
            raise CommandError(
                _(
                    "The %(database)s holds %(tables)s tables and the evidence storage %(files)s files. Restoring "
                    "replaces them: run again with --force. Nothing was restored."
                )
                % held
            )
        # Translators: the answer asked for is the word the next message's "yes" is translated to.
        yes = _("yes")
        answer = input(
            _(
                "The %(database)s holds %(tables)s tables and the evidence storage %(files)s files. Restoring "
                "replaces the database, and evidence files of the same name. Type %(yes)s: "
            )
            % {**held, "yes": yes}
        )
        if answer.strip().lower() not in ("yes", yes):
            raise CommandError(_("Nothing was restored."))
