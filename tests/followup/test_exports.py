"""The follow-up matrix of a conference as CSV and XLSX: each mandate with its decision's deadline, and the
next conference those due by it wait for."""

import csv
import io

import openpyxl

from declarations.models import Conference
from followup.models import Mandate
from tests.factories import conference_with_declaration, planned_conference


def _csv(client, url: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(client.get(url).content.decode())))


def test_it_gives_each_mandate_its_decisions_deadline(client, seeded):
    rows = list(csv.reader(io.StringIO(client.get("/conferences/17/implementation.csv").content.decode())))
    mandates = {row[0]: row[4] for row in rows[1:]}
    assert mandates["RCM XVII/8"] == (
        "Technical Secretariat: The Coordinator's renewed contract runs until July 2013 (due 2013-07-31) [Pending]"
    )
    assert mandates["RCM XVII/5"].endswith("(by the next conference) [Pending]")
    assert mandates["RCM XVII/1"] == ""


def test_it_names_the_next_conference_a_mandate_waits_for(client, seeded):
    # XVII/5 is due by the next conference, the XVIII (planned for 2013); XVII/8 has a deadline of its own.
    rows = _csv(client, "/conferences/17/implementation.csv")
    column = rows[0].index("Next conference")
    by_citation = {row[0]: row[column] for row in rows[1:]}
    assert (by_citation["RCM XVII/5"], by_citation["RCM XVII/8"]) == ("XVIII (2013)", "")


def test_the_spreadsheet_names_it_under_its_spanish_header(client, seeded):
    Conference.objects.filter(number=18).update(start_date="2013-06-20", end_date="2013-06-21")
    response = client.get("/conferences/17/implementation.xlsx?lang=es")
    header, *rows = openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
    column = header.index("Próxima conferencia")
    assert next(row[column] for row in rows if row[0] == "CRM XVII/5") == "XVIII (20 de junio de 2013)"


def test_it_leaves_the_next_conference_empty_while_the_archive_lacks_it(client, db):
    conference_with_declaration(40, decisions=1)
    Mandate.objects.filter(mention__decision__conference__number=40).update(due_by_next_conference=True)
    header, row = _csv(client, "/conferences/40/implementation.csv")
    assert row[header.index("Next conference")] == "" and "(by the next conference)" in row[4]
    planned_conference(41, 2036)
    header, row = _csv(client, "/conferences/40/implementation.csv")
    assert row[header.index("Next conference")] == "XLI (2036)"
