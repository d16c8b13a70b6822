"""manage.py import_declaration PATH... [--meeting ADDRESS] [--dry-run] [--format json] [--encoding cp1252]
[--user NAME]"""

import json
import logging
from collections import Counter
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from declarations.access import acting_as
from declarations.alignment import align_text
from declarations.models import Declaration
from rcm.interchange.importing.actors import Gazetteer
from rcm.interchange.importing.imports import (
    DocumentRefused,
    Reading,
    document_import,
    document_read,
    meeting_by_address,
)
from rcm.interchange.importing.sources import ENCODINGS, MAX_SOURCE_BYTES, too_large
from rcm.lib.commands import LocalizedCommand
from rcm.lib.progress import progress_bar, report_above

logger = logging.getLogger(__name__)
SUFFIXES = {".txt", ".text", ".md", ".docx", ".pdf", ".json"}


class Command(LocalizedCommand):
    help = gettext_lazy(
        "Import declarations from text, Word, PDF or declaration JSON files (or folders of them) as drafts. "
        "A document already in the archive is not written again; what differs is listed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "paths", nargs="+", metavar="PATH", help=gettext_lazy("files, or folders to import every file in")
        )
        parser.add_argument("--dry-run", action="store_true", help=gettext_lazy("read and report; write nothing"))
        parser.add_argument(
            "--format",
            choices=["text", "json"],
            default="text",
            help=gettext_lazy(
                "json: print what was read in the declaration JSON schema (one object, or a list for several files)"
            ),
        )
        parser.add_argument(
            "--encoding", choices=list(ENCODINGS), help=gettext_lazy("the encoding of text files (default UTF-8)")
        )
        parser.add_argument(
            "--meeting",
            metavar="ADDRESS",
            help=gettext_lazy(
                "the meeting that adopted the documents, by its address (conferences/17, "
                "bodies/rcgm/meetings/2012-06-19), for texts that do not say or say it wrongly"
            ),
        )
        parser.add_argument(
            "--user",
            metavar="NAME",
            help=gettext_lazy("import as this account: a publisher's may add to a conference whose text is published"),
        )

    def handle(self, *args, user: str | None, **options) -> None:
        # Nobody acts unless an account is named: then nothing published can be changed (declarations.access).
        actor = None
        if user is not None:
            actor = get_user_model().objects.filter(username=user, is_active=True).first()
            if actor is None:
                raise CommandError(_("There is no active account named %(name)r.") % {"name": user})
        with acting_as(actor):
            self._handle(**options)

    def _handle(
        self, *, paths: list[str], dry_run: bool, format: str, encoding: str | None, meeting: str | None, **options
    ) -> None:
        # The report goes to stderr, so that stdout carries only the JSON; it is not an error, so not in red.
        self.stderr.style_func = None
        try:
            self.meeting = meeting_by_address(meeting) if meeting else None
        except DocumentRefused as error:
            raise CommandError(_("--meeting: %(problem)s.") % {"problem": error}) from None
        files = _files(paths)
        gazetteer = Gazetteer.from_archive()
        outcomes: Counter[str] = Counter()
        failures: list[str] = []
        documents = []
        progress = progress_bar(
            self.stderr,
            total=len(files),
            unit=pgettext("progress bar unit, per second", "file"),
            disable=len(files) < 2,
            leave=False,
        )
        self.report = lambda message: report_above(progress, self.stderr, message)
        for path in files:
            progress.set_postfix_str(path.name[-30:], refresh=False)
            try:
                outcome, reading = self._import(path, encoding, gazetteer, dry_run)
            except DocumentRefused as error:
                outcome, reading = "failed", None
                failures.append(f"{path}: {error}")
            except Exception as error:  # one document's surprise must not stop the rest of a batch
                logger.exception("import_declaration failed on %s", path)
                outcome, reading = "failed", None
                failures.append(
                    _("%(path)s: the importer failed on it (%(error)s); please report this file")
                    % {"path": path, "error": type(error).__name__}
                )
            outcomes[outcome] += 1
            if reading is None:
                self.report(_("failed     %(failure)s") % {"failure": failures[-1]})
            else:
                if format == "json":
                    documents.append(reading.data)
                for warning in reading.warnings:
                    self.report(_("  warning: %(file)s: %(warning)s") % {"file": path.name, "warning": warning})
            progress.update()
        progress.close()
        if format == "json":
            self.stdout.write(
                json.dumps(
                    documents[0] if len(paths) == 1 and len(documents) == 1 else documents, ensure_ascii=False, indent=2
                )
            )
        self.stderr.write(_summary(outcomes, dry_run))
        if failures:
            raise CommandError(
                ngettext(
                    "%(failed)s of %(count)s file could not be imported:",
                    "%(failed)s of %(count)s files could not be imported:",
                    len(files),
                )
                % {"failed": len(failures), "count": len(files)}
                + "\n"
                + "\n".join(failures)
            )

    def _import(self, path: Path, encoding: str | None, gazetteer: Gazetteer, dry_run: bool) -> tuple[str, Reading]:
        if not path.is_file():
            raise DocumentRefused(_("no such file"))
        if path.stat().st_size > MAX_SOURCE_BYTES:
            raise DocumentRefused(too_large(path.stat().st_size))
        reading = document_read(
            name=path.name, content=path.read_bytes(), encoding=encoding, gazetteer=gazetteer, meeting=self.meeting
        )
        report = self.report
        if reading.stored:
            if not reading.differences:
                report(
                    _("unchanged  %(path)s: the %(document)s is already in the archive, identical")
                    % {"path": path, "document": reading.label}
                )
                return "unchanged", reading
            report(
                _("differs    %(path)s: the %(document)s is already in the archive; nothing written. Differences:")
                % {"path": path, "document": reading.label}
            )
            for difference in reading.differences:
                report(f"             {difference}")
                if difference.has_texts:
                    report(
                        "               " + _("in the archive: %(text)s") % {"text": difference.stored or _("(none)")}
                    )
                    report(
                        "               " + _("in the document: %(text)s") % {"text": difference.given or _("(none)")}
                    )
            return "differs", reading
        paragraphs, decisions = len(reading.data["paragraphs"]), len(reading.data["decisions"])
        summary = ", ".join(
            [
                ngettext("%(count)s paragraph", "%(count)s paragraphs", paragraphs) % {"count": paragraphs},
                ngettext("%(count)s decision", "%(count)s decisions", decisions) % {"count": decisions},
            ]
        )
        if dry_run:
            report(
                _("would import %(path)s: the %(document)s, %(summary)s")
                % {"path": path, "document": reading.label, "summary": summary}
            )
            return "would import", reading
        declaration = document_import(reading=reading)
        report(
            _("imported   %(path)s: the %(document)s as a draft, %(summary)s: %(address)s")
            % {
                "path": path,
                "document": reading.label,
                "summary": summary,
                "address": f"/staff/declarations/{declaration.pk}/",
            }
        )
        _report_alignment(report, declaration)
        return "imported", reading


def _report_alignment(report, declaration: Declaration) -> None:
    """A translation is attached to the document it translates: say whether the two texts align."""
    alignment = align_text(declaration)
    if not alignment.both:
        return
    if alignment.aligned:
        report("             " + _("It aligns with the text in the other language, part by part."))
        return
    report("             " + _("It does not align with the text in the other language:"))
    for problem in alignment.problems:
        report(f"               {problem}")


def _files(paths: list[str]) -> list[Path]:
    files = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files += sorted(child for child in path.rglob("*") if child.is_file() and child.suffix.lower() in SUFFIXES)
        else:
            files.append(path)
    return files


# Each outcome and how the summary counts it, in the summary's order.
OUTCOMES = {
    "would import": gettext_lazy("%(count)s would import"),
    "imported": gettext_lazy("%(count)s imported"),
    "unchanged": gettext_lazy("%(count)s unchanged"),
    "differs": gettext_lazy("%(count)s differs"),
    "failed": gettext_lazy("%(count)s failed"),
}


def _summary(outcomes: Counter, dry_run: bool) -> str:
    parts = ", ".join(
        str(counted) % {"count": outcomes[name]}
        for name, counted in OUTCOMES.items()
        if outcomes[name] or (name in ("imported", "failed") and not dry_run)
    )
    if dry_run:
        return _("Dry run, nothing written: %(outcomes)s.") % {"outcomes": parts}
    return f"{parts}."
