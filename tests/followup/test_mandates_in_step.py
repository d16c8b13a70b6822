"""Every way of writing whom a decision mandates leaves one mandate per mandated actor and none for anyone
else: the decision's staff page, the import (and the seed through it), generate_synthetic."""

import io

from django.core.management import call_command

from decisions.models import Decision, Mention
from followup.models import Mandate
from followup.services import decision_mandates_save
from rcm.base.models import Body, Country, Organization
from rcm.interchange.schema import read_declaration_json
from rcm.interchange.services import declaration_import
from tests.factories import conference_with_declaration, declaration_document
from tests.followup.test_decision_edit import _post


def out_of_step() -> list[str]:
    """What breaks the rule, in words: a mandated actor without a mandate, a mandate of an actor not mandated."""
    without = Mention.objects.filter(role=Mention.Role.MANDATED, mandate__isnull=True)
    astray = Mandate.objects.exclude(mention__role=Mention.Role.MANDATED)
    return [f"{m.decision}: {m.actor} is mandated without a mandate" for m in without] + [
        f"{m.decision}: {m.actor} has a mandate but is not mandated" for m in astray
    ]


def _mandated(decision: Decision) -> dict[str, str]:
    return {str(m.actor): m.mandate.status for m in decision.mentions.filter(role=Mention.Role.MANDATED)}


def test_the_seed_keeps_them_in_step(seeded):
    assert Mandate.objects.exists() and out_of_step() == []


def test_the_staff_page_keeps_them_in_step(client, editor, seeded):
    # XXX/1, of a draft, mandates the Technical Secretariat: Mexico is mandated instead, the Secretariat only
    # mentioned.
    decision = conference_with_declaration(30, decisions=1, status="draft").conference.decisions.get()
    client.force_login(editor)
    mexico, secretariat = Country.objects.get(code="MX"), Body.objects.get(slug="technical-secretariat")
    changes = {"mandated_states": [str(mexico.pk)], "mandated_bodies": [], "mentioned_bodies": [str(secretariat.pk)]}
    assert _post(client, decision, **changes).status_code == 302
    assert _mandated(decision) == {str(mexico): "pending"} and out_of_step() == []


def test_saving_a_decision_moves_a_mandate_with_the_role(db):
    # What decisions.services.decision_save let happen: a mention made mandated without a mandate, and a
    # mandate left on an actor made only mentioned. Whom a decision names is now written by this service alone.
    decision = conference_with_declaration(40, decisions=1).outcome.decisions.get()
    secretariat, panama = Body.objects.get(slug="technical-secretariat"), Country.objects.get(code="PA")
    unhcr = Organization.objects.get(acronym="UNHCR")
    decision_mandates_save(
        decision=decision, revision=decision.revision, mandated=[panama], mentioned=[secretariat, unhcr]
    )
    assert _mandated(decision) == {str(panama): "pending"} and out_of_step() == []


def test_the_import_keeps_them_in_step_when_a_second_language_names_more(db):
    # The Spanish text of the XL mandates IOM besides the Technical Secretariat, and mandates Panama, which
    # the English text only mentions: Panama stays mentioned, IOM gets its mandate.
    conference_with_declaration(40, decisions=1)
    spanish = declaration_document(40, 1, language="es", title="DECLARACIÓN DE PRUEBA")
    spanish["decisions"][0]["mandated"] = {
        "bodies": ["technical-secretariat"],
        "states": ["PA"],
        "organizations": ["IOM"],
    }
    declaration_import(data=read_declaration_json(spanish), publish=True)
    decision = Decision.objects.get(conference__number=40, number=1)
    assert set(_mandated(decision)) == {"Technical Secretariat", str(Organization.objects.get(acronym="IOM"))}
    assert out_of_step() == []


def test_generate_synthetic_keeps_them_in_step(seeded):
    call_command(
        "generate_synthetic", "--conferences", "2", "--decisions", "3", stdout=io.StringIO(), stderr=io.StringIO()
    )
    assert Mandate.objects.filter(mention__decision__conference__kind="synthetic").count() == 6
    assert out_of_step() == []


def test_it_says_what_is_out_of_step(db):
    decision = conference_with_declaration(40, decisions=1).outcome.decisions.get()
    Mandate.objects.filter(mention__decision=decision).delete()
    assert out_of_step() == [f"{decision}: Technical Secretariat is mandated without a mandate"]
