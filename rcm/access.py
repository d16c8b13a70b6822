"""The one place that decides who may read and change what.

Roles are groups (rcm/roles.py): delegates read texts circulated to them; editors also read drafts
and edit everything not yet published; publishers also publish, unpublish and correct published
texts. The public, and any signed-in account without a role, read what is published. Every view,
export and feed starts from these querysets and checks, so nothing unpublished can leak through a page
that forgot to check, and the staff pages ask `require_editor` and `require_publisher`.
"""

from functools import wraps

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from decisions.models import Decision
from declarations.models import Declaration, Paragraph

User = AbstractBaseUser | AnonymousUser


def can_read_drafts(user: User) -> bool:
    return user.has_perm("declarations.view_declaration")


def can_read_circulated(user: User) -> bool:
    return user.has_perm("declarations.view_circulated")


def can_edit(user: User) -> bool:
    """May use the staff pages: create and edit records and texts that are not yet published."""
    return user.has_perm("declarations.change_declaration")


def can_publish(user: User) -> bool:
    return user.has_perm("declarations.publish_declaration")


def can_edit_declaration(user: User, declaration: Declaration) -> bool:
    """A published text is corrected only by a publisher; other texts by any editor."""
    return can_publish(user) if declaration.is_published else can_edit(user)


def can_edit_conference_texts(user: User, conference) -> bool:
    """A conference's decisions and links are part of its texts: once one is published, publishers only."""
    if conference.declarations.filter(status=Declaration.Status.PUBLISHED).exists():
        return can_publish(user)
    return can_edit(user)


def readable_declarations(user: User) -> QuerySet[Declaration]:
    declarations = Declaration.objects.all()
    if can_read_drafts(user):
        return declarations
    if can_read_circulated(user):
        return declarations.exclude(status=Declaration.Status.DRAFT)
    return published_declarations()


def readable_decisions(user: User) -> QuerySet[Decision]:
    """Decisions of conferences with at least one declaration this user may read."""
    return Decision.objects.filter(conference__in=readable_declarations(user).values("conference"))


# The lists, the search, the exports and the feeds show only what is published, to everyone: they are
# shared and cited (and cached), so they must read the same whoever asks.
def published_declarations() -> QuerySet[Declaration]:
    return Declaration.objects.filter(status=Declaration.Status.PUBLISHED)


def published_decisions() -> QuerySet[Decision]:
    return Decision.objects.filter(conference__in=published_declarations().values("conference"))


def published_paragraphs() -> QuerySet[Paragraph]:
    return Paragraph.objects.filter(declaration__status=Declaration.Status.PUBLISHED)


def _require(check):
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not check(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


require_editor = _require(can_edit)
require_publisher = _require(can_publish)
