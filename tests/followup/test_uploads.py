import io
import re
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter

from followup.uploads import DOCX, MAX_EVIDENCE_BYTES, ODT, PDF, evidence_filename, evidence_kind

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(32)
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def _zip(members: dict[str, bytes], **options) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, **options) as archive:
        for name, data in members.items():
            # ODF wants its mimetype first and stored, so that `file` can read it at a fixed offset.
            compression = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(name, data, compress_type=compression)
    return buffer.getvalue()


def _real_pdf() -> bytes:
    """A PDF as a PDF library writes it: one blank A4 page."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _docx() -> bytes:
    return _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})


def _odt() -> bytes:
    return _zip({"mimetype": ODT_MIMETYPE, "content.xml": b"<office:document-content/>"})


def _refusal(name: str, content: bytes) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        evidence_kind(SimpleUploadedFile(name, content))
    return caught.value


def _assert_sentence(error: ValidationError, *words: str) -> None:
    (message,) = error.messages
    assert message[0].isupper()
    assert message.endswith(".")
    for word in words:
        assert word in message


class _Untouchable:
    """A file whose content must not be read."""

    def __getattr__(self, name):
        raise AssertionError(f"the file was touched: {name}")


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("report.pdf", PDF_BYTES, PDF),
        ("Report.PDF", PDF_BYTES, PDF),
        ("minutes.docx", _docx(), DOCX),
        ("minutes.odt", _odt(), ODT),
    ],
)
def test_it_accepts_evidence_by_content(name, content, kind):
    assert evidence_kind(SimpleUploadedFile(name, content)) == kind


def test_it_accepts_a_pdf():
    upload = SimpleUploadedFile("report.pdf", PDF_BYTES, content_type="text/plain")
    assert evidence_kind(upload) == PDF
    assert upload.tell() == 0


def test_it_accepts_a_pdf_as_a_pdf_library_writes_it():
    assert evidence_kind(SimpleUploadedFile("report.pdf", _real_pdf())) == PDF


@pytest.mark.parametrize(
    "content",
    [
        b"<!DOCTYPE html><html><head><title>Report</title></head><body>".ljust(200) + PDF_BYTES + b"</body></html>",
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + bytes(100) + PDF_BYTES + b"This program cannot be run",
        b"\r\n" * 100 + PDF_BYTES,
    ],
    ids=["html-page", "executable", "junk-before-the-header"],
)
def test_it_refuses_a_file_that_holds_a_pdf_header_but_does_not_begin_with_it(content):
    error = _refusal("report.pdf", content)
    assert error.code == "type"
    _assert_sentence(error, "does not begin with “%PDF-”", "not accepted as a PDF")


def test_it_accepts_a_docx():
    upload = SimpleUploadedFile("minutes.docx", _docx(), content_type="application/pdf")
    assert evidence_kind(upload) == DOCX
    assert upload.tell() == 0
    assert upload.read() == _docx()


def test_it_accepts_an_odt():
    upload = SimpleUploadedFile("minutes.odt", _odt())
    assert evidence_kind(upload) == ODT
    assert upload.tell() == 0


def test_it_refuses_an_empty_file():
    error = _refusal("report.pdf", b"")
    assert error.code == "empty"
    _assert_sentence(error, "empty")


def test_it_refuses_a_file_over_20_mb_before_reading_it():
    upload = SimpleUploadedFile("report.pdf", PDF_BYTES)
    upload.size = 25 * 1024 * 1024
    upload.file = _Untouchable()
    with pytest.raises(ValidationError) as caught:
        evidence_kind(upload)
    assert caught.value.code == "too_large"
    _assert_sentence(caught.value, "25.0 MB", "20 MB")


def test_a_file_just_over_the_limit_does_not_read_as_20_mb():
    upload = SimpleUploadedFile("report.pdf", PDF_BYTES)
    upload.size = MAX_EVIDENCE_BYTES + 1
    upload.file = _Untouchable()
    with pytest.raises(ValidationError) as caught:
        evidence_kind(upload)
    _assert_sentence(caught.value, "20.1 MB", "limit of 20 MB")


def test_it_accepts_a_file_of_exactly_20_mb():
    upload = SimpleUploadedFile("report.pdf", PDF_BYTES)
    upload.size = MAX_EVIDENCE_BYTES
    assert evidence_kind(upload) == PDF


def test_it_refuses_a_png_named_pdf():
    error = _refusal("report.pdf", PNG_BYTES)
    assert error.code == "type"
    _assert_sentence(error, "not a PDF, DOCX or ODT")


def test_it_refuses_a_pdf_named_docx():
    error = _refusal("notes.docx", PDF_BYTES)
    assert error.code == "disguised"
    _assert_sentence(error, "notes.docx", "as DOCX", "content is PDF", ".pdf")


def test_it_refuses_an_odt_named_pdf():
    error = _refusal("x.pdf", _odt())
    assert error.code == "disguised"
    _assert_sentence(error, "x.pdf", "as PDF", "content is ODT")


def test_it_refuses_a_docx_named_odt():
    error = _refusal("minutes.odt", _docx())
    assert error.code == "disguised"
    _assert_sentence(error, "as ODT", "content is DOCX")


@pytest.mark.parametrize(("name", "described"), [("report.txt", "extension .txt"), ("report", "without an extension")])
def test_it_refuses_a_pdf_named_as_something_else(name, described):
    error = _refusal(name, PDF_BYTES)
    assert error.code == "disguised"
    _assert_sentence(error, described, "content is PDF")


def test_it_refuses_a_plain_zip_named_docx():
    error = _refusal("x.docx", _zip({"readme.txt": b"hello"}))
    assert error.code == "type"
    _assert_sentence(error, "not a PDF, DOCX or ODT")


def test_it_refuses_a_zip_with_the_wrong_mimetype_named_odt():
    error = _refusal("x.odt", _zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}))
    assert error.code == "type"


def test_it_refuses_a_zip_that_claims_to_be_both_docx_and_odt():
    error = _refusal("x.docx", _zip({"mimetype": ODT_MIMETYPE, "[Content_Types].xml": b"", "word/document.xml": b""}))
    assert error.code == "type"


def test_it_refuses_an_exe_named_odt():
    error = _refusal("a.odt", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + bytes(100) + b"This program cannot be run")
    assert error.code == "type"
    _assert_sentence(error, "not a PDF, DOCX or ODT")


def test_it_refuses_a_self_extracting_zip_named_docx():
    error = _refusal("a.docx", b"MZ" + bytes(100) + _docx())
    assert error.code == "type"


def test_it_refuses_text_named_pdf():
    error = _refusal("a.pdf", b"Just some notes, not a PDF at all.\n")
    assert error.code == "type"


def test_it_refuses_a_pdf_marker_beyond_the_first_kilobyte():
    error = _refusal("a.pdf", b" " * 1024 + PDF_BYTES)
    assert error.code == "type"


def test_it_refuses_a_truncated_docx():
    error = _refusal("minutes.docx", _docx()[:-30])
    assert error.code == "type"
    _assert_sentence(error, "DOCX")


def test_it_refuses_a_docx_with_damaged_content():
    content = bytearray(_docx())
    start = content.index(b"[Content_Types].xml") + len("[Content_Types].xml")
    content[start : start + 8] = b"\xff" * 8  # the deflated data of the first member
    error = _refusal("minutes.docx", bytes(content))
    assert error.code == "type"
    _assert_sentence(error, "damaged")


def test_it_refuses_an_encrypted_docx():
    content = bytearray(_docx())
    # Set the "encrypted" flag of every entry, local and central, as a password-protected zip has it.
    for marker, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        position = content.find(marker)
        while position != -1:
            content[position + offset] |= 0x1
            position = content.find(marker, position + 1)
    error = _refusal("minutes.docx", bytes(content))
    assert error.code == "type"
    _assert_sentence(error, "encrypted")


def test_it_refuses_a_zip_with_too_many_members():
    parts = ["[Content_Types].xml", "word/document.xml", *(f"word/{number}.xml" for number in range(10_000))]
    members = dict.fromkeys(parts, b"")
    error = _refusal("many.docx", _zip(members))
    assert error.code == "type"
    _assert_sentence(error, "too large to unpack")


def test_it_refuses_a_zip_that_unpacks_to_more_than_200_mb():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = bytes(1024 * 1024)
            for _ in range(201):
                member.write(chunk)
    content = buffer.getvalue()
    assert len(content) < 1024 * 1024
    error = _refusal("bomb.docx", content)
    assert error.code == "type"
    _assert_sentence(error, "too large to unpack")


def test_it_ignores_the_content_type_the_browser_sent():
    upload = SimpleUploadedFile("report.pdf", PNG_BYTES, content_type="application/pdf")
    with pytest.raises(ValidationError) as caught:
        evidence_kind(upload)
    assert caught.value.code == "type"


def test_it_leaves_a_refused_file_at_its_start():
    upload = SimpleUploadedFile("report.pdf", PNG_BYTES)
    with pytest.raises(ValidationError):
        evidence_kind(upload)
    assert upload.tell() == 0


@pytest.mark.parametrize(
    ("name", "kind", "slug"),
    [
        ("../../etc/passwd.pdf", PDF, "passwd"),
        ("..\\..\\windows\\system.ini.odt", ODT, "systemini"),
        ("Informe final (2013).docx", DOCX, "informe-final-2013"),
        ("Acción de seguimiento.pdf", PDF, "accion-de-seguimiento"),
        ("", PDF, "evidence"),
        ("..", PDF, "evidence"),
        ("/", DOCX, "evidence"),
        ("¿¿¿.odt", ODT, "evidence"),
    ],
)
def test_the_filename_is_a_token_and_a_slug(name, kind, slug):
    filename = evidence_filename(name, kind)
    token, _, rest = filename.partition("-")
    assert re.fullmatch(r"[0-9a-f]{16}", token)
    assert rest == slug + kind.extension
    assert "/" not in filename
    assert "\\" not in filename
    assert ".." not in filename
    assert filename.endswith(kind.extension)


def test_the_filename_takes_the_kind_extension_not_the_original():
    assert evidence_filename("notes.PDF.exe", PDF).endswith("-notespdf.pdf")


def test_the_filename_slug_is_at_most_60_characters():
    filename = evidence_filename("a" * 300 + ".pdf", PDF)
    assert filename.endswith("-" + "a" * 60 + ".pdf")


def test_the_filename_is_different_each_time():
    assert evidence_filename("report.pdf", PDF) != evidence_filename("report.pdf", PDF)
