"""The one place that decides who may read and change what.

Roles are groups (rcm/roles.py): delegates read texts circulated to them; editors also read drafts
and edit everything not yet published; publishers also publish, unpublish and correct published
texts. The public, and any signed-in account without a role, read what is published. Every view,
export and feed starts from these querysets and checks, so nothing unpublished can leak through a page
that forgot to check, and the staff pages ask `require_editor` and `require_publisher`.

Reading. A declaration is one language's text of a conference, so a decision's text in a language is
readable only where that language's declaration is: with the English text published and the Spanish
one a draft, the public reads the English text of each decision and nothing of the Spanish. A paragraph
belongs to one declaration and follows it. Forgetting the rule is made hard in four ways:
- the decisions these functions hand out carry it: a decision with no readable text is not in them,
  and as they are fetched the texts in other languages are blanked (Decision.objects.readable_in),
  which filter(), order_by(), slicing, get() and prefetching keep; values() and values_list() of the
  texts raise, and SQL that reads a text uses decisions.models.readable_text;
- a decision reached through a link or a mention is fetched from these querysets too
  (declarations.selectors.decisions_with_details, decisions.selectors.links_to and decisions_naming),
  not with select_related, which would bring its texts unblanked (decisions.selectors.decision_chain
  does, for the citations it shows, and only those);
- search matches, ranks and cuts snippets from each language's own stored vector and text, and only
  where the decision's flag for that language is set (rcm.search), so no draft word finds a decision;
- tests/test_canary.py puts a marker word in every text field of drafts and circulated texts and
  requests every URL the resolver knows, in every format, as the public, a reader and a delegate: a
  view that reads around these functions shows a marker and fails it, and a URL added without a line
  in its table fails it too.
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
    """Decisions with a text in a language whose declaration this user may read; their other texts blank."""
    return Decision.objects.readable_in(readable_declarations(user))


# The lists, the search, the exports and the feeds show only what is published, to everyone: they are
# shared and cited (and cached), so they must read the same whoever asks.
def published_declarations() -> QuerySet[Declaration]:
    return Declaration.objects.filter(status=Declaration.Status.PUBLISHED)


def published_decisions() -> QuerySet[Decision]:
    """Decisions with a published text; their texts in unpublished languages blank."""
    return Decision.objects.readable_in(published_declarations())


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
