"""The Secretariat's dashboard, its screens for states, organizations and bodies, and history."""

import datetime
from itertools import chain

from django.contrib import messages
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from decisions.models import Decision, Link, Mention
from declarations.access import locked_for, require_editor, why_may_not_change
from declarations.models import Conference, Declaration, Paragraph, Participation
from rcm.base.forms import BodyForm, CountryForm, OrganizationForm
from rcm.base.models import ACTOR_KINDS, ACTOR_KINDS_BY_WORD, BODY, ORGANIZATION, STATE, Revisioned
from rcm.base.services import StaleEdit, revision_save
from rcm.lib.staff import conflict_response, posted_revision
from rcm.lib.words import moment, person_name, sentence, word_diff

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
        messages.success(request, sentence(_("Saved %(record)s") % {"record": form.instance}))
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


def _changes(record) -> list[tuple[str, SafeString]]:
    previous = record.prev_record
    if previous is None:
        return []
    delta = record.diff_against(previous, excluded_fields=HIDDEN_FIELDS)
    return [
        (
            _field_label(record, change.field),
            word_diff(_readable(record, change.field, change.old), _readable(record, change.field, change.new)),
        )
        for change in delta.changes
    ]


def _readable(record, name: str, value) -> str:
    """A field's value as the pages show it: a person or record by name, a choice by its label, a moment in the
    site's time and date format; never an id or a Python repr."""
    if value is None or value == "":
        return ""
    try:
        field = record.instance_type._meta.get_field(name)
    except Exception:  # a field the model no longer has
        return str(value)
    if field.many_to_many:  # the through rows it had: [{"body": 4, "country": 7}, ...]
        key = field.m2m_reverse_field_name()
        chosen = field.related_model._default_manager.filter(pk__in=[row[key] for row in value])
        return ", ".join(sorted(str(record) for record in chosen))
    if field.is_relation:
        related = field.related_model._default_manager.filter(pk=value).first()
        if related is None:
            return _("a deleted record")
        return person_name(related) if isinstance(related, AbstractBaseUser) else str(related)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, datetime.datetime):
        return moment(value)
    if isinstance(value, datetime.date):
        return date_format(value, "DATE_FORMAT")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


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
    # A save that changed nothing people read (its revision number, a time stamp) is not shown: there is
    # nothing in it to read, or to restore.
    shown = [(entry, _changes(entry)) for entry in entries]
    shown = [(entry, changes) for entry, changes in shown if changes or entry.history_type != "~"]
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
                    changes,
                    entry.instance_type is model,
                )
                for entry, changes in shown
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
        reason = _("Restored the version of %(date)s") % {"date": moment(record.history_date)}
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
        messages.success(request, sentence(reason))
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
