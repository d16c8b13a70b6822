"""CSV and JSON downloads of a filtered list of decisions or paragraphs: the page's filters, streamed."""

import csv
import io
import json

import openpyxl
import pytest

from rcm.lib.languages import other_language
from tests.factories import conference_with_decisions, conference_with_declaration


def _read(response) -> str:
    assert response.streaming, "exports are streamed, never built in memory"
    return b"".join(response.streaming_content).decode()


class TestDecisionExports:
    def test_csv_has_the_filtered_decisions(self, client, seeded):
        response = client.get("/decisions.csv?topic=migrant-children")
        rows = list(csv.DictReader(io.StringIO(_read(response))))
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert [row["citation"] for row in rows] == ["RCM XVII/6"]
        assert rows[0]["topics"] == "consular-protection; migrant-children"
        assert rows[0]["url"] == "/conferences/17/decisions/6/?lang=en"

    def test_json_has_the_filtered_decisions(self, client, seeded):
        conference_with_decisions(20, ["Protect unaccompanied minors."])
        data = json.loads(_read(client.get("/decisions.json?year_from=2015")))
        assert data == [
            {
                "citation": "RCM XX/1",
                "url": "/conferences/20/decisions/1/?lang=en",
                "conference": "XX Regional Conference on Migration",
                "year": 2015,
                "number": 1,
                "status": "",
                "topics": [],
                "mandated": ["Technical Secretariat"],
                "mentioned": ["Panama", "UNHCR"],
                "text_en": "Protect unaccompanied minors.",
                "text_es": "",
            }
        ]

    def test_they_leave_out_drafts(self, client, seeded, publisher):
        conference_with_declaration(20, status="draft")
        client.force_login(publisher)
        assert "RCM XX/" not in _read(client.get("/decisions.csv"))
        assert len(json.loads(_read(client.get("/decisions.json")))) == 12

    def test_they_refuse_a_malformed_filter(self, client, seeded):
        assert client.get("/decisions.csv?year_to=later").status_code == 400
        assert client.get("/decisions.json?state=XX").status_code == 400


class TestParagraphExports:
    def test_csv_and_json_have_the_filtered_paragraphs(self, client, seeded):
        conference_with_declaration(20, status="draft")
        rows = list(csv.DictReader(io.StringIO(_read(client.get("/paragraphs.csv?q=trafficking")))))
        data = json.loads(_read(client.get("/paragraphs.json?q=trafficking")))
        assert [row["citation"] for row in rows] == [item["citation"] for item in data]
        assert rows and all(row["citation"].startswith("RCM XVII, paragraph ") for row in rows)
        assert all("trafficking" in item["text"].lower() for item in data)


# TEST DATA: the XX conference's texts in both languages, written for these tests.
SPANISH_PARAGRAPHS = [{"verb": "Reconoció", "text": f"Reconoció el punto {i}."} for i in range(1, 4)]


@pytest.fixture
def both_texts(seeded):
    conference_with_decisions(20, ["Protect unaccompanied minors."])
    conference_with_decisions(20, ["Proteger a los menores no acompañados."], language="es", title="Conferencia 20",
                              paragraphs=SPANISH_PARAGRAPHS)  # fmt: skip


def _html_language(client, url: str, chosen: str) -> str:
    """The language of the page at `url` for a reader whose own choice is `chosen`."""
    response = client.get(url.partition("#")[0], headers={"cookie": f"django_language={chosen}"})
    assert response.status_code == 200
    return response.content.decode().split('<html lang="', 1)[1].split('"', 1)[0]


@pytest.mark.parametrize("language", ["en", "es"])
class TestExportAddresses:
    """Every export's `url` opens its record's page in the language the export was asked in, whoever follows it;
    a paragraph's, on the page of its own text, where its anchor is that paragraph."""

    def test_a_decisions_url_names_the_exports_language(self, client, both_texts, language):
        asked = {"headers": {"accept-language": language}}
        rows = list(csv.DictReader(io.StringIO(_read(client.get("/decisions.csv?year_from=2015", **asked)))))
        data = json.loads(_read(client.get("/decisions.json?year_from=2015", **asked)))
        assert (
            [row["url"] for row in rows]
            == [item["url"] for item in data]
            == [f"/conferences/20/decisions/1/?lang={language}"]
        )
        assert rows[0]["citation"] == {"en": "RCM XX/1", "es": "CRM XX/1"}[language]
        assert _html_language(client, rows[0]["url"], chosen=other_language(language)) == language

    def test_a_paragraphs_url_names_its_texts_language_and_the_exports(self, client, both_texts, language):
        asked = {"headers": {"accept-language": language}}
        rows = list(csv.DictReader(io.StringIO(_read(client.get("/paragraphs.csv?year_from=2015", **asked)))))
        data = json.loads(_read(client.get("/paragraphs.json?year_from=2015", **asked)))
        assert [row["url"] for row in rows] == [item["url"] for item in data]
        assert {(row["language"], row["position"], row["url"]) for row in rows} == {
            (text, str(position), f"/conferences/20/declaration/{text}/?lang={language}#paragraph-{position}")
            for text in ("en", "es")
            for position in (1, 2, 3)
        }
        spanish = next(row for row in rows if row["language"] == "es" and row["position"] == "2")
        page = client.get(spanish["url"].partition("#")[0]).content.decode()
        assert '<li id="paragraph-2"' in page and "Reconoció el punto 2." in page
        assert _html_language(client, spanish["url"], chosen=other_language(language)) == language

    def test_the_follow_up_matrix_links_each_decision_in_the_exports_language(self, client, both_texts, language):
        asked = {"headers": {"accept-language": language}}
        matrix = client.get("/conferences/20/implementation.csv", **asked).content.decode()
        header, row = list(csv.reader(io.StringIO(matrix)))
        workbook = openpyxl.load_workbook(
            io.BytesIO(client.get("/conferences/20/implementation.xlsx", **asked).content)
        )
        sheet = list(workbook.active.iter_rows(values_only=True))
        url = f"/conferences/20/decisions/1/?lang={language}"
        assert (header[-1], row[-1]) == ({"en": "Page", "es": "Página"}[language], url)
        assert sheet[1][-1] == url
        assert (
            row[1] == {"en": "Protect unaccompanied minors.", "es": "Proteger a los menores no acompañados."}[language]
        )
