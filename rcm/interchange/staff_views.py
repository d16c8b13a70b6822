"""The Secretariat's import screen, under /staff/import/: upload or paste a declaration, check, confirm."""

import logging

from django.contrib import messages
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from declarations.access import require_editor
from declarations.alignment import align_text
from rcm.interchange.forms import ImportForm
from rcm.interchange.importing.actors import Gazetteer
from rcm.interchange.importing.imports import (
    DocumentRefused,
    MeetingUnknown,
    Reading,
    document_import,
    document_read,
    import_preview,
)
from rcm.lib.words import sentence

logger = logging.getLogger(__name__)
# The salt keeps the name it had when the import screen was part of declarations: previews signed then still open.
_IMPORT_SALT = "declarations.import"
_IMPORT_MAX_AGE = 60 * 60 * 24  # a preview left open overnight is read again rather than trusted


@require_editor
def declaration_import(request: HttpRequest) -> HttpResponse:
    """Upload or paste a declaration, see what was understood, and confirm to create it as a draft.

    The preview carries what it shows, signed, so that confirming creates exactly what was checked.
    """
    if request.method == "POST" and "confirm" in request.POST:
        try:
            data = signing.loads(request.POST.get("reading", ""), salt=_IMPORT_SALT, max_age=_IMPORT_MAX_AGE)
        except signing.BadSignature:
            messages.error(request, _("That preview has expired or was altered; upload the document again."))
            return redirect("staff_import")
        reading = Reading(data=data)
        try:
            declaration = document_import(reading=reading)
        except DocumentRefused as error:
            messages.error(request, sentence(_("Nothing was created: %(problem)s") % {"problem": error}))
            return redirect("staff_import")
        for warning in reading.warnings:
            messages.warning(request, str(warning))
        messages.success(
            request,
            _("Created the %(document)s as a draft. Check it here before circulating it.")
            % {"document": reading.label},
        )
        alignment = align_text(declaration)  # a translation is attached to the document it translates
        if alignment.both and not alignment.aligned:
            messages.warning(
                request,
                _("It does not align with the text in the other language: %(problems)s")
                % {"problems": " ".join(alignment.problems)},
            )
        elif alignment.both:
            messages.info(request, _("It aligns with the text in the other language, part by part."))
        return redirect("staff_declaration_edit", declaration.pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        gazetteer = Gazetteer.from_archive()
        try:
            reading = document_read(
                name=form.cleaned_data["name"],
                content=form.cleaned_data["content"],
                encoding=form.cleaned_data["encoding"],
                gazetteer=gazetteer,
                meeting=form.cleaned_data["meeting"],
            )
        except MeetingUnknown as error:
            form.add_error("meeting", error.on_page)
            if error.proposal is not None:
                form.data = form.data.copy()
                form.data["meeting"] = error.proposal.pk  # proposed, for the editor to confirm
        except DocumentRefused as error:
            form.add_error(
                "file" if form.cleaned_data.get("file") else "text",
                sentence(_("This cannot be imported: %(problem)s") % {"problem": error}),
            )
        except Exception:  # a surprise in the parser: say so on the page rather than answer 500
            logger.exception("The importer failed on %s", form.cleaned_data["name"])
            form.add_error(None, _("The importer failed on this document; nothing was written. Please report it."))
        else:
            return render(
                request,
                "interchange/import_preview.html",
                {
                    "reading": reading,
                    "preview": import_preview(reading, gazetteer),
                    "signed": signing.dumps(reading.data, salt=_IMPORT_SALT, compress=True),
                },
            )
    return render(request, "interchange/import.html", {"form": form})
