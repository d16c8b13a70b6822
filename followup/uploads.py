"""The evidence documents staff attach to follow-up actions: PDF, DOCX or ODT, up to 20 MB.

A document's kind is read from its content, never from the browser's content type, and its name
must agree with that content, so that a file cannot pass for something it is not.
"""

import math
import re
import secrets
import zipfile
from pathlib import PurePosixPath
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rcm.lib.archives import ZIP_ERRORS, ArchiveLimits, ArchiveRefused, check_archive, read_member

MAX_EVIDENCE_BYTES = 20 * 1024 * 1024
# A document of 20 MB may hold large images; it is only looked at, never unpacked whole.
EVIDENCE_ARCHIVES = ArchiveLimits(members=10_000, member_bytes=200 * 1024 * 1024, total_bytes=200 * 1024 * 1024)

_MB = 1024 * 1024
# A PDF is recognised by its header at offset 0. We choose to be stricter than PDF readers, which accept
# up to 1 KB of anything before the header (as ISO 32000 allows): that would let an HTML page or a program
# holding "%PDF-" pass for a PDF and reach readers who trust what we serve. Real PDF writers put it first.
_PDF_MARKER = b"%PDF-"
_HEAD_BYTES = 1024  # read to explain a refusal: a "%PDF-" this far in is what lenient readers would accept
_ZIP_MARKER = b"PK\x03\x04"
_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
_DOCX_MEMBERS = ("[Content_Types].xml", "word/document.xml")
_SLUG_LENGTH = 60


class EvidenceKind(NamedTuple):
    name: str
    extension: str
    content_type: str


PDF = EvidenceKind("PDF", ".pdf", "application/pdf")
DOCX = EvidenceKind("DOCX", ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
ODT = EvidenceKind("ODT", ".odt", "application/vnd.oasis.opendocument.text")
EVIDENCE_KINDS = (PDF, DOCX, ODT)

_NOT_EVIDENCE = gettext_lazy("The file is not a PDF, DOCX or ODT document.")
_DAMAGED = gettext_lazy("The file is a damaged archive, not a readable DOCX or ODT document.")


def evidence_kind(uploaded: UploadedFile) -> EvidenceKind:
    """The kind of an uploaded evidence document; ValidationError if it may not be attached.

    The file is left at position 0.
    """
    size = uploaded.size
    if not size:
        raise ValidationError(_("The file is empty."), code="empty")
    if size > MAX_EVIDENCE_BYTES:
        # Rounded up, so that a file just over the limit never reads as exactly 20 MB.
        megabytes = math.ceil(size * 10 / _MB) / 10
        raise ValidationError(
            _("The file is %(size)s MB, larger than the limit of %(limit)s MB.")
            % {"size": f"{megabytes:.1f}", "limit": MAX_EVIDENCE_BYTES // _MB},
            code="too_large",
        )
    try:
        kind = _kind_of_content(uploaded)
    finally:
        uploaded.seek(0)
    _check_name(uploaded.name or "", kind)
    return kind


def evidence_filename(original_name: str, kind: EvidenceKind) -> str:
    """A storage name for an evidence document: a random token, a slug of the original name and the kind's extension."""
    base = re.split(r"[\\/]", original_name)[-1]
    slug = slugify(PurePosixPath(base).stem)[:_SLUG_LENGTH].strip("-_") or "evidence"
    return f"{secrets.token_hex(8)}-{slug}{kind.extension}"


def _kind_of_content(uploaded: UploadedFile) -> EvidenceKind:
    uploaded.seek(0)
    head = uploaded.read(_HEAD_BYTES)
    # A DOCX or ODT starts with a zip entry; a zip after other data (a self-extracting program) is refused.
    if head.startswith(_ZIP_MARKER):
        return _kind_of_zip(uploaded)
    if head.startswith(_PDF_MARKER):
        return PDF
    if _PDF_MARKER in head:
        raise ValidationError(
            _(
                "The file does not begin with “%PDF-” as a PDF document does, so it is not accepted as a PDF; "
                "save or export the document as PDF again and attach that file."
            ),
            code="type",
        )
    raise ValidationError(_NOT_EVIDENCE, code="type")


def _kind_of_zip(uploaded: UploadedFile) -> EvidenceKind:
    try:
        with zipfile.ZipFile(uploaded) as archive:
            try:
                check_archive(archive, EVIDENCE_ARCHIVES)
            except ArchiveRefused as refused:
                if refused.encrypted:
                    raise ValidationError(
                        _("The file is encrypted; attach a DOCX or ODT document without a password."), code="type"
                    ) from None
                raise ValidationError(
                    _("The file is an archive too large to unpack safely (it %(reason)s), not a DOCX or ODT document.")
                    % {"reason": refused},
                    code="type",
                ) from None
            names = set(archive.namelist())
            kinds = []
            if all(name in names for name in _DOCX_MEMBERS):
                # Reading the start of each part shows they unpack, at a bounded cost.
                for name in _DOCX_MEMBERS:
                    read_member(archive, name, 1024)
                kinds.append(DOCX)
            if "mimetype" in names and read_member(archive, "mimetype", len(_ODT_MIMETYPE) + 1) == _ODT_MIMETYPE:
                kinds.append(ODT)
    except ZIP_ERRORS as error:
        raise ValidationError(_DAMAGED, code="type") from error
    if len(kinds) != 1:  # a plain zip, or one that claims to be both
        raise ValidationError(_NOT_EVIDENCE, code="type")
    return kinds[0]


def _check_name(name: str, kind: EvidenceKind) -> None:
    extension = PurePosixPath(name).suffix.lower()
    if extension == kind.extension:
        return
    named = next((other for other in EVIDENCE_KINDS if other.extension == extension), None)
    if named is not None:
        message = _(
            "The file “%(name)s” is named as %(named)s but its content is %(kind)s; "
            "only a name ending in %(extension)s is accepted for it."
        )
    elif extension:
        message = _(
            "The file “%(name)s” is named with the extension %(named)s but its content is %(kind)s; "
            "only a name ending in %(extension)s is accepted for it."
        )
    else:
        message = _(
            "The file “%(name)s” is named without an extension but its content is %(kind)s; "
            "only a name ending in %(extension)s is accepted for it."
        )
    raise ValidationError(
        message
        % {"name": name, "named": named.name if named else extension, "kind": kind.name, "extension": kind.extension},
        code="disguised",
    )
