"""The rules of implementation statuses, and the overdue logic around dates."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils import timezone

from decisions.models import Decision, Link
from declarations.models import Conference
from followup.models import Mandate, StatusChange
from followup.selectors import Owed, due_before, open_mandates, overdue, upcoming_conference
from followup.services import decision_mandates_save, status_change
from rcm.base.models import Country
from tests.factories import conference_with_declaration

DAY = datetime.timedelta(days=1)


def _today() -> datetime.date:
    # Read at each use, not once at import: a run that crosses midnight must not test yesterday's rules.
    return timezone.localdate()


def _decision(number: int = 5) -> Decision:
    return Decision.objects.get(conference__number=17, number=number)


class TestStatusRules:
    def test_a_change_records_who_when_and_why(self, seeded, editor):
        status_change(
            decision=_decision(), mandate=None, status="in_progress", date=_today(), reason="Group met.", user=editor
        )
        decision = _decision()
        change = StatusChange.objects.filter(decision=decision).first()
        assert (decision.status, decision.status_date) == ("in_progress", _today())
        assert (change.changed_by, change.reason) == (editor, "Group met.")

    def test_superseded_needs_a_superseding_link(self, seeded, editor):
        with pytest.raises(ValidationError, match="add that link first"):
            status_change(
                decision=_decision(), mandate=None, status="superseded", date=_today(), reason="x", user=editor
            )
        assert _decision().status == "pending"
        later = conference_with_declaration(30, decisions=1).conference.decisions.get()
        Link.objects.create(source=later, kind="supersedes", target_decision=_decision())
        status_change(decision=_decision(), mandate=None, status="superseded", date=_today(), reason="x", user=editor)
        assert _decision().status == "superseded"

    def test_completed_cannot_be_dated_in_the_future(self, seeded, editor):
        with pytest.raises(ValidationError, match="cannot be in the future"):
            status_change(
                decision=_decision(), mandate=None, status="completed", date=_today() + DAY, reason="x", user=editor
            )

    def test_a_mandate_has_its_own_status(self, seeded, editor):
        mandate = Mandate.objects.get(mention__decision=_decision())
        status_change(
            decision=_decision(), mandate=mandate, status="completed", date=_today(), reason="Done.", user=editor
        )
        mandate.refresh_from_db()
        assert mandate.status == "completed" and _decision().status == "pending"


class TestSeed:
    def test_the_xvii_decisions_have_the_mandates_their_text_states(self, seeded):
        group = Mandate.objects.get(mention__decision=_decision(5))
        assert group.actor.slug == "ad-hoc-cuban-nationals-2012"
        assert sorted(c.code for c in group.actor.members.all()) == ["CR", "DO", "GT", "HN", "MX", "NI", "PA", "SV"]
        coordinator = Mandate.objects.get(mention__decision=_decision(8))
        assert (coordinator.actor.slug, coordinator.due(None)) == ("technical-secretariat", datetime.date(2013, 7, 31))
        assert set(Mandate.objects.values_list("status", flat=True)) == {"pending"}
        assert _decision(5).status == "pending"


def _mandate(deadline=None, by_next=False, status="pending") -> Mandate:
    """The mandate of Belize by a new decision of the XVII (test data) with this deadline."""
    outcome = _decision(1).outcome
    decision = Decision.objects.create(
        outcome=outcome,
        number=outcome.decisions.aggregate(last=Max("number"))["last"] + 1,
        text_en="Report on it (test data).",
        deadline=deadline,
    )
    decision_mandates_save(
        decision=decision, revision=decision.revision, mandated=[Country.objects.get(code="BZ")], mentioned=[]
    )
    Mandate.objects.filter(mention__decision=decision).update(due_by_next_conference=by_next, status=status)
    return Mandate.objects.get(mention__decision=decision)


def _owed(mandate: Mandate) -> Owed:
    return next(owed for owed in open_mandates() if owed.mandate == mandate)


class TestOverdue:
    def test_past_due_is_overdue_and_today_is_not(self, seeded):
        late, today = _mandate(_today() - DAY), _mandate(_today())
        owed = open_mandates()
        assert late in [o.mandate for o in overdue(owed, _today())]
        assert today not in [o.mandate for o in overdue(owed, _today())]
        assert today in [o.mandate for o in due_before(owed, _today(), None)]

    def test_done_is_never_overdue(self, seeded):
        done = _mandate(_today() - DAY, status="completed")
        assert done not in [o.mandate for o in overdue(open_mandates(), _today())]

    def test_due_by_the_next_conference_follows_its_date(self, seeded):
        xvii_2 = Mandate.objects.get(mention__decision=_decision(2))  # due by the XVIII
        Conference.objects.filter(number=18).update(start_date=_today() + DAY, end_date=_today() + DAY)
        assert xvii_2 not in [o.mandate for o in overdue(open_mandates(), _today())]
        assert xvii_2 in [o.mandate for o in due_before(open_mandates(), _today(), None)]
        Conference.objects.filter(number=18).update(start_date=_today() - DAY, end_date=_today() - DAY)
        assert xvii_2 in [o.mandate for o in overdue(open_mandates(), _today())]

    def test_due_by_a_conference_planned_for_a_past_year_is_overdue(self, seeded):
        # The seed knows the XVIII only as planned for 2013.
        xvii_2 = Mandate.objects.get(mention__decision=_decision(2))
        assert _owed(xvii_2).conference.numeral == "XVIII"
        assert xvii_2 in [o.mandate for o in overdue(open_mandates(), _today())]

    def test_due_by_a_conference_planned_for_this_year_is_not_overdue_yet(self, seeded):
        xvii_2 = Mandate.objects.get(mention__decision=_decision(2))
        Conference.objects.filter(number=18).update(planned_year=_today().year)
        assert xvii_2 not in [o.mandate for o in overdue(open_mandates(), _today())]
        assert xvii_2 in [o.mandate for o in due_before(open_mandates(), _today(), None)]

    def test_the_decisions_deadline_comes_before_the_next_conference(self, seeded):
        mandate = _mandate(_today() + 30 * DAY, by_next=True)
        assert _owed(mandate).due == _today() + 30 * DAY and _owed(mandate).conference is None

    def test_due_before_the_next_conference_stops_at_its_date(self, seeded):
        meeting = Conference.objects.create(number=40, start_date=_today() + 10 * DAY, end_date=_today() + 11 * DAY)
        soon, later = _mandate(_today() + 5 * DAY), _mandate(_today() + 30 * DAY)
        assert upcoming_conference(_today()) == meeting
        due = [o.mandate for o in due_before(open_mandates(), _today(), meeting)]
        assert soon in due and later not in due
