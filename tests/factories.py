"""Records for tests, built through the same service that imports declarations."""

import datetime

from declarations.models import Conference, Declaration, vice_ministerial_body
from rcm.base.models import Body, Country, ExternalDocument, Organization
from rcm.front import seed
from rcm.interchange.schema import read_declaration_json
from rcm.interchange.services import declaration_import

# What declaration_document names: enough reference data for a test that does not need the whole seed.
NAMED_STATES = ["CR", "PA"]
NAMED_ORGANIZATIONS = ["IOM", "UNHCR"]
NAMED_BODIES = ["technical-secretariat"]
NAMED_DOCUMENTS = ["santa-fe-document", "untoc"]


def reference_records() -> None:
    """The states, organizations, body and documents that declaration_document names, as the seed has them."""
    for code, name_en, name_es, is_member in seed.COUNTRIES:
        if code in NAMED_STATES:
            Country.objects.create(code=code, name_en=name_en, name_es=name_es, is_member=is_member)
    for acronym, acronym_es, name_en, name_es, kind in seed.ORGANIZATIONS:
        if acronym in NAMED_ORGANIZATIONS:
            Organization.objects.create(
                acronym=acronym, acronym_es=acronym_es, name_en=name_en, name_es=name_es, kind=kind
            )
    for slug, acronym, acronym_es, name_en, name_es, kind, _ in seed.BODIES:
        if slug in NAMED_BODIES:
            Body.objects.create(
                slug=slug, acronym=acronym, acronym_es=acronym_es, name_en=name_en, name_es=name_es, kind=kind
            )
    for slug, title_en, title_es, kind in seed.DOCUMENTS:
        if slug in NAMED_DOCUMENTS:
            ExternalDocument.objects.create(slug=slug, title_en=title_en, title_es=title_es, kind=kind)


def declaration_document(number: int, decisions: int, **changes) -> dict:
    """A declaration in the JSON schema for conference `number`, with `decisions` decisions.

    Every decision mandates a body, mentions a state and an organization and refers to a document,
    so that pages show everything a decision can carry.
    """
    year = 1995 + number  # as the RCM met: the XVII in 2012
    document = {
        "conference": {
            "number": number,
            "kind": "ordinary",
            "theme": f"Theme of conference {number}",
            "cities": ["San José"],
            "host_country": "CR",
            "start_date": f"{year}-06-20",
            "end_date": f"{year}-06-21",
        },
        "language": "en",
        "title": f"Conference {number}",
        "status": "published",
        "opening": "The Vice-Ministerial Meeting was held.",
        "chapeau": "The Vice-Ministers:",
        "participants": {"member_states": ["CR", "PA"], "observer_organizations": ["IOM"]},
        "paragraphs": [{"verb": "Recognized", "text": f"Recognized item {i}."} for i in range(1, 4)],
        "decisions": [
            {
                "number": i,
                "text": f"Decide item {i} of conference {number}.",
                "mandated": {"bodies": ["technical-secretariat"]},
                "mentioned": {"states": ["PA"], "organizations": ["UNHCR"]},
                "links": [{"kind": "refers_to", "document": "santa-fe-document"}],
            }
            for i in range(1, decisions + 1)
        ],
        "references": [{"paragraph": 1, "document": "untoc"}],
    }
    document.update(changes)
    return document


def conference_with_declaration(number: int, decisions: int = 3, status: str = "published", **changes) -> Declaration:
    data = read_declaration_json(declaration_document(number, decisions, **changes))
    return declaration_import(data=data, publish=status == "published")


def planned_conference(number: int, year: int) -> Conference:
    return Conference.objects.create(number=number, planned_year=year)


def conference_on(number: int, start: datetime.date, **fields) -> Conference:
    return Conference.objects.create(number=number, start_date=start, end_date=start, **fields)


def conference_with_decisions(number: int, texts: list[str], status: str = "published", **changes) -> Declaration:
    """Conference `number` whose decisions say `texts`, in order, each mandating the Technical Secretariat."""
    document = declaration_document(number, len(texts), **changes)
    for decision, text in zip(document["decisions"], texts, strict=True):
        decision["text"] = text
    return declaration_import(data=read_declaration_json(document), publish=status == "published")


# Conference 30's one decision in each language, as published_in_both_languages() leaves it.
DECISION_30_TEXTS = {"es": "Decide el punto 1.", "en": "Decide item 1 of conference 30."}


def published_in_both_languages(client, publisher) -> Declaration:
    """Conference 30 with one decision, published in English, then translated into Spanish and published
    through the staff screens by `publisher` (signed out again): its English declaration."""
    english = conference_with_declaration(30, decisions=1)
    client.force_login(publisher)
    client.post(
        f"/staff/translations/{english.outcome_id}/es/",
        {"title": "Conferencia 30", "decision-1": DECISION_30_TEXTS["es"]},
    )
    spanish = Declaration.objects.get(outcome=english.outcome, language="es")
    client.post(f"/staff/declarations/{spanish.pk}/publish/", {"revision": spanish.revision})
    client.logout()
    return english


def conference_form(**changes) -> dict:
    """The staff conference form for a new XXX conference, as an editor fills it, with `changes`."""
    data = {
        "body": vice_ministerial_body(), "number": 30, "kind": "ordinary", "mode": "in_person",
        "theme_en": "Migration and development",
        "theme_es": "", "host_country": "", "cities": "San José", "start_date": "2025-06-18",
        "end_date": "2025-06-19", "planned_year": "", "presidency_pro_tempore": "", "revision": 1,
        "participants-TOTAL_FORMS": 0, "participants-INITIAL_FORMS": 0,
    }  # fmt: skip
    return {**data, **changes}
