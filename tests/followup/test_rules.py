"""The rules of implementation statuses, and the overdue logic around dates."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from decisions.models import Decision, Link
from declarations.models import Conference
from followup.models import Mandate, StatusChange
from followup.selectors import due_before, open_mandates, overdue, upcoming_conference
from followup.services import status_change
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
        mandate = _decision().mandates.get()
        status_change(
            decision=_decision(), mandate=mandate, status="completed", date=_today(), reason="Done.", user=editor
        )
        mandate.refresh_from_db()
        assert mandate.status == "completed" and _decision().status == "pending"


class TestSeed:
    def test_the_xvii_decisions_have_the_mandates_their_text_states(self, seeded):
        group = _decision(5).mandates.get()
        assert group.body.slug == "ad-hoc-cuban-nationals-2012"
        assert sorted(c.code for c in group.body.members.all()) == ["CR", "DO", "GT", "HN", "MX", "NI", "PA", "SV"]
        coordinator = _decision(8).mandates.get()
        assert (coordinator.body.slug, coordinator.due_date) == ("technical-secretariat", datetime.date(2013, 7, 31))
        assert set(Mandate.objects.values_list("status", flat=True)) == {"pending"}
        assert _decision(5).status == "pending"


def _mandate(due_date=None, by_next=False, status="pending") -> Mandate:
    return Mandate.objects.create(
        decision=_decision(1),
        country=Country.objects.get(code="BZ"),
        task="Report",
        due_date=due_date,
        due_by_next_conference=by_next,
        status=status,
    )


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
        # XVII/2 is due by the XVIII, whose dates the seed does not know: not overdue, but listed as due.
        owed = open_mandates()
        xvii_2 = _decision(2).mandates.get()
        assert xvii_2 not in [o.mandate for o in overdue(owed, _today())]
        assert xvii_2 in [o.mandate for o in due_before(owed, _today(), None)]
        Conference.objects.filter(number=18).update(start_date=_today() - DAY, end_date=_today() - DAY)
        assert xvii_2 in [o.mandate for o in overdue(open_mandates(), _today())]

    def test_due_before_the_next_conference_stops_at_its_date(self, seeded):
        meeting = Conference.objects.create(number=40, start_date=_today() + 10 * DAY, end_date=_today() + 11 * DAY)
        soon, later = _mandate(_today() + 5 * DAY), _mandate(_today() + 30 * DAY)
        assert upcoming_conference(_today()) == meeting
        due = [o.mandate for o in due_before(open_mandates(), _today(), meeting)]
        assert soon in due and later not in due
