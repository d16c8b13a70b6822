"""Integrity is kept by the database itself, whatever writes to it (forms, imports, the shell)."""

import datetime

import pytest
from django.apps import apps
from django.db import IntegrityError, connection, transaction
from django.db.models import CheckConstraint
from django.utils import timezone

from decisions.models import Decision, Link, Mention
from declarations.models import Conference, Declaration, Participation
from rcm.base.models import Body, Country, ExternalDocument, Organization


def _refusal(name: str) -> str:
    """What the database says when the constraint `name` refuses a row.

    PostgreSQL names every constraint; SQLite names a failed CHECK, and a failed UNIQUE by its columns.
    """
    model, constraint = next(
        (model, constraint)
        for model in apps.get_models()
        for constraint in model._meta.constraints
        if constraint.name == name
    )
    if connection.vendor == "postgresql":
        return f'constraint "{name}"'
    if isinstance(constraint, CheckConstraint):
        return f"CHECK constraint failed: {name}"
    columns = (model._meta.get_field(field).column for field in constraint.fields)
    return "UNIQUE constraint failed: " + ", ".join(f"{model._meta.db_table}.{column}" for column in columns)


def _violates(constraint: str, create) -> None:
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        create()
    assert _refusal(constraint) in str(error.value)


@pytest.fixture
def xvii(seeded) -> Conference:
    return Conference.objects.get(kind="ordinary", number=17)


def test_conference_number_is_unique_per_body_and_kind(xvii):
    _violates(
        "conference_number_unique_per_body_and_kind", lambda: Conference.objects.create(number=17, planned_year=2030)
    )
    Conference.objects.create(number=17, kind="extraordinary", planned_year=2030)  # another kind, allowed
    Conference.objects.create(body=Body.objects.get(slug="rcgm"), number=17, planned_year=2030)  # another body


def test_a_meeting_without_a_number_is_known_by_its_start_date(seeded):
    rcgm = Body.objects.get(slug="rcgm")
    _violates("conference_has_number_or_start_date", lambda: Conference.objects.create(body=rcgm, planned_year=2030))
    day = datetime.date(2012, 6, 19)
    Conference.objects.create(body=rcgm, start_date=day, end_date=day)
    _violates("conference_unnumbered_unique_per_day", lambda: Conference.objects.create(body=rcgm, start_date=day))
    Conference.objects.create(body=rcgm, kind="extraordinary", start_date=day)  # another kind, allowed


def test_conference_ends_after_it_starts(db):
    start = datetime.date(2020, 5, 2)
    _violates(
        "conference_ends_after_it_starts",
        lambda: Conference.objects.create(number=40, start_date=start, end_date=start - datetime.timedelta(days=1)),
    )


def test_conference_has_dates_or_a_planned_year(db):
    _violates("conference_has_dates_or_planned_year", lambda: Conference.objects.create(number=40))


def test_decision_number_is_unique_per_document(xvii):
    _violates(
        "decision_number_unique_per_outcome",
        lambda: Decision.objects.create(conference=xvii, number=5, text_en="Another fifth decision."),
    )


def test_decision_has_text(xvii):
    _violates("decision_has_text_in_a_language", lambda: Decision.objects.create(conference=xvii, number=13))


def test_one_published_text_per_document_and_language(xvii):
    _violates(
        "declaration_one_published_per_outcome_and_language",
        lambda: Declaration.objects.create(
            conference=xvii, language="en", title="Again", status="published", published_at=timezone.now()
        ),
    )
    Declaration.objects.create(conference=xvii, language="en", title="A draft correction")  # a draft is allowed


def test_published_declaration_has_a_date(xvii):
    _violates(
        "declaration_published_has_date",
        lambda: Declaration.objects.create(conference=xvii, language="es", title="Sin fecha", status="published"),
    )


def test_link_has_exactly_one_target(xvii):
    decision = xvii.decisions.get(number=1)
    _violates("link_has_exactly_one_target", lambda: Link.objects.create(source=decision, kind="refers_to"))
    _violates(
        "link_has_exactly_one_target",
        lambda: Link.objects.create(
            source=decision, kind="refers_to", target_conference=xvii, target_decision=xvii.decisions.get(number=2)
        ),
    )


def test_link_not_to_itself(xvii):
    decision = xvii.decisions.get(number=1)
    _violates(
        "link_not_to_itself", lambda: Link.objects.create(source=decision, kind="renews", target_decision=decision)
    )


def test_link_kind_fits_its_target(xvii):
    decision = xvii.decisions.get(number=1)
    _violates(
        "link_kind_fits_conference",
        lambda: Link.objects.create(source=decision, kind="supersedes", target_conference=xvii),
    )
    document = ExternalDocument.objects.get(slug="untoc")
    _violates(
        "link_kind_fits_document", lambda: Link.objects.create(source=decision, kind="renews", target_document=document)
    )


def test_mention_names_exactly_one_actor(xvii):
    decision = xvii.decisions.get(number=1)
    _violates("mention_names_exactly_one_actor", lambda: Mention.objects.create(decision=decision, role="mentioned"))


def test_participation_is_once_per_conference(xvii):
    _violates(
        "participation_country_once_per_conference",
        lambda: Participation.objects.create(
            conference=xvii, role="observer_state", country=Country.objects.get(code="PA")
        ),
    )


def test_participation_role_fits_participant(xvii):
    _violates(
        "participation_role_fits_participant",
        lambda: Participation.objects.create(
            conference=xvii, role="member_state", organization=Organization.objects.get(acronym="ICRC")
        ),
    )


def test_country_code_is_iso_alpha2(db):
    _violates("country_code_is_iso_alpha2", lambda: Country.objects.create(code="pa", name_en="x", name_es="x"))
