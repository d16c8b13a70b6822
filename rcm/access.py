"""The one place that decides who may read what.

The public and signed-in readers see published declarations, and the decisions of conferences that
have one. Staff with the right to view declarations also see drafts. Every view, export and feed
starts from these querysets, so nothing unpublished can leak through a page that forgot to check.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet

from decisions.models import Decision
from declarations.models import Declaration

User = AbstractBaseUser | AnonymousUser


def can_read_drafts(user: User) -> bool:
    return user.is_active and user.is_staff and user.has_perm("declarations.view_declaration")


def readable_declarations(user: User) -> QuerySet[Declaration]:
    declarations = Declaration.objects.all()
    if can_read_drafts(user):
        return declarations
    return declarations.filter(status=Declaration.Status.PUBLISHED)


def readable_decisions(user: User) -> QuerySet[Decision]:
    """Decisions of conferences with at least one declaration this user may read."""
    return Decision.objects.filter(conference__in=readable_declarations(user).values("conference"))


def readable_languages(user: User, conference_id: int) -> list[str]:
    return list(readable_declarations(user).filter(conference_id=conference_id).values_list("language", flat=True))
