"""A decision's staff page: whom it mandates are its mandates, created and removed with them in one save."""

import datetime

import lxml.html
import pytest
from django.urls import reverse

from decisions.models import Decision, Mention
from followup.models import FollowUpAction, Mandate, StatusChange
from followup.services import status_change
from rcm.base.models import Body, Country
from tests.factories import conference_with_declaration


@pytest.fixture
def draft_decision(seeded) -> Decision:
    """XXX/1, of a draft text an editor may change: it mandates the Technical Secretariat (test data)."""
    return conference_with_declaration(30, decisions=1, status="draft").conference.decisions.get()


def _form(client, decision: Decision, **changes) -> dict:
    """The decision's form as its page fills it, with `changes` made."""
    url = reverse("staff_decision_edit", args=[decision.pk])
    form = next(f for f in lxml.html.fromstring(client.get(url).content).forms if "text_en" in f.fields)
    data: dict[str, list[str]] = {}
    for name, value in form.form_values():
        data.setdefault(name, []).append(value)
    data.update({name: value if isinstance(value, list) else [value] for name, value in changes.items()})
    return data


def _post(client, decision: Decision, **changes):
    url = reverse("staff_decision_edit", args=[decision.pk])
    return client.post(url, _form(client, decision, **changes))


def _mandated(decision: Decision) -> set[str]:
    return {str(mandate.actor) for mandate in Mandate.objects.filter(mention__decision=decision)}


def test_it_gives_a_newly_mandated_actor_a_mandate(client, editor, draft_decision):
    client.force_login(editor)
    mexico = Country.objects.get(code="MX")
    _post(client, draft_decision, mandated_states=[str(mexico.pk)])
    assert _mandated(draft_decision) == {"Technical Secretariat", "Mexico"}


def test_it_gives_a_new_decision_the_mandates_of_whom_it_mandates(client, editor, draft_decision):
    client.force_login(editor)
    secretariat = Body.objects.get(slug="technical-secretariat")
    client.post(
        reverse("staff_decision_new", args=[draft_decision.conference_id]),
        {"number": "2", "text_en": "Report on it (test data).", "mandated_bodies": [secretariat.pk], "revision": 1},
    )
    assert _mandated(Decision.objects.get(conference=draft_decision.conference, number=2)) == {"Technical Secretariat"}


def test_it_removes_the_mandate_of_an_actor_no_longer_mandated(client, editor, draft_decision):
    client.force_login(editor)
    _post(client, draft_decision, mandated_bodies=[])
    assert _mandated(draft_decision) == set() and not Mention.objects.filter(decision=draft_decision, role="mandated")


def test_it_keeps_the_mandate_of_an_actor_moved_to_mentioned_only_if_confirmed(client, editor, draft_decision):
    client.force_login(editor)
    secretariat = Body.objects.get(slug="technical-secretariat")
    _post(client, draft_decision, mandated_bodies=[], mentioned_bodies=[str(secretariat.pk)])
    assert _mandated(draft_decision) == set()
    assert Mention.objects.get(decision=draft_decision, body=secretariat).role == "mentioned"


def test_it_refuses_to_drop_a_followed_up_mandate_and_says_what_would_be_lost(client, editor, draft_decision):
    client.force_login(editor)
    mandate = Mandate.objects.get(mention__decision=draft_decision)
    status_change(
        decision=draft_decision, mandate=mandate, status="in_progress", date=datetime.date(2025, 1, 2), reason="Met."
        , user=editor
    )  # fmt: skip
    FollowUpAction.objects.create(
        decision=draft_decision,
        mandate=mandate,
        date=datetime.date(2025, 1, 3),
        description="Report sent",
        done_by="Secretariat",
        evidence_url="https://example.org/report",
    )
    response = _post(client, draft_decision, mandated_bodies=[], text_en="Decide it again (test data).")
    content = " ".join(response.content.decode().split())
    assert (
        "The mandate of Technical Secretariat has a follow-up: status “In progress”, 1 status change, "
        "1 action (1 with evidence)." in content
    )
    assert "Decide it again (test data)." in content  # what was typed, shown again
    draft_decision.refresh_from_db()
    assert (
        _mandated(draft_decision) == {"Technical Secretariat"}
        and draft_decision.text_en != "Decide it again (test data)."
    )


def test_it_drops_a_followed_up_mandate_once_confirmed_keeping_the_actions(client, editor, draft_decision):
    client.force_login(editor)
    mandate = Mandate.objects.get(mention__decision=draft_decision)
    status_change(
        decision=draft_decision, mandate=mandate, status="in_progress", date=datetime.date(2025, 1, 2), reason="Met."
        , user=editor
    )  # fmt: skip
    action = FollowUpAction.objects.create(
        decision=draft_decision, mandate=mandate, date=datetime.date(2025, 1, 3), description="Sent", done_by="ST"
    )
    _post(client, draft_decision, mandated_bodies=[], discard_followup="on")
    assert _mandated(draft_decision) == set() and not StatusChange.objects.filter(mandate=mandate.pk).exists()
    action.refresh_from_db()
    assert action.decision == draft_decision and action.mandate is None


def test_a_deadline_on_the_decision_is_the_mandates_due_date(client, editor, draft_decision):
    client.force_login(editor)
    Mandate.objects.filter(mention__decision=draft_decision).update(due_by_next_conference=True)
    _post(client, draft_decision, deadline="2026-06-30")
    mandate = Mandate.objects.get(mention__decision=draft_decision)
    assert not mandate.due_by_next_conference and mandate.due(None) == datetime.date(2026, 6, 30)
