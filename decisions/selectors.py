"""Queries that fetch decisions for reading: the rule of what each reader may read (declarations.access)
applied to decisions, the lists, and a decision's chain of links, each in a fixed number of queries."""

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import F, Prefetch, Q, QuerySet

from decisions.models import Decision, Link, Mention, Topic
from declarations.access import User, published_declarations, readable_declarations
from declarations.models import Conference
from rcm.base.models import ORGANIZATION, STATE, ActorKind, Body, Country, ExternalDocument, Organization, actor_kind_of
from rcm.lib.citations import VICE_MINISTERIAL, DecisionCitation


def readable_decisions(user: User) -> QuerySet[Decision]:
    """Decisions with a text in a language whose declaration this user may read; their other texts blank."""
    return Decision.objects.readable_in(readable_declarations(user))


def published_decisions() -> QuerySet[Decision]:
    """Decisions with a published text; their texts in unpublished languages blank."""
    return Decision.objects.readable_in(published_declarations())


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
    linked = readable.select_related("conference__body", "outcome")
    return readable.select_related("conference__body", "outcome").prefetch_related(
        _mentions_in_order(),
        Prefetch(
            "links_out",
            queryset=Link.objects.filter(Q(target_decision__isnull=True) | Q(target_decision__in=readable))
            .select_related("target_conference__body", "target_document")
            .order_by("id"),
            to_attr="outgoing_links",
        ),
        Prefetch("outgoing_links__target_decision", queryset=linked),
        Prefetch(
            "links_in", queryset=Link.objects.filter(source__in=readable).order_by("id"), to_attr="incoming_links"
        ),
        Prefetch("incoming_links__source", queryset=linked),
    )


def _mentions_in_order() -> Prefetch:
    """Each decision's mentions as `ordered_mentions`, in Mention's order without its first key: the decision's
    own order is the same for all of one decision's mentions, and sorting by it joined four more tables, which
    took the database longer to plan than to run (docs/search.md, "The filter page, one request")."""
    return Prefetch(
        "mentions",
        queryset=Mention.objects.select_related(*Mention.actor_fields()).order_by("role", "id"),
        to_attr="ordered_mentions",
    )


def mention_index(decisions: list[Decision]) -> dict[str, list[tuple[Country | Organization, list[Decision]]]]:
    """The states and the organizations that `decisions` mandate or mention, A to Z, each with its decisions.

    Works on decisions fetched by decisions_for_reading, whose mentions are already loaded.
    """
    named: dict[ActorKind, dict[Country | Organization, list[Decision]]] = {STATE: {}, ORGANIZATION: {}}
    for decision in decisions:
        for mention in decision.ordered_mentions:
            if mention.actor_kind in named:
                named[mention.actor_kind].setdefault(mention.actor, []).append(decision)
    # A state by its name, an organization by its acronym: what each shows as.
    return {kind.plural: sorted(actors.items(), key=lambda item: str(item[0])) for kind, actors in named.items()}


# The links that carry a decision forward in time; "refers to" and "recalls" only cite, and would tie
# most of the archive into one chain.
CHAIN_KINDS = [Link.Kind.FOLLOWS_UP_ON, Link.Kind.AMENDS, Link.Kind.SUPERSEDES, Link.Kind.RENEWS, Link.Kind.IMPLEMENTS]
# How many links away from the decision a chain is followed, each way.
CHAIN_DEPTH = 20


# The stored search vectors of a decision and of its conference: the database reads them, a page never does,
# and each is as long as its text, so lists leave them out.
UNREAD_VECTORS = ("search_vector_en", "search_vector_es", "conference__search_vector")


def decisions_for_listing(decisions: QuerySet[Decision]) -> QuerySet[Decision]:
    """With their conference, topics and who they mandate or mention: what a row of a list shows."""
    listed = decisions.select_related("conference__body", "outcome").defer(*UNREAD_VECTORS)
    return listed.prefetch_related(
        Prefetch("topics", queryset=Topic.objects.order_by("name_en")),
        _mentions_in_order(),
    )


def page_of_ids(decisions: QuerySet[Decision], number: str | None, size: int) -> Page:
    """Page `number` of `decisions`, its object_list their ids, found with only the joins that filter and sort.

    The rows are fetched apart, by id (listed_by_id), when they are not kept already: one query that
    filtered, sorted and fetched with every join of the rows took PostgreSQL longer to plan than the two
    take to run (docs/search.md, "The filter page, one request").
    """
    page = Paginator(decisions.values_list("pk", flat=True), size).get_page(number)
    page.object_list = list(page.object_list)
    return page


def listed_by_id(readable: QuerySet[Decision], ids: list[int]) -> list[Decision]:
    """The decisions of `ids` from `readable`, which blanks their texts as it should, as decisions_for_listing
    fetches them, in the order of `ids`. A decision unpublished since its id was found is left out."""
    fetched = {decision.pk: decision for decision in decisions_for_listing(readable.filter(pk__in=ids).order_by())}
    return [fetched[pk] for pk in ids if pk in fetched]


def links_to(target: Conference | ExternalDocument, readable: QuerySet[Decision], *order: str) -> list[Link]:
    """The links to a conference or a document from the decisions of `readable`, in one query.

    Read from the decisions' side, so that each link's source is a readable decision, its texts blank
    where they may not be read; `order` sorts the decisions ("-conference__start_date", "number").
    """
    field = "target_conference" if isinstance(target, Conference) else "target_document"
    sources = (
        readable.filter(**{f"links_out__{field}": target})
        .annotate(link_kind=F("links_out__kind"))
        .select_related("conference__body", "outcome")
        .order_by(*order)
    )
    return [Link(source=source, kind=source.link_kind, **{field: target}) for source in sources]


def decisions_naming(readable: QuerySet[Decision], actor: Country | Organization | Body) -> dict[str, list[Decision]]:
    """The decisions of `readable` that mandate or mention `actor` (a state, an organization or a body),
    newest first, by role: each a readable decision, its texts blank where they may not be read."""
    decisions = (
        readable.filter(**{f"mentions__{actor_kind_of(actor).field}": actor})
        .annotate(role=F("mentions__role"))
        .select_related("conference__body", "outcome")
        .order_by("-conference__start_date", "conference__number", "number")
    )
    roles: dict[str, list[Decision]] = {Mention.Role.MANDATED: [], Mention.Role.MENTIONED: []}
    for decision in decisions:
        roles[decision.role].append(decision)
    return roles


def decision_chain(decision: Decision, user: User) -> list[Link]:
    """Every link of the chain `decision` belongs to, both ways, between decisions this user may read.

    XVIII/3 follows up on XVII/2, which renews XVI/4...: one recursive query finds the decisions,
    walking only through readable ones, so a draft never joins two published decisions; a second
    fetches the links between them, oldest first.
    """
    readable_sql, readable_params = readable_decisions(user).order_by().values("pk").query.sql_with_params()
    link_table = Link._meta.db_table
    decision_table = Decision._meta.db_table
    kinds = ", ".join(["%s"] * len(CHAIN_KINDS))
    # UNION (not UNION ALL) drops repeated rows, and the depth bounds a cycle.
    sql = f"""
        WITH RECURSIVE readable(id) AS ({readable_sql}),
        chain(id, depth) AS (
            SELECT id, 0 FROM {decision_table} WHERE id = %s
            UNION
            SELECT CASE WHEN link.source_id = chain.id THEN link.target_decision_id ELSE link.source_id END,
                   chain.depth + 1
            FROM chain
            JOIN {link_table} link ON link.source_id = chain.id OR link.target_decision_id = chain.id
            WHERE chain.depth < %s AND link.kind IN ({kinds})
              AND link.source_id IN (SELECT id FROM readable)
              AND link.target_decision_id IN (SELECT id FROM readable)
        )
        SELECT DISTINCT id FROM chain
    """  # noqa: S608 -- the interpolated parts are Django's own SQL and table name; values are parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, [*readable_params, decision.pk, CHAIN_DEPTH, *CHAIN_KINDS])
        ids = [row[0] for row in cursor.fetchall()]
    if len(ids) < 2:
        return []
    # For their citations only: decisions fetched this way carry every text, readable or not (declarations.access).
    links = Link.objects.filter(kind__in=CHAIN_KINDS, source__in=ids, target_decision__in=ids).select_related(
        "source__conference__body", "source__outcome", "target_decision__conference__body", "target_decision__outcome"
    )
    # Oldest first, by the earlier decision of each link (the one followed up, renewed...), then the later one;
    # by year in Python: a planned conference has only a year, and databases sort a missing date apart.
    return sorted(links, key=lambda link: (*_chain_place(link.target_decision), *_chain_place(link.source), link.id))


def _chain_place(decision: Decision) -> tuple[int, int, int]:
    conference = decision.conference
    return (conference.year or 0, conference.number or 0, decision.number)


def cited_decision(citation: DecisionCitation, decisions: QuerySet[Decision] | None = None) -> Decision | None:
    """The decision a citation names, in either language ("RCM XVII/5", "GRCM 2012-06-19/4"), if stored."""
    decisions = Decision.objects.all() if decisions is None else decisions
    if citation.is_conference:
        body = Q(conference__body__slug=VICE_MINISTERIAL)
    else:
        body = Q(conference__body__acronym=citation.code) | Q(conference__body__acronym_es=citation.code)
    if citation.number is None:
        meeting = Q(conference__number__isnull=True, conference__start_date=citation.start_date)
    else:
        meeting = Q(conference__number=citation.number)
    principal = Q(outcome__position=1)
    if citation.document is None:
        document = principal
    else:
        document = Q(outcome__kind=citation.document, outcome__ordinal=citation.ordinal) & ~principal
    candidates = decisions.filter(body, meeting, document, conference__kind=citation.kind, number=citation.decision)
    return candidates.select_related("conference__body", "outcome").first()
