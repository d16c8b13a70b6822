"""The one place that decides who may read and change what.

Roles are groups (declarations/roles.py) granted exactly the permissions named in PERMISSIONS below, and
nothing else is ever checked: delegates read texts circulated to them; editors also read drafts and
edit everything not yet published; publishers also publish, unpublish and correct published texts.
The public, and any signed-in account without a role, read what is published. The staff pages ask
`require_editor` and `require_publisher`, and `locked_for` before they show or take a form: each
refusal says why in words for the person refused (`refusal_for_role`, `why_may_not_change`), which the
403 page and a read-only form's note show them.

Reading. A declaration is one language's text of a conference, so a decision's text in a language is
readable only where that language's declaration is: with the English text published and the Spanish
one a draft, the public reads the English text of each decision and nothing of the Spanish. A paragraph
belongs to one declaration and follows it. Forgetting the rule is made hard in four ways:
- the decisions handed out by readable_declarations' counterparts in decisions.selectors
  (readable_decisions, published_decisions) carry it: a decision with no readable text is not in them,
  and as they are fetched the texts in other languages are blanked (Decision.objects.readable_in),
  which filter(), order_by(), slicing, get() and prefetching keep; values() and values_list() of the
  texts raise, and SQL that reads a text uses decisions.models.readable_text;
- a decision reached through a link or a mention is fetched from these querysets too
  (decisions.selectors.decisions_with_details, decisions.selectors.links_to and decisions_naming),
  not with select_related, which would bring its texts unblanked (decisions.selectors.decision_chain
  does, for the citations it shows, and only those);
- search matches, ranks and cuts snippets from each language's own stored vector and text, and only
  where the decision's flag for that language is set (decisions.search), so no draft word finds a decision;
- tests/test_canary.py puts a marker word in every text field of drafts and circulated texts and
  requests every URL the resolver knows, in every format, as the public, a reader and a delegate: a
  view that reads around these functions shows a marker and fails it, and a URL added without a line
  in its table fails it too.

Changing. `check_archive_write` guards every save and delete of the records that make up a text
(conference, participants, declaration, paragraphs, decisions, who they name, links). It runs from
the models' pre_save, pre_delete and m2m_changed signals (connected by `guard`, from each app's
AppConfig.ready), so no path can forget it: a staff form, a restore, an import, the follow-up
screens, the admin, a management command and the shell all pass through it. It asks who is acting
(`acting_as`, set for every request by rcm.front.middleware.ActingUserMiddleware and by the
commands), fails closed when nobody is, refuses any change to a published text by anyone but a
publisher, and marks the text "corrected on" when a publisher does change it. Writes that bypass
signals (QuerySet.update, bulk_create) stay inside services that check first, and a test crawls
every staff path with an editor (tests/declarations/test_write_gate.py).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.db.models.signals import m2m_changed, pre_delete, pre_save
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from declarations.models import Declaration, Paragraph

User = AbstractBaseUser | AnonymousUser

# Every permission this module checks, and so the only ones the roles are granted (declarations/roles.py).
READ_CIRCULATED = "declarations.view_circulated"
READ_DRAFTS = "declarations.view_declaration"
EDIT = "declarations.change_declaration"
PUBLISH = "declarations.publish_declaration"
PERMISSIONS = [READ_CIRCULATED, READ_DRAFTS, EDIT, PUBLISH]


def can_read_drafts(user: User) -> bool:
    return user.has_perm(READ_DRAFTS)


def can_read_circulated(user: User) -> bool:
    return user.has_perm(READ_CIRCULATED)


def can_edit(user: User) -> bool:
    """May use the staff pages: create and edit records and texts that are not yet published."""
    return user.has_perm(EDIT)


def can_publish(user: User) -> bool:
    return user.has_perm(PUBLISH)


def may_change(user: User, record: Model) -> bool:
    """Whether `user` may change `record` (`why_may_not_change` says why not): what check_archive_write
    enforces when it is saved."""
    return not why_may_not_change(user, record)


def why_may_not_change(user: User, record: Model, fields: set[str] | None = None) -> str:
    """Why `user` may not change `record` (these of its fields, all by default), in words for them, and who
    can; "" when they may.

    The staff screens show it above a read-only form, and refuse a POST with it (`locked_for`).
    """
    if not can_edit(user):
        return refusal_for_role(user)
    if can_publish(user):
        return ""
    texts = published_texts_of(record, fields)
    if not texts:
        return ""
    names = [str(text) for text in Declaration.objects.filter(pk__in=texts).select_related("conference", "outcome")]
    return ngettext(
        "The %(texts)s is published: only a publisher may change it, and readers then see that it was "
        "corrected. Ask a publisher to correct it, or to unpublish it so that it can be edited as a draft again.",
        "The %(texts)s are published: only a publisher may change them, and readers then see that they were "
        "corrected. Ask a publisher to correct them, or to unpublish them so that they can be edited as drafts "
        "again.",
        len(names),
    ) % {"texts": get_text_list(names, _("and"))}


def locked_for(request, record: Model) -> str:
    """A staff screen's question before it shows or takes a form that changes `record`: why its user may
    not change it ("" when they may), for the page to show the form read-only with that reason. A POST
    that comes all the same (a page opened before the text was published) is refused with it, before
    anything is written; the refusal page (rcm.front.errors.permission_denied) shows back what was typed.
    """
    reason = why_may_not_change(request.user, record)
    if reason and request.method == "POST":
        raise PermissionDenied(reason)
    return reason


def refusal_for_role(user: User) -> str:
    """Why `user`'s account may not use the staff pages, or may not publish, in words for them."""
    if can_edit(user):
        return _(
            "Your account (editor) may edit what is not yet published, but only a publisher may publish, "
            "unpublish or correct a published text."
        )
    if can_read_circulated(user):
        return _(
            "Your account (delegate) may read the drafts circulated to delegates, but not edit them: the staff "
            "pages are for the Technical Secretariat."
        )
    return _(
        "Your account has no role in the archive: it reads what is published, as everyone does. The staff pages "
        "are for the Technical Secretariat; ask it for a role if you need one."
    )


def user_may(request) -> dict:
    """The template context's `may`: which staff links and buttons to show (a context processor)."""
    user = request.user
    return {"may": {"edit": can_edit(user), "publish": can_publish(user), "read_circulated": can_read_circulated(user)}}


def readable_declarations(user: User) -> QuerySet[Declaration]:
    declarations = Declaration.objects.all()
    if can_read_drafts(user):
        return declarations
    if can_read_circulated(user):
        return declarations.exclude(status=Declaration.Status.DRAFT)
    return published_declarations()


# The lists, the search, the exports and the feeds show only what is published, to everyone: they are
# shared and cited (and cached), so they must read the same whoever asks.
def published_declarations() -> QuerySet[Declaration]:
    return Declaration.objects.filter(status=Declaration.Status.PUBLISHED)


def published_paragraphs() -> QuerySet[Paragraph]:
    return Paragraph.objects.filter(declaration__status=Declaration.Status.PUBLISHED)


def _require(check):
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not check(request.user):
                raise PermissionDenied(refusal_for_role(request.user))
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


require_editor = _require(can_edit)
require_publisher = _require(can_publish)


# Changing what is published ------------------------------------------------------------------------


class System:
    """The project's own code loading records as adopted: the seed and generated test data."""

    def __str__(self) -> str:
        return "the system"


SYSTEM = System()
_acting: ContextVar[User | System | None] = ContextVar("acting", default=None)


@contextmanager
def acting_as(actor: User | System | None) -> Iterator[None]:
    """Every write inside is made by `actor`: a user, SYSTEM, or None (nobody: published texts are refused)."""
    token = _acting.set(actor)
    try:
        yield
    finally:
        _acting.reset(token)


class PublishedTextLocked(PermissionDenied):
    """A change to a published text by someone who is not a publisher; nothing was written.

    `reason` is the clause that says so ("it adds decision RCM XVII/50 to a published text: ..."), for
    messages that begin with their own words ("Nothing was created: ...").
    """

    def __init__(self, reason: str) -> None:
        super().__init__(f"{reason[0].upper()}{reason[1:]}.")
        self.reason = reason


# Fields that are not part of the text: bookkeeping, and a decision's implementation status, which the
# follow-up records after publication.
# (A declaration's own status is publishing, which check_archive_write treats apart.)
_NOT_TEXT = {
    "revision", "updated_at", "created_at", "corrected_at", "status", "status_date",
    "search_vector", "search_vector_en", "search_vector_es", "has_text_en", "has_text_es",
}  # fmt: skip
# Fields of a text in one language: changing them changes only that language's text.
_IN_LANGUAGE = {
    "theme_en": "en", "theme_es": "es", "text_en": "en", "text_es": "es", "section_en": "en", "section_es": "es",
}  # fmt: skip


def _published(conference_ids: set[int], languages: set[str] | None = None) -> set[int]:
    declarations = Declaration.objects.filter(
        conference__in=[pk for pk in conference_ids if pk], status=Declaration.Status.PUBLISHED
    )
    if languages is not None:
        declarations = declarations.filter(language__in=languages)
    return set(declarations.values_list("pk", flat=True))


def published_texts_of(record: Model, changed: set[str] | None = None) -> set[int]:
    """The published declarations that writing these fields of `record` (all of them by default) changes."""
    if isinstance(record, Declaration):
        return {record.pk} if record.pk and record.is_published else set()
    if isinstance(record, Paragraph):
        return _published_declarations_by_id({record.declaration_id})
    if not hasattr(record, "text_conference_ids"):  # not part of a text: a state, a topic, a mandate...
        return set()
    languages = None
    if changed is not None and changed and all(name in _IN_LANGUAGE for name in changed):
        languages = {_IN_LANGUAGE[name] for name in changed}
    return _published(record.text_conference_ids(), languages)


def _published_declarations_by_id(ids: set[int]) -> set[int]:
    return set(Declaration.objects.filter(pk__in=ids, status=Declaration.Status.PUBLISHED).values_list("pk", flat=True))


def _changed_fields(record: Model, stored: Model) -> set[str]:
    return {
        field.attname
        for field in record._meta.concrete_fields
        if field.attname not in _NOT_TEXT and getattr(record, field.attname) != getattr(stored, field.attname)
    }


def check_archive_write(record: Model, *, deleting: bool = False) -> None:
    """Refuse a change to a published text unless a publisher makes it; mark the text corrected when one does.

    Changing a declaration's status to or from published is publishing, for publishers only too; it
    is not a correction. Raises PublishedTextLocked, so the transaction around the write is undone.
    """
    if getattr(record, "fetched_for_reading", False):
        # Saving it would erase the texts its reader could not see.
        raise ValueError(f"{record} was fetched for reading, its hidden texts blanked: fetch it with Decision.objects")
    actor = _acting.get()
    stored = record if deleting else type(record).objects.filter(pk=record.pk).first() if record.pk else None
    if isinstance(record, Declaration):
        was_published = stored is not None and stored.is_published
        if was_published != (record.is_published and not deleting) and not _may_publish(actor):
            raise PublishedTextLocked(_("only a publisher may publish or unpublish the %(text)s") % {"text": record})
        touched = {stored.pk} if was_published and _changed_fields(record, stored) else set()
    else:
        changed = None if deleting or stored is None else _changed_fields(record, stored)
        if changed == set():
            return
        touched = published_texts_of(record, changed)
        if stored is not None and stored is not record:  # moved to another conference or text
            touched |= published_texts_of(stored, changed)
    _settle(record, touched, "removes" if deleting else "changes" if stored is not None else "adds")


def check_whole_record(record: Model) -> None:
    """check_archive_write for a change to any part of `record`: for the writes that bypass signals."""
    _settle(record, published_texts_of(record), "changes")


# Why a change to a published text is refused, by what the change does to it.
LOCKED = {
    "adds": gettext_lazy(
        "this adds %(part)s, part of a published text: only a publisher may do that, "
        "and readers then see that the text was corrected"
    ),
    "changes": gettext_lazy(
        "this changes %(part)s, part of a published text: only a publisher may do that, "
        "and readers then see that the text was corrected"
    ),
    "removes": gettext_lazy(
        "this removes %(part)s, part of a published text: only a publisher may do that, "
        "and readers then see that the text was corrected"
    ),
}


def _settle(record: Model, touched: set[int], change: str) -> None:
    """Refuse, or let through and mark corrected, a write to `record` that changes the `touched` published texts."""
    actor = _acting.get()
    if not touched:
        return
    if not _may_publish(actor):
        raise PublishedTextLocked(LOCKED[change] % {"part": record.text_part})
    if actor is SYSTEM:  # the seed loads texts as adopted: nothing to correct
        return
    now = timezone.now()
    if isinstance(record, Declaration):
        record.corrected_at = now
    else:
        Declaration.objects.filter(pk__in=touched).update(corrected_at=now)


def _may_publish(actor: User | System | None) -> bool:
    return actor is SYSTEM or (actor is not None and can_publish(actor))


def _guard_save(sender, instance, raw=False, **kwargs) -> None:
    if not raw:  # loaddata writes fixtures as they are
        check_archive_write(instance)


def _guard_delete(sender, instance, **kwargs) -> None:
    check_archive_write(instance, deleting=True)


def _guard_references(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    """A paragraph's references to documents are part of its text."""
    if action not in ("pre_add", "pre_remove", "pre_clear"):
        return
    paragraphs = Paragraph.objects.filter(pk__in=pk_set or []) if reverse else [instance]
    for paragraph in paragraphs:
        check_whole_record(paragraph)


def guard(*models: type[Model]) -> None:
    """Connect the write gate to these records of a text (each app guards its own, from its AppConfig.ready).

    Each of them says which conferences' texts it is part of (`text_conference_ids()`) and what part it
    is, in the staff pages' words (`text_part`); a declaration and its paragraphs say it through the
    declaration.
    """
    for model in models:
        pre_save.connect(_guard_save, sender=model, dispatch_uid=f"guard-{model._meta.label}-save")
        pre_delete.connect(_guard_delete, sender=model, dispatch_uid=f"guard-{model._meta.label}-delete")
        if model is Paragraph:
            m2m_changed.connect(_guard_references, sender=Paragraph.documents.through, dispatch_uid="guard-references")
