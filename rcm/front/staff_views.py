"""The Secretariat's dashboard, its screens for states, organizations and bodies, and history."""

import difflib
from itertools import chain

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from decisions.models import Decision, Link, Mention
from declarations.access import locked_for, require_editor, why_may_not_change
from declarations.models import Conference, Declaration, Paragraph, Participation
from rcm.base.forms import BodyForm, CountryForm, OrganizationForm
from rcm.base.models import ACTOR_KINDS, ACTOR_KINDS_BY_WORD, BODY, ORGANIZATION, STATE, Revisioned
from rcm.base.services import StaleEdit, revision_save
from rcm.lib.staff import conflict_response, posted_revision

RECENT = 15
HISTORY_LENGTH = 60


@require_editor
def dashboard(request: HttpRequest) -> HttpResponse:
    mine = Declaration.history.filter(history_user=request.user).values("id")
    declarations = Declaration.objects.select_related("conference__body", "outcome").order_by("-updated_at")
    recent = sorted(
        chain.from_iterable(
            model.history.select_related("history_user").order_by("-history_date")[:RECENT]
            for model in (Conference, Declaration, Paragraph, Decision, Link)
        ),
        key=lambda record: record.history_date,
        reverse=True,
    )[:RECENT]
    return render(
        request,
        "front/staff/dashboard.html",
        {
            "my_drafts": declarations.filter(status=Declaration.Status.DRAFT, id__in=mine),
            "waiting": declarations.filter(status=Declaration.Status.CIRCULATED),
            "recent": [(record, history_label(record), _history_kind(record.instance_type)) for record in recent],
        },
    )


# States, organizations and bodies: one list and one edit screen each. -------------------------------

# By the kind's word (rcm.base.models.ActorKind): its form, its title, and how its list is ordered.
REFERENCE = {
    STATE.word: (CountryForm, gettext_lazy("states"), "code"),
    ORGANIZATION.word: (OrganizationForm, gettext_lazy("organizations"), "acronym"),
    BODY.word: (BodyForm, gettext_lazy("RCM bodies"), "name_en"),
}


@require_editor
def reference_list(request: HttpRequest, kind: str) -> HttpResponse:
    _form_class, title, order = REFERENCE[kind]
    model = ACTOR_KINDS_BY_WORD[kind].model
    return render(
        request,
        "front/staff/reference_list.html",
        {"kind": kind, "title": title, "records": model.objects.order_by(order)},
    )


@require_editor
def reference_edit(request: HttpRequest, kind: str, pk: int | None = None) -> HttpResponse:
    form_class, title, _order = REFERENCE[kind]
    model = ACTOR_KINDS_BY_WORD[kind].model
    record = get_object_or_404(model, pk=pk) if pk else model()
    form = form_class(request.POST or None, instance=record)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                if pk:
                    revision_save(form.save(commit=False), revision=form.cleaned_data["revision"])
                    form.save_m2m()
                else:
                    form.save()
        except StaleEdit as stale:
            return conflict_response(request, form, stale.current)
        messages.success(request, _("Saved %(record)s.") % {"record": form.instance})
        return redirect(f"staff_{kind}_edit", form.instance.pk)
    return render(
        request,
        "front/staff/reference_edit.html",
        {"kind": kind, "title": title, "form": form, "record": record if pk else None},
    )


# History: every change, who made it and when, as a readable diff; any version can be restored. -----

HISTORY = {
    "conference": Conference,
    "declaration": Declaration,
    "paragraph": Paragraph,
    "decision": Decision,
    "link": Link,
    **{kind.word: kind.model for kind in ACTOR_KINDS},
}
# What each kind of record is called on the history pages.
KIND_LABELS = {
    "conference": pgettext_lazy("noun", "conference"),
    "declaration": gettext_lazy("declaration"),
    "paragraph": gettext_lazy("paragraph"),
    "decision": pgettext_lazy("noun", "decision"),
    "link": gettext_lazy("link"),
    STATE.word: pgettext_lazy("country", "state"),
    ORGANIZATION.word: gettext_lazy("organization"),
    BODY.word: gettext_lazy("body"),
}
# The parts whose changes show on their whole's history page.
PARTS = {
    "conference": [(Participation, "conference_id")],
    "declaration": [(Paragraph, "declaration_id")],
    "decision": [(Mention, "decision_id"), (Link, "source_id")],
}
HIDDEN_FIELDS = {"revision", "updated_at", "created_at"}


def history_label(record) -> str:
    """What a history entry is about, even when something it pointed to has been deleted since."""
    try:
        return str(record.instance)
    except (ObjectDoesNotExist, KeyError, AttributeError):
        label = str(KIND_LABELS.get(_history_kind(record.instance_type), record.instance_type._meta.verbose_name))
        label = label[:1].upper() + label[1:]
        source = (
            Decision.objects.filter(pk=getattr(record, "source_id", None))
            .select_related("conference__body", "outcome")
            .first()
        )
        if source:
            return _("%(kind)s from %(citation)s to a deleted record") % {"kind": label, "citation": source.citation}
        return f"{label} {record.id}"


def _history_kind(model) -> str:
    return next((kind for kind, candidate in HISTORY.items() if candidate is model), "")


def word_diff(old, new) -> SafeString:
    """`old` changed into `new`, word by word: removed words in <del>, added ones in <ins>, all escaped."""
    old_words, new_words = str(old or "").split(" "), str(new or "").split(" ")
    parts = []
    for operation, a1, a2, b1, b2 in difflib.SequenceMatcher(None, old_words, new_words).get_opcodes():
        if operation == "equal":
            parts.append(escape(" ".join(old_words[a1:a2])))
            continue
        if a2 > a1:
            parts.append(f"<del>{escape(' '.join(old_words[a1:a2]))}</del>")
        if b2 > b1:
            parts.append(f"<ins>{escape(' '.join(new_words[b1:b2]))}</ins>")
    return mark_safe(" ".join(parts))  # noqa: S308 (every word is escaped above)


def _changes(record) -> list[tuple[str, SafeString]]:
    previous = record.prev_record
    if previous is None:
        return []
    delta = record.diff_against(previous, excluded_fields=HIDDEN_FIELDS)
    return [(_field_label(record, change.field), word_diff(change.old, change.new)) for change in delta.changes]


def _field_label(record, name: str) -> str:
    """A changed field's name as people read it: its verbose name, in the reader's language where it is marked."""
    try:
        return str(record.instance_type._meta.get_field(name).verbose_name)
    except Exception:  # a field the model no longer has
        return name.replace("_", " ")


def _staff_page_of(kind: str, record) -> str | None:
    """The staff page that edits `record` (a paragraph's and a link's: their whole's), for the way back from
    its history; None for a record deleted since."""
    if record is None:
        return None
    if kind == "paragraph":
        return reverse("staff_declaration_edit", args=[record.declaration_id])
    if kind == "link":
        return reverse("staff_decision_edit", args=[record.source_id])
    return reverse(f"staff_{kind}_edit", args=[record.pk])


def _record_or_404(kind: str):
    if kind not in HISTORY:
        raise Http404("No history of such records")
    return HISTORY[kind]


@require_editor
def history(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    model = _record_or_404(kind)
    records = list(model.history.filter(id=pk).select_related("history_user")[:HISTORY_LENGTH])
    if not records:
        raise Http404("No history of this record")
    parts = [
        record
        for part, field in PARTS.get(kind, [])
        for record in part.history.filter(**{field: pk}).select_related("history_user")[:HISTORY_LENGTH]
    ]
    entries = sorted(records + parts, key=lambda record: record.history_date, reverse=True)[:HISTORY_LENGTH]
    current = model.objects.filter(pk=pk).first()
    return render(
        request,
        "front/staff/history.html",
        {
            "kind": kind,
            "pk": pk,
            "current": current,
            "back": _staff_page_of(kind, current),
            # Its parts are part of the same text: they are locked with it.
            "locked": why_may_not_change(request.user, current or records[0].instance),
            "label": history_label(records[0]),
            "entries": [
                (
                    entry,
                    history_label(entry),
                    _history_kind(entry.instance_type),
                    KIND_LABELS.get(_history_kind(entry.instance_type), ""),
                    _changes(entry),
                    entry.instance_type is model,
                )
                for entry in entries
            ],
        },
    )


# Restoring brings back what a record said, never its status: publishing and unpublishing are the
# publish actions' alone, and an implementation status changes only with a recorded reason.
_KEPT_ON_RESTORE = ("status", "status_date", "published_at", "published_by_id", "corrected_at")


def _version_to_restore(record, current):
    version = record.instance
    if current is not None:
        for name in _KEPT_ON_RESTORE:
            if hasattr(current, name):
                setattr(version, name, getattr(current, name))
    elif isinstance(version, Declaration):  # a deleted text comes back as a draft
        version.status = Declaration.Status.DRAFT
        version.published_at = version.published_by = version.corrected_at = None
    return version


@require_editor
def history_restore(request: HttpRequest, kind: str, pk: int, history_id: int) -> HttpResponse:
    model = _record_or_404(kind)
    record = get_object_or_404(model.history, id=pk, history_id=history_id)
    current = model.objects.filter(pk=pk).first()
    version = _version_to_restore(record, current)
    locked = locked_for(request, current or version)
    if request.method == "POST":
        reason = _("Restored the version of %(date)s UTC") % {"date": f"{record.history_date:%Y-%m-%d %H:%M}"}
        try:
            with transaction.atomic():
                if isinstance(version, Revisioned) and current is not None:
                    version.revision = current.revision
                    revision_save(version, revision=posted_revision(request), reason=reason)
                else:
                    version._change_reason = reason
                    version.save()
        except StaleEdit:
            messages.error(request, _("Someone changed this record meanwhile: look at its history again."))
            return redirect("staff_history", kind, pk)
        except IntegrityError:
            messages.error(request, _("This version cannot come back as it was: another record now takes its place."))
            return redirect("staff_history", kind, pk)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("staff_history", kind, pk)
        messages.success(request, f"{reason}.")
        return redirect("staff_history", kind, pk)
    return render(
        request,
        "front/staff/history_restore.html",
        {
            "kind": kind,
            "record": record,
            "current": current,
            "label": history_label(record),
            "locked": locked,
        },
    )
