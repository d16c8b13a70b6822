"""Queries that fetch a conference's records for reading, each in a fixed number of queries."""

from django.db.models import Exists, F, IntegerField, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce, ExtractYear
from django.http import Http404

from decisions.models import Decision, Link, Mention
from declarations.models import Conference, Declaration, Language, Participation
from rcm.access import User, readable_decisions, readable_declarations
from rcm.converters import ConferenceKey
from rcm.models import Country, ExternalDocument, Organization


def conferences_for_reading(user: User) -> QuerySet[Conference]:
    """Every conference, held or planned, newest first, marked with whether this user may read a declaration of it."""
    return (
        Conference.objects.select_related("host_country")
        .annotate(
            has_readable_declaration=Exists(readable_declarations(user).filter(conference=OuterRef("pk"))),
            sort_year=Coalesce(ExtractYear("start_date"), "planned_year", output_field=IntegerField()),
        )
        .order_by("-sort_year", F("start_date").desc(nulls_last=True), "-number")
    )


def get_conference_or_404(key: ConferenceKey, user: User) -> Conference:
    try:
        return (
            conferences_for_reading(user).select_related("presidency_pro_tempore").get(kind=key.kind, number=key.number)
        )
    except Conference.DoesNotExist:
        raise Http404("No such conference") from None


def participations_by_role(conference: Conference) -> dict[str, list[Participation]]:
    """The conference's participants grouped by role, roles in their fixed order, empty roles left out."""
    groups: dict[str, list[Participation]] = {role: [] for role in Participation.Role.values}
    for participation in conference.participations.select_related("country", "organization").order_by("position", "id"):
        groups[participation.role].append(participation)
    return {role: participations for role, participations in groups.items() if participations}


def with_paragraphs(declarations: QuerySet[Declaration]) -> QuerySet[Declaration]:
    """The declarations with their paragraphs in order (`ordered_paragraphs`), as the pages and the JSON show them."""
    return declarations.prefetch_related(
        Prefetch("paragraphs", to_attr="ordered_paragraphs"),
        Prefetch("ordered_paragraphs__documents", queryset=ExternalDocument.objects.order_by("slug")),
    )


def get_declaration_or_404(conference: Conference, language: str | None, user: User) -> Declaration:
    """The declaration in the language asked for or, with none asked for, the first readable one."""
    declarations = with_paragraphs(readable_declarations(user).filter(conference=conference))
    if language:
        declarations = declarations.filter(language=language)
    declaration = min(declarations, key=lambda d: (Language.values.index(d.language), not d.is_published), default=None)
    if declaration is None:
        raise Http404("No declaration to read")
    declaration.conference = conference  # Already fetched, with its host and presidency.
    return declaration


def decisions_for_reading(user: User) -> QuerySet[Decision]:
    """Readable decisions with who they mandate or mention and their links both ways.

    Links to or from records this user may not read are left out, so a draft never shows through
    the published decision that it cites.
    """
    return decisions_with_details(readable_decisions(user))


def decisions_with_details(readable: QuerySet[Decision]) -> QuerySet[Decision]:
    """The decisions with their mentions and links, leaving out links to or from decisions outside `readable`.

    The decisions at the other end of the links are fetched from `readable` too, so that their texts
    are blank where they may not be read (each a query of its own when there are links between decisions).
    """
    linked = readable.select_related("conference")
    return readable.select_related("conference").prefetch_related(
        Prefetch(
            "mentions",
            queryset=Mention.objects.select_related("country", "body", "organization"),
            to_attr="ordered_mentions",
        ),
        Prefetch(
            "links_out",
            queryset=Link.objects.filter(Q(target_decision__isnull=True) | Q(target_decision__in=readable))
            .select_related("target_conference", "target_document")
            .order_by("id"),
            to_attr="outgoing_links",
        ),
        Prefetch("outgoing_links__target_decision", queryset=linked),
        Prefetch(
            "links_in", queryset=Link.objects.filter(source__in=readable).order_by("id"), to_attr="incoming_links"
        ),
        Prefetch("incoming_links__source", queryset=linked),
    )


def mention_index(decisions: list[Decision]) -> dict[str, list[tuple[Country | Organization, list[Decision]]]]:
    """The states and the organizations that `decisions` mandate or mention, A to Z, each with its decisions.

    Works on decisions fetched by decisions_for_reading, whose mentions are already loaded.
    """
    states: dict[Country, list[Decision]] = {}
    organizations: dict[Organization, list[Decision]] = {}
    for decision in decisions:
        for mention in decision.ordered_mentions:
            if mention.country:
                states.setdefault(mention.country, []).append(decision)
            elif mention.organization:
                organizations.setdefault(mention.organization, []).append(decision)
    return {
        "states": sorted(states.items(), key=lambda item: item[0].name_en),
        "organizations": sorted(organizations.items(), key=lambda item: item[0].acronym),
    }
