"""Writes of decisions with their mentions and links, each in one transaction.

Who may change a published decision, and its "corrected on" mark, is declarations.access's write gate."""

from django.db import transaction

from decisions.models import Decision, Link, Mention
from rcm.base.models import Body, Country, Organization, actor_kind_of
from rcm.base.services import revision_save


@transaction.atomic
def decision_save(
    *,
    decision: Decision,
    revision: int | None,
    mandated: list[Country | Body | Organization],
    mentioned: list[Country | Body | Organization],
) -> None:
    """Create (revision None) or update a decision, and make its mentions exactly those given:
    the states, bodies and organizations it mandates and those it only mentions."""
    if revision is None:
        decision.save()
    else:
        revision_save(decision, revision=revision)
    # By kind and id, as a mention knows its actor without fetching it.
    wanted = {
        (actor_kind_of(actor), actor.pk): role
        for role, actors in ((Mention.Role.MANDATED, mandated), (Mention.Role.MENTIONED, mentioned))
        for actor in actors
    }
    for mention in decision.mentions.all():
        role = wanted.pop((mention.actor_kind, mention.actor_id), None)
        if role is None:
            mention.delete()
        elif role != mention.role:
            mention.role = role
            mention.save()
    for (kind, pk), role in wanted.items():
        Mention.objects.create(decision=decision, role=role, **{f"{kind.field}_id": pk})


@transaction.atomic
def link_add(*, link: Link) -> None:
    link.save()


@transaction.atomic
def link_remove(*, link: Link) -> None:
    link.delete()
