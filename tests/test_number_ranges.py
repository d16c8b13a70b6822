"""Numbers people type stay within what the addresses and the database accept, whatever the path.

A decision numbered 99999999 once made every page listing its conference a 500 (its address could
not be built), and a planned year of 99999999 was stored on SQLite. Each range is checked by the
staff forms, by the database (a named CHECK constraint, so that the shell, the admin and imports
are held too), and by the import schema.
"""

import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from decisions.models import Decision
from declarations.models import Conference, Declaration, Paragraph, Participation
from rcm.base.models import Country
from rcm.interchange.schema import SchemaError, read_declaration_json
from tests.factories import conference_form, conference_with_declaration, declaration_document


def _refused_by(constraint: str, create) -> None:
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        create()
    assert constraint in str(error.value)


@pytest.fixture
def xvii(seeded) -> Conference:
    return Conference.objects.get(kind="ordinary", number=17)


class TestDecisionNumber:
    def test_the_staff_form_refuses_a_number_past_the_last(self, client, seeded, editor):
        conference = conference_with_declaration(20, status="draft").conference
        client.force_login(editor)
        response = client.post(
            reverse("staff_decision_new", args=[conference.pk]),
            {"number": 99999999, "text_en": "Approve it.", "text_es": "", "deadline": "", "deadline_text": ""},
        )
        assert response.status_code == 200
        assert "Decisions are numbered from 1 to 999." in response.content.decode()
        assert conference.decisions.count() == 3

    def test_the_database_refuses_it(self, xvii):
        _refused_by(
            "decision_number_in_range", lambda: Decision.objects.create(conference=xvii, number=1000, text_en="x")
        )
        _refused_by("decision_number_in_range", lambda: Decision.objects.create(conference=xvii, number=0, text_en="x"))

    def test_the_last_number_has_an_address(self, client, seeded):
        conference = conference_with_declaration(20).conference
        Decision.objects.create(conference=conference, number=999, text_en="The last decision there can be.")
        assert "/conferences/20/decisions/999/" in client.get("/conferences/20/").content.decode()
        assert client.get("/conferences/20/decisions/999/").status_code == 200
        assert client.get("/conferences/20/decisions/1000/").status_code == 404

    def test_an_import_refuses_it(self, seeded):
        document = declaration_document(20, decisions=1)
        document["decisions"][0]["number"] = 1000
        with pytest.raises(SchemaError, match=r"^decisions\[0\]\.number: must be a whole number from 1 to 999$"):
            read_declaration_json(document)


class TestConferenceNumber:
    def test_the_staff_form_refuses_a_number_past_the_last(self, client, seeded, editor):
        client.force_login(editor)
        response = client.post(reverse("staff_conference_new"), conference_form(number=100))
        assert "Conferences are numbered from 1 to 99." in response.content.decode()
        assert not Conference.objects.filter(number=100).exists()

    def test_the_database_refuses_it(self, db):
        _refused_by("conference_number_in_range", lambda: Conference.objects.create(number=100, planned_year=2030))
        _refused_by(
            "conference_number_in_range",
            lambda: Conference.objects.create(kind="synthetic", number=10000, planned_year=2030),
        )
        Conference.objects.create(kind="synthetic", number=9999, planned_year=2030)  # generated test data, allowed

    def test_an_import_refuses_it(self, seeded):
        document = declaration_document(20, decisions=1)
        document["conference"]["number"] = 100
        with pytest.raises(SchemaError, match=r"^conference\.number: must be a whole number from 1 to 99$"):
            read_declaration_json(document)


class TestYears:
    def test_the_staff_form_refuses_a_planned_year_out_of_range(self, client, seeded, editor):
        client.force_login(editor)
        form = conference_form(start_date="", end_date="", planned_year=99999999)
        response = client.post(reverse("staff_conference_new"), form)
        assert "Give a year from 1990 to 2100." in response.content.decode()
        assert not Conference.objects.filter(number=30).exists()

    # PostgreSQL keeps these years in a smallint, which refuses 99999999 by itself; SQLite stored it.
    @pytest.mark.parametrize("year", [1989, 2101, 99999999] if connection.vendor == "sqlite" else [1989, 2101])
    def test_the_database_refuses_a_planned_year_out_of_range(self, db, year):
        _refused_by("conference_planned_year_in_range", lambda: Conference.objects.create(number=40, planned_year=year))

    def test_the_staff_form_refuses_a_membership_year_out_of_range(self, client, seeded, editor):
        client.force_login(editor)
        data = {"code": "ZZ", "name_en": "Zed", "name_es": "Zeta", "member_since": 99999999, "revision": 1}
        response = client.post(reverse("staff_state_new"), data)
        assert "Give a year from 1990 to 2100." in response.content.decode()
        assert not Country.objects.filter(code="ZZ").exists()

    @pytest.mark.parametrize("year", [1989, 2101, 99999999] if connection.vendor == "sqlite" else [1989, 2101])
    def test_the_database_refuses_a_membership_year_out_of_range(self, db, year):
        _refused_by(
            "country_member_since_in_range",
            lambda: Country.objects.create(code="ZZ", name_en="Zed", name_es="Zeta", member_since=year),
        )


class TestPositions:
    def test_the_database_refuses_a_paragraph_position_out_of_range(self, xvii):
        declaration = Declaration.objects.get(conference=xvii)
        _refused_by(
            "paragraph_position_in_range",
            lambda: Paragraph.objects.create(declaration=declaration, position=10000, verb="Noted", text="Noted."),
        )

    def test_the_staff_form_refuses_a_participant_position_out_of_range(self, client, xvii, editor):
        client.force_login(editor)
        form = conference_form(
            **{
                "participants-TOTAL_FORMS": 1,
                "participants-0-role": "member_state",
                "participants-0-country": Country.objects.get(code="BR").pk,
                "participants-0-position": 99999999,
            }
        )
        response = client.post(reverse("staff_conference_new"), form)
        assert "Give a position from 0 to 999." in response.content.decode()
        assert not Conference.objects.filter(number=30).exists()

    def test_the_database_refuses_a_participant_position_out_of_range(self, db):
        conference = Conference.objects.create(number=40, planned_year=2030)
        country = Country.objects.create(code="ZZ", name_en="Zed", name_es="Zeta")
        _refused_by(
            "participation_position_in_range",
            lambda: Participation.objects.create(
                conference=conference, role="observer_state", country=country, position=1000
            ),
        )
