"""Queries for the follow-up pages: what is owed, by whom and by when, in a fixed number of queries."""

import datetime
import operator
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import reduce

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import pgettext_lazy

from decisions.models import Decision, Mention
from declarations.models import Conference
from followup.models import OPEN_STATUSES, FollowUpAction, Mandate, Status

NOT_ASSESSED = "not_assessed"
STATUS_ORDER = [*Status.values, NOT_ASSESSED]
STATUS_LABELS = {**dict(Status.choices), NOT_ASSESSED: pgettext_lazy("implementation status", "Not assessed")}


# What a mandate is shown with: its actor and decision (through its mention) and the conference it reports to.
MANDATE_RELATED = [
    *(f"mention__{field}" for field in Mention.actor_fields()),
    "mention__decision__conference__body",
    "mention__decision__outcome",
    "report_to",
]


@dataclass
class Owed:
    mandate: Mandate
    due: datetime.date | None
    # The conference it waits for, when the archive has it (with_conferences_waited_for).
    conference: Conference | None = None


def mandates_of(decision: Decision) -> QuerySet[Mandate]:
    return Mandate.objects.filter(mention__decision=decision).select_related(*MANDATE_RELATED)


def with_conferences_waited_for(mandates: Iterable[Mandate]) -> list[Mandate]:
    """`mandates`, each given its `conference_waited_for`, the one definition of "the next conference": for
    a mandate that waits for one (Mandate.waits_for_a_conference), the conference of the same body and kind
    as its decision's, numbered next, when the archive has it; None otherwise. One query, none when no
    mandate waits."""
    mandates = list(mandates)
    wanted = {
        mandate.pk: _next_key(mandate.decision.conference) for mandate in mandates if mandate.waits_for_a_conference
    }
    keys = {key for key in wanted.values() if key is not None}
    found = {}
    if keys:
        matching = reduce(operator.or_, (Q(body=body, kind=kind, number=number) for body, kind, number in keys))
        found = {(c.body_id, c.kind, c.number): c for c in Conference.objects.filter(matching).select_related("body")}
    for mandate in mandates:
        mandate.conference_waited_for = found.get(wanted.get(mandate.pk))
    return mandates


def _next_key(conference: Conference) -> tuple[int, str, int] | None:
    if conference.number is None:
        return None  # an unnumbered meeting has no "next"
    return conference.body_id, conference.kind, conference.number + 1


def name_conferences_waited_for(decisions: Iterable[Decision]) -> None:
    """Give the mandates of `decisions` (from decisions_with_followup) their `conference_waited_for`
    (with_conferences_waited_for), which followup/_mandates.html names."""
    with_conferences_waited_for(mention.mandate for decision in decisions for mention in decision.mandated_followed)


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
    """Every mandate still owed (pending or in progress), with its due date where one is known: its decision's
    deadline, or for one due by the next conference, that conference's date or, while it has none, the end
    of the year it is planned for."""
    mandates = with_conferences_waited_for(
        Mandate.objects.filter(status__in=OPEN_STATUSES).select_related(*MANDATE_RELATED)
    )
    return [
        Owed(mandate, mandate.due(mandate.conference_waited_for), mandate.conference_waited_for) for mandate in mandates
    ]


def overdue(owed: list[Owed], today: datetime.date) -> list[Owed]:
    return sorted((o for o in owed if o.due and o.due < today), key=lambda o: o.due)


def due_before(owed: list[Owed], today: datetime.date, conference: Conference | None) -> list[Owed]:
    """Owed from today until the next conference (all owed with a known date, when it has none), and those
    due by a conference the archive does not know yet."""
    limit = conference.start_date if conference else None
    return sorted(
        (
            o
            for o in owed
            if (o.due and o.due >= today and (limit is None or o.due <= limit))
            or (o.due is None and o.mandate.waits_for_a_conference)
        ),
        key=lambda o: (o.due is None, o.due or today),
    )


def decisions_with_followup(decisions: QuerySet[Decision]) -> QuerySet[Decision]:
    """`decisions` with their mandates (decision.mandated_followed: the mandated mentions, each with its
    mandate, the mandate's conference to report to and its actions) and their actions."""
    return decisions.select_related("conference__body", "outcome").prefetch_related(
        Prefetch(
            "mentions",
            queryset=Mention.objects.filter(role=Mention.Role.MANDATED, mandate__isnull=False)
            .select_related(*Mention.actor_fields(), "mandate__report_to")
            .prefetch_related(
                Prefetch(
                    "mandate__actions",
                    queryset=FollowUpAction.objects.order_by("-date", "-id"),
                    to_attr="ordered_actions",
                )
            )
            .order_by("id"),
            to_attr="mandated_followed",
        ),
        Prefetch("actions", queryset=FollowUpAction.objects.order_by("-date", "-id"), to_attr="ordered_actions"),
    )


def decisions_without_mandate() -> QuerySet[Decision]:
    """Decisions that mandate no one: no mandate follows them up."""
    mandated = Mention.objects.filter(decision=OuterRef("pk"), role=Mention.Role.MANDATED)
    return Decision.objects.filter(~Exists(mandated))


def status_counts(decisions) -> dict[str, int]:
    """How many decisions are in each status, every status listed (zeros included), in their fixed order."""
    counts = Counter(decision.status or NOT_ASSESSED for decision in decisions)
    return {status: counts.get(status, 0) for status in STATUS_ORDER}
