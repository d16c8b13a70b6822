"""Writes of decisions with their mentions and links, each in one transaction.

Who may change a published decision, and its "corrected on" mark, is declarations.access's write gate."""

from django.db import transaction

from decisions.models import Decision, Link, Mention
from rcm.base.services import revision_save


@transaction.atomic
def decision_save(*, decision: Decision, revision: int | None, mandated: dict, mentioned: dict) -> None:
    """Create (revision None) or update a decision, and make its mentions exactly those given.

    `mandated` and `mentioned` map "country", "body" and "organization" to lists of records.
    """
    if revision is None:
        decision.save()
    else:
        revision_save(decision, revision=revision)
    wanted = {
        (attribute, actor.pk): role
        for role, actors in ((Mention.Role.MANDATED, mandated), (Mention.Role.MENTIONED, mentioned))
        for attribute, records in actors.items()
        for actor in records
    }
    for mention in decision.mentions.all():
        key = next(
            (attribute, getattr(mention, f"{attribute}_id"))
            for attribute in ("country", "body", "organization")
            if getattr(mention, f"{attribute}_id")
        )
        role = wanted.pop(key, None)
        if role is None:
            mention.delete()
        elif role != mention.role:
            mention.role = role
            mention.save()
    for (attribute, pk), role in wanted.items():
        Mention.objects.create(decision=decision, role=role, **{f"{attribute}_id": pk})


@transaction.atomic
def link_add(*, link: Link) -> None:
    link.save()


@transaction.atomic
def link_remove(*, link: Link) -> None:
    link.delete()
