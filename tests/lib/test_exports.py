"""Spreadsheet exports hold text as text: a cell a spreadsheet would run as a formula is neutralised."""

import csv
import io
import zipfile

import pytest
from lxml import etree

from declarations.models import Paragraph
from rcm.lib.exports import csv_cells
from tests.factories import conference_with_decisions

# Texts a spreadsheet would read as a formula (OWASP, "CSV Injection"), as an author could type them.
FORMULAS = ['=HYPERLINK("http://x","y")', "+1", "-1", "@SUM(1)", "\tTAB", "\rCR"]
SHEET = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


@pytest.fixture
def formulas(seeded):
    """Conference XX, published, whose decisions and paragraphs say FORMULAS."""
    paragraphs = [{"verb": "Recognized", "text": "Recognized."} for _ in FORMULAS]
    declaration = conference_with_decisions(20, FORMULAS, paragraphs=paragraphs)
    for paragraph, text in zip(declaration.paragraphs.order_by("position"), FORMULAS, strict=True):
        Paragraph.objects.filter(pk=paragraph.pk).update(text=text)
    return declaration


def _csv(client, url: str) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.DictReader(io.StringIO(content.decode(), newline="")))


@pytest.mark.parametrize(
    ("url", "column"),
    [
        ("/decisions.csv?year_from=2015", "text_en"),
        ("/paragraphs.csv?year_from=2015", "text"),
        ("/conferences/20/implementation.csv", "Text"),
    ],
)
def test_csv_cells_that_would_start_a_formula_begin_with_an_apostrophe(client, formulas, url, column):
    cells = {row[column] for row in _csv(client, url)}
    assert cells == {f"'{formula}" for formula in FORMULAS}


def test_csv_keeps_numbers_and_ordinary_text(client, formulas):
    (row, *_) = _csv(client, "/decisions.csv?year_from=2015")
    assert (row["year"], row["number"], row["citation"]) == ("2015", "1", "RCM XX/1")
    assert csv_cells([-1, 2.5, "-1", "Decide.", ["=a", "b"]]) == [-1, 2.5, "'-1", "Decide.", "'=a; b"]


def test_xlsx_stores_every_text_as_a_string_never_a_formula(client, formulas):
    response = client.get("/conferences/20/implementation.xlsx")
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.content)) as workbook:
        sheet = etree.fromstring(workbook.read("xl/worksheets/sheet1.xml"))
    assert list(sheet.iter(SHEET + "f")) == []
    # openpyxl writes texts inline, in the sheet itself.
    assert set(FORMULAS) <= {text.text for text in sheet.iter(SHEET + "t")}
