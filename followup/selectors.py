"""Queries for the follow-up pages: what is owed, by whom and by when, in a fixed number of queries."""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils.translation import pgettext_lazy

from decisions.models import Decision, Mention
from declarations.access import User
from declarations.models import Conference
from declarations.selectors import conferences_for_reading
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
    # The conference a mandate due by the next conference waits for, when the archive has it.
    conference: Conference | None = None


def mandates_of(decision: Decision) -> QuerySet[Mandate]:
    return Mandate.objects.filter(mention__decision=decision).select_related(*MANDATE_RELATED)


def next_conferences(conferences: list[Conference]) -> dict[int, Conference | None]:
    """For each conference's id, the conference of the same body and kind numbered next, when in the archive."""
    by_number = {(c.body_id, c.kind, c.number): c for c in Conference.objects.exclude(number=None)}
    return {
        c.id: by_number.get((c.body_id, c.kind, c.number + 1)) if c.number is not None else None for c in conferences
    }


def conference_waited_for(decisions: list[Decision], user: User) -> Conference | None:
    """The conference that mandates of `decisions` (of one conference, from decisions_with_followup) due by
    the next conference wait for, as `user` may read it: None when none waits, or the archive lacks it."""
    waiting = [d for d in decisions for m in d.mandated_followed if m.mandate.waits_for_a_conference]
    if not waiting or waiting[0].conference.number is None:
        return None
    conference = waiting[0].conference
    return (
        conferences_for_reading(user)
        .filter(body=conference.body_id, kind=conference.kind, number=conference.number + 1)
        .first()
    )


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
    mandates = list(Mandate.objects.filter(status__in=OPEN_STATUSES).select_related(*MANDATE_RELATED))
    following = next_conferences([m.decision.conference for m in mandates])
    owed = []
    for mandate in mandates:
        waited_for = following[mandate.decision.conference_id] if mandate.waits_for_a_conference else None
        owed.append(Owed(mandate, mandate.due(waited_for), waited_for))
    return owed


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
