"""A control character stored before the input rule existed (old data, a shell, a restore) breaks no output.

XML 1.0 cannot hold C0 control characters other than tab, newline and carriage return: Atom feeds and
XLSX sheets drop them (rcm.lib.feeds, rcm.lib.exports); the other outputs carry them or escape them.
"""

import io
import zipfile

import feedparser
import pytest
from lxml import etree

from decisions.models import Decision
from declarations.models import Conference, Paragraph
from tests import pdf
from tests.factories import conference_with_decisions

STORED = "Decide\x1f to meet\x0b again."
SHEET = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


@pytest.fixture
def stored_control_characters(seeded):
    """Conference XX, published, whose theme, paragraph and decision hold control characters, written
    straight to the database as old data would be (the import refuses them now)."""
    declaration = conference_with_decisions(20, ["Decide."])
    Decision.objects.filter(conference=declaration.conference).update(text_en=STORED)
    Conference.objects.filter(pk=declaration.conference_id).update(theme_en="Theme\x1f of XX")
    Paragraph.objects.filter(declaration=declaration, position=1).update(text="Recognized\x01 item 1.")
    return declaration


def _body(response) -> bytes:
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize(
    "url",
    [
        "/conferences/20/",
        "/conferences/20/declaration/",
        "/conferences/20/decisions/1/",
        "/conferences/20/implementation/",
        "/conferences/20/implementation.csv",
        "/decisions.csv?year_from=2015",
    ],
)
def test_pages_and_csv_still_show_the_text(client, stored_control_characters, url):
    assert "to meet" in _body(client.get(url)).decode()


@pytest.mark.parametrize("url", ["/conferences/20/declaration.json", "/decisions.json?year_from=2015"])
def test_json_escapes_them(client, stored_control_characters, url):
    assert "\\u001f" in _body(client.get(url)).decode()


def test_the_implementation_spreadsheet_drops_them(client, stored_control_characters):
    with zipfile.ZipFile(io.BytesIO(_body(client.get("/conferences/20/implementation.xlsx")))) as workbook:
        sheet = etree.fromstring(workbook.read("xl/worksheets/sheet1.xml"))
    assert "Decide to meet\n again." in {text.text for text in sheet.iter(SHEET + "t")}


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/feeds/decisions.atom", "Decide to meet\n again."),
        ("/feeds/declarations.atom", "Theme of XX"),
        # The filters a reader typed are the feed's title.
        ("/feeds/decisions.atom?q=meet%1F", "RCM decisions: words meet"),
    ],
)
def test_feeds_drop_them(client, stored_control_characters, url, expected):
    content = _body(client.get(url))
    etree.fromstring(content)  # well-formed XML 1.0
    feed = feedparser.parse(content)
    texts = [feed.feed.title, *(text for entry in feed.entries for text in (entry.title, entry.get("summary", "")))]
    assert expected in texts


@pytest.mark.parametrize(
    "url", ["/conferences/20/declaration.pdf", "/conferences/20/briefing.pdf", "/conferences/20/decisions.pdf"]
)
def test_pdfs_still_show_the_text(client, stored_control_characters, url):
    assert "to meet" in pdf.text(pdf.read(client.get(url)))
