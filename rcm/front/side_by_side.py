"""An outcome document's English and Spanish texts side by side, as a page and as a PDF in two columns.

Both show the rows of declarations.alignment.align, made with what the reader may read: a document
whose text in one language is a draft has no side-by-side page for the public, only the text it may read.
"""

from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from declarations.access import readable_declarations
from declarations.alignment import Alignment, Row, align
from declarations.models import Conference, Language, OutcomeDocument
from declarations.selectors import get_conference_or_404, get_outcome_or_404
from rcm.lib.converters import MeetingKey, OutcomeKey
from rcm.lib.languages import other_language, reader_language
from rcm.lib.pagecache import cache_public_page
from rcm.lib.pdf import bad_paper, paper_from, pdf_response


@dataclass(frozen=True)
class Cell:
    lang: str
    text: str | None
    theme: str = ""  # the meeting's theme in this language, under the title


@dataclass(frozen=True)
class Line:
    """A row as the page shows it: its cells in the order of the columns."""

    row: Row
    cells: list[Cell]


def _side_by_side(request: HttpRequest, key: MeetingKey, document: OutcomeKey) -> tuple[Conference, Alignment]:
    conference = get_conference_or_404(key, request.user)
    outcome: OutcomeDocument = get_outcome_or_404(conference, document)
    alignment = align(outcome, readable=readable_declarations(request.user))
    if not alignment.both:
        raise Http404("This document cannot be read in both languages")
    return conference, alignment


def _context(conference: Conference, alignment: Alignment) -> dict:
    # The reader's language on the left (first, when stacked on a phone).
    first = reader_language()
    columns = [Language(first), Language(other_language(first))]
    lines = [
        Line(
            row,
            [
                Cell(lang, row.text_in(lang), conference.theme_in(lang) if row.kind == "title" else "")
                for lang in columns
            ],
        )
        for row in alignment.rows
    ]
    texts = [alignment.declaration_in(lang) for lang in columns]
    return {
        "conference": conference,
        "outcome": alignment.outcome,
        "alignment": alignment,
        "columns": list(zip(columns, texts, strict=True)),
        "lines": lines,
        "draft": not all(text.is_published for text in texts),
        "reader_language": first,
    }


@cache_public_page
def declaration_side_by_side(request: HttpRequest, key: MeetingKey, document: OutcomeKey) -> HttpResponse:
    conference, alignment = _side_by_side(request, key, document)
    return render(request, "front/declaration_side_by_side.html", _context(conference, alignment))


def declaration_side_by_side_pdf(request: HttpRequest, key: MeetingKey, document: OutcomeKey) -> HttpResponse:
    conference, alignment = _side_by_side(request, key, document)
    paper = paper_from(request)
    if paper is None:
        return bad_paper(request)
    outcome = alignment.outcome
    return pdf_response(
        request,
        "front/pdf/side_by_side.html",
        {**_context(conference, alignment), "paper": paper},
        filename=f"{conference.file_stem}-{outcome.slug}-en-es.pdf",
    )
