"""Queries for the follow-up pages: what is owed, by whom and by when, in a fixed number of queries."""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils.translation import pgettext_lazy

from decisions.models import Decision
from declarations.models import Conference
from followup.models import OPEN_STATUSES, FollowUpAction, Mandate, Status

NOT_ASSESSED = "not_assessed"
STATUS_ORDER = [*Status.values, NOT_ASSESSED]
STATUS_LABELS = {**dict(Status.choices), NOT_ASSESSED: pgettext_lazy("implementation status", "Not assessed")}


@dataclass
class Owed:
    mandate: Mandate
    due: datetime.date | None


def next_conferences(conferences: list[Conference]) -> dict[int, Conference | None]:
    """For each conference's id, the conference of the same kind numbered next, when in the archive."""
    by_number = {(c.kind, c.number): c for c in Conference.objects.all()}
    return {c.id: by_number.get((c.kind, c.number + 1)) for c in conferences}


def upcoming_conference(today: datetime.date) -> Conference | None:
    """The next conference to meet: the first one dated today or later, else the first planned for a later year."""
    dated = Conference.objects.filter(start_date__gte=today).order_by("start_date").first()
    return (
        dated
        or Conference.objects.filter(start_date=None, planned_year__gte=today.year)
        .order_by("planned_year", "number")
        .first()
    )


def open_mandates() -> list[Owed]:
    """Every mandate still owed (pending or in progress), with its due date where one is known."""
    mandates = list(
        Mandate.objects.filter(status__in=OPEN_STATUSES).select_related(
            "decision__conference", *Mandate.actor_fields(), "report_to"
        )
    )
    following = next_conferences([m.decision.conference for m in mandates])
    return [Owed(m, m.due(following[m.decision.conference_id])) for m in mandates]


def overdue(owed: list[Owed], today: datetime.date) -> list[Owed]:
    return sorted((o for o in owed if o.due and o.due < today), key=lambda o: o.due)


def due_before(owed: list[Owed], today: datetime.date, conference: Conference | None) -> list[Owed]:
    """Owed from today until the next conference (all owed with a known date, when it has none)."""
    limit = conference.start_date if conference else None
    return sorted(
        (
            o
            for o in owed
            if (o.due and o.due >= today and (limit is None or o.due <= limit))
            or (o.due is None and o.mandate.due_by_next_conference)
        ),
        key=lambda o: (o.due is None, o.due or today),
    )


def decisions_with_followup(decisions: QuerySet[Decision]) -> QuerySet[Decision]:
    return decisions.select_related("conference__body", "outcome").prefetch_related(
        Prefetch(
            "mandates",
            queryset=Mandate.objects.select_related(*Mandate.actor_fields(), "report_to"),
            to_attr="ordered_mandates",
        ),
        Prefetch("actions", queryset=FollowUpAction.objects.order_by("-date", "-id"), to_attr="ordered_actions"),
    )


def status_counts(decisions) -> dict[str, int]:
    """How many decisions are in each status, every status listed (zeros included), in their fixed order."""
    counts = Counter(decision.status or NOT_ASSESSED for decision in decisions)
    return {status: counts.get(status, 0) for status in STATUS_ORDER}
