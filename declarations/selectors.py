"""Queries that fetch a conference's records for reading, each in a fixed number of queries."""

from django.db.models import Exists, F, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce, ExtractYear
from django.http import Http404

from declarations.access import User, readable_declarations
from declarations.models import Conference, Declaration, Language, OutcomeDocument, Participation
from rcm.base.models import ExternalDocument
from rcm.lib.converters import MeetingKey, OutcomeKey


def conferences_for_reading(user: User) -> QuerySet[Conference]:
    """Every conference, held or planned, newest first, marked with whether this user may read a declaration of it."""
    return (
        Conference.objects.select_related("host_country", "body")
        .annotate(
            has_readable_declaration=Exists(readable_declarations(user).filter(conference=OuterRef("pk"))),
            readable_outcome_kind=Subquery(
                readable_declarations(user)
                .filter(conference=OuterRef("pk"))
                .order_by("outcome__position")
                .values("outcome__kind")[:1]
            ),
            sort_year=Coalesce(ExtractYear("start_date"), "planned_year", output_field=IntegerField()),
        )
        .order_by("-sort_year", F("start_date").desc(nulls_last=True), "-number")
    )


def identified_by(key: MeetingKey, meetings: QuerySet[Conference] | None = None) -> QuerySet[Conference]:
    """The meeting a key names (at most one): by its body, kind and number, or without a number by the
    day it opened."""
    meetings = Conference.objects.all() if meetings is None else meetings
    if key.number is None:
        meetings = meetings.filter(number__isnull=True, start_date=key.start_date)
    else:
        meetings = meetings.filter(number=key.number)
    return meetings.filter(body__slug=key.body, kind=key.kind)


def get_conference_or_404(key: MeetingKey, user: User) -> Conference:
    meetings = conferences_for_reading(user).select_related("presidency_pro_tempore").prefetch_related("outcomes")
    try:
        return identified_by(key, meetings).get()
    except Conference.DoesNotExist:
        raise Http404("No such meeting") from None


def get_outcome_or_404(conference: Conference, key: OutcomeKey | None) -> OutcomeDocument:
    """The meeting's document of that kind and ordinal; with no key, its principal one."""
    for outcome in conference.outcomes.all():
        if outcome.is_principal if key is None else (outcome.kind, outcome.ordinal) == key:
            outcome.conference = conference  # Already fetched, with its body, host and presidency.
            return outcome
    raise Http404("No such document")


def participations_by_role(conference: Conference) -> dict[Participation.Role, list[Participation]]:
    """The conference's participants grouped by role, roles in their fixed order, empty roles left out."""
    groups: dict[Participation.Role, list[Participation]] = {role: [] for role in Participation.Role}
    for participation in conference.participations.select_related(*Participation.actor_fields()).order_by(
        "position", "id"
    ):
        groups[participation.role].append(participation)
    return {role: participations for role, participations in groups.items() if participations}


def with_paragraphs(declarations: QuerySet[Declaration]) -> QuerySet[Declaration]:
    """The declarations with their paragraphs in order (`ordered_paragraphs`), as the pages and the JSON show them."""
    return declarations.prefetch_related(
        Prefetch("paragraphs", to_attr="ordered_paragraphs"),
        Prefetch("ordered_paragraphs__documents", queryset=ExternalDocument.objects.order_by("slug")),
    )


def get_declaration_or_404(
    outcome: OutcomeDocument, language: str | None, user: User, *, preferred: str | None = None
) -> Declaration:
    """The document's text in the language asked for or, with none asked for, the first readable one:
    in the `preferred` language (the reader's) when there is one, else in the other."""
    declarations = with_paragraphs(readable_declarations(user).filter(outcome=outcome))
    if language:
        declarations = declarations.filter(language=language)
    declaration = min(
        declarations,
        key=lambda d: (d.language != preferred, Language.values.index(d.language), not d.is_published),
        default=None,
    )
    if declaration is None:
        raise Http404("No declaration to read")
    declaration.outcome = outcome  # Already fetched, with its meeting, body, host and presidency.
    declaration.conference = outcome.conference
    return declaration
