"""What the importer reads: plain text, a Word file, a PDF's text, or a declaration JSON document.

The kind of a file is told by its content, not its name. Text must be UTF-8 unless the person
importing says otherwise: an old file in Windows-1252 or Latin-1 is refused with the line of its
first non-UTF-8 byte, because guessing between the two would silently change quotes and accents
in a legal text.

Every file is read at a bounded cost, because a few kilobytes can unpack to more than a worker can
read before its timeout (docs/importing.md, "Limits"): a file is at most 5 MB; a Word file's parts
are checked before python-docx opens it (rcm.lib.archives) and its body is counted before it is read; a
PDF's pages are counted and its streams are unpacked and parsed within pypdf's limits, set lower
here; and the text read from any file, or its JSON, is at most MAX_TEXT_CHARACTERS long.
"""

import io
import json
import zipfile
from dataclasses import dataclass, field
from typing import Any

import docx
from django.utils.translation import gettext, ngettext
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree
from pypdf import PdfReader, apply_configuration
from pypdf.errors import LimitReachedError, PdfReadError

from rcm.lib.archives import ZIP_ERRORS, ArchiveLimits, ArchiveRefused, check_archive
from rcm.lib.characters import FORBIDDEN, LINE_BREAKS, forbidden_character

_MB = 1024 * 1024
MAX_SOURCE_BYTES = 5 * _MB
# Forty times the XVII declaration; the parser reads 200,000 characters in a few seconds.
MAX_TEXT_CHARACTERS = 200_000
# A 5 MB Word file of text and a picture or two unpacks to a few megabytes.
WORD_ARCHIVES = ArchiveLimits(members=1_000, member_bytes=5 * _MB, total_bytes=20 * _MB)
# python-docx takes about 30 µs per XML element of the body, whatever it holds: a real declaration
# has a few thousand (paragraphs, runs of text, their properties).
MAX_WORD_ELEMENTS = 100_000
MAX_PDF_PAGES = 300
# pypdf's own limits (75 MB a stream, two million operations a content stream) let one page of a
# 100 KB PDF take a minute; a page of text is some tens of kilobytes and a few thousand operations.
_PDF_LIMITS = {
    **dict.fromkeys(
        (
            "zlib_maximum_output_length",
            "lzw_maximum_output_length",
            "run_length_maximum_output_length",
            "brotli_maximum_output_length",
            "array_based_stream_maximum_output_length",
        ),
        _MB,
    ),
    "stream_parsing_work_maximum_count": 100_000,
    "xform_maximum_invocations_per_extraction": 20,
}
ENCODINGS = {"utf-8": "UTF-8", "cp1252": "Windows-1252", "latin-1": "Latin-1 (ISO 8859-1)"}

_PDF_MARKER = b"%PDF-"
_ZIP_MARKER = b"PK\x03\x04"
_DOCX_PART = "word/document.xml"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_AS_LINE_BREAKS = str.maketrans(dict.fromkeys(LINE_BREAKS, "\n"))


class SourceError(ValueError):
    """A file that cannot be read as a declaration; the message is one line saying why."""


@dataclass
class Source:
    name: str
    text: str = ""
    document: Any = None  # the parsed JSON, when the file is a declaration JSON document
    notes: list[tuple[int, str]] = field(default_factory=list)  # (line, what was changed that a person should check)


def too_large(size: int) -> str:
    return gettext("the file is %(size)s MB, over the limit of %(limit)s MB") % {
        "size": f"{size / _MB:.1f}",
        "limit": MAX_SOURCE_BYTES // _MB,
    }


def text_too_long(length: int) -> str:
    return gettext("the text is %(length)s characters long, over the limit of %(limit)s") % {
        "length": f"{length:,}",
        "limit": f"{MAX_TEXT_CHARACTERS:,}",
    }


def read_source(name: str, content: bytes, encoding: str | None = None) -> Source:
    if not content.strip():
        raise SourceError(gettext("the file is empty"))
    if len(content) > MAX_SOURCE_BYTES:
        raise SourceError(too_large(len(content)))
    if _PDF_MARKER in content[:1024]:
        return _text_source(name, _pdf_text(content))
    if content.startswith(_ZIP_MARKER):
        return _text_source(name, _checked_length(_docx_text(content)))
    if content.startswith(_UTF16_BOMS):
        raise SourceError(gettext("the file is UTF-16 text; save it as UTF-8 and import it again"))
    if b"\x00" in content[:8192]:
        raise SourceError(gettext("the file is binary, not text: import a .txt, .docx, .pdf or declaration .json file"))
    text = _checked_length(_decoded(content, encoding or "utf-8").lstrip("\ufeff"))
    if not text.strip():
        raise SourceError(gettext("the file is empty"))
    if text.lstrip().startswith("{"):
        try:
            return Source(name, document=json.loads(text))
        except json.JSONDecodeError as error:
            raise SourceError(
                gettext("line %(line)s: not valid JSON (%(problem)s)") % {"line": error.lineno, "problem": error.msg}
            ) from None
    return _text_source(name, text)


def _text_source(name: str, text: str) -> Source:
    """A text as the parser reads it. A vertical tab (Word's manual line break) or a page break becomes
    a line break, with a note; any other character no text may hold (rcm.lib.characters) is refused with
    its line, as a form refuses it: the person importing removes it."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.translate(_AS_LINE_BREAKS)
    notes = []
    for character, what in LINE_BREAKS.items():
        count = text.count(character)
        if count:
            code = f"U+{ord(character):04X}"
            said = ngettext(
                "a %(what)s (%(code)s) was read as a line break",
                "%(count)s %(what)ss (%(code)s) were read as line breaks, the first on this line",
                count,
            ) % {"what": what, "code": code, "count": count}
            notes.append((lines.count("\n", 0, text.index(character)) + 1, said))
    found = FORBIDDEN.search(lines)
    if found:
        number = lines.count("\n", 0, found.start()) + 1
        line = lines.split("\n")[number - 1]
        raise SourceError(gettext("line %(line)s %(problem)s") % {"line": number, "problem": forbidden_character(line)})
    return Source(name, text=lines, notes=notes)


def _decoded(content: bytes, encoding: str) -> str:
    try:
        return content.decode(encoding)
    except UnicodeDecodeError as error:
        line = content[: error.start].count(b"\n") + 1
        byte = content[error.start]
        where = {"line": line, "byte": f"0x{byte:02x}", "encoding": ENCODINGS.get(encoding, encoding)}
        if encoding == "utf-8":
            message = gettext(
                "line %(line)s: byte %(byte)s is not %(encoding)s; if it was saved in Windows-1252 or Latin-1, "
                "choose that encoding (--encoding cp1252)"
            )
        else:
            message = gettext("line %(line)s: byte %(byte)s is not %(encoding)s")
        raise SourceError(message % where) from None
    except LookupError:
        raise SourceError(
            gettext("unknown encoding %(encoding)r; use one of %(encodings)s")
            % {"encoding": encoding, "encodings": ", ".join(ENCODINGS)}
        ) from None


def _checked_length(text: str) -> str:
    if len(text) > MAX_TEXT_CHARACTERS:
        raise SourceError(text_too_long(len(text)))
    return text


def _pdf_text(content: bytes) -> str:
    pages: list[str] = []
    try:
        with apply_configuration(**_PDF_LIMITS):
            reader = PdfReader(io.BytesIO(content))
            if reader.is_encrypted:
                raise SourceError(gettext("the PDF is encrypted; save a copy without a password and import that"))
            if len(reader.pages) > MAX_PDF_PAGES:
                raise SourceError(
                    gettext("the PDF has %(pages)s pages, over the limit of %(limit)s")
                    % {"pages": f"{len(reader.pages):,}", "limit": MAX_PDF_PAGES}
                )
            length = 0
            for page in reader.pages:
                pages.append(page.extract_text() or "")
                length += len(pages[-1]) + 1
                if length > MAX_TEXT_CHARACTERS:  # said at once, without reading the pages left
                    raise SourceError(
                        gettext("the PDF's text is over %(limit)s characters long")
                        % {"limit": f"{MAX_TEXT_CHARACTERS:,}"}
                    )
    except SourceError:
        raise
    except LimitReachedError as error:
        raise SourceError(
            gettext("the PDF has a part too large to read safely (%(problem)s)") % {"problem": error}
        ) from None
    except (PdfReadError, ValueError, KeyError, TypeError) as error:
        raise SourceError(gettext("the PDF cannot be read (%(problem)s)") % {"problem": error}) from None
    text = "\n".join(pages)
    if not text.strip():
        raise SourceError(gettext("the PDF has no text layer (a scan?): run it through OCR first, or paste its text"))
    return text


def _docx_text(content: bytes) -> str:
    """A Word document's paragraphs, one per block, with their list bullets and numbers written out."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            if _DOCX_PART not in archive.namelist():
                raise SourceError(gettext("the file is a zip archive, not a Word (.docx) document"))
            check_archive(archive, WORD_ARCHIVES)
        document = docx.Document(io.BytesIO(content))
    except SourceError:
        raise
    except ArchiveRefused as refused:
        raise SourceError(gettext("the Word file %(problem)s") % {"problem": refused}) from None
    except (*ZIP_ERRORS, PackageNotFoundError, KeyError, ValueError, etree.XMLSyntaxError) as error:
        raise SourceError(gettext("the Word document cannot be read (%(problem)s)") % {"problem": error}) from None
    elements = sum(1 for _ in document.element.body.iter())
    if elements > MAX_WORD_ELEMENTS:
        raise SourceError(
            gettext(
                "the Word file's text is made of %(parts)s parts (paragraphs, runs, their formatting), "
                "over the limit of %(limit)s: save it as plain text and import that"
            )
            % {"parts": f"{elements:,}", "limit": f"{MAX_WORD_ELEMENTS:,}"}
        )
    formats = _numbering_formats(document)
    styles = _paragraph_styles(document)
    counters: dict[tuple[str, str], int] = {}
    paragraphs = []
    for paragraph in document.paragraphs:
        text = paragraph.text.strip()
        if not text:
            continue
        numbering = _numbering_of(paragraph, styles)
        if numbering:
            number_format = formats.get(numbering, "bullet")
            if number_format == "bullet":
                text = f"· {text}"
            else:
                counters[numbering] = counters.get(numbering, 0) + 1
                count = counters[numbering]
                text = f"{chr(ord('a') + count - 1) if number_format == 'lowerLetter' else count}. {text}"
        paragraphs.append(text)
    return "\n\n".join(paragraphs)


def _paragraph_styles(document) -> dict[str | None, Any]:
    """Each paragraph style's properties (pPr) by its id, the default style's under None, as
    python-docx's `paragraph.style` finds them (the first style with an id, the last default).

    Read once: `paragraph.style` looks through every style of the document for the default one on
    each call, which made a document of 5,000 paragraphs take 8 seconds.
    """
    styles: dict[str | None, Any] = {}
    for style in document.styles.element.style_lst:
        if style.type == WD_STYLE_TYPE.PARAGRAPH:
            styles.setdefault(style.styleId, style.pPr)
            if style.default:
                styles[None] = style.pPr
    return styles


def _numbering_of(paragraph, styles: dict[str | None, Any]) -> tuple[str, str] | None:
    """(list, level) of a paragraph in a Word list, set on the paragraph or by its style."""
    # As python-docx's paragraph.style: an unknown style id means the default style.
    style = styles[paragraph._p.style] if paragraph._p.style in styles else styles.get(None)
    for properties in (paragraph._p.pPr, style):
        if properties is None:
            continue
        numbering = properties.find(f"{_W}numPr")
        if numbering is not None and numbering.find(f"{_W}numId") is not None:
            level = numbering.find(f"{_W}ilvl")
            return numbering.find(f"{_W}numId").get(f"{_W}val"), level.get(f"{_W}val") if level is not None else "0"
    return None


def _numbering_formats(document) -> dict[tuple[str, str], str]:
    """(list, level) -> "bullet", "decimal", "lowerLetter"..., from the document's numbering definitions."""
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return {}
    abstract_formats: dict[str, dict[str, str]] = {}
    for abstract in numbering.findall(f"{_W}abstractNum"):
        levels = {}
        for level in abstract.findall(f"{_W}lvl"):
            number_format = level.find(f"{_W}numFmt")
            levels[level.get(f"{_W}ilvl")] = number_format.get(f"{_W}val") if number_format is not None else "decimal"
        abstract_formats[abstract.get(f"{_W}abstractNumId")] = levels
    formats = {}
    for number in numbering.findall(f"{_W}num"):
        abstract = number.find(f"{_W}abstractNumId")
        if abstract is None:
            continue
        for level, number_format in abstract_formats.get(abstract.get(f"{_W}val"), {}).items():
            formats[(number.get(f"{_W}numId"), level)] = number_format
    return formats
