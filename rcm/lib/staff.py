"""What every staff screen shares: the revision a page was opened at, the page shown when a save
comes from a stale copy, and forms shown read-only to whoever may not save them."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms import BaseFormSet, ModelForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

_REVISION = forms.IntegerField(min_value=1)


def posted_revision(request: HttpRequest) -> int:
    """The revision of the record that the POSTing page showed, for pages that post no RevisionedForm.

    ValidationError, for the view to show as a message, when the page sent none or no number: it was
    made by hand or cut short, and is to be opened again.
    """
    try:
        return _REVISION.clean(request.POST.get("revision"))
    except ValidationError:
        raise ValidationError(
            "The page did not say which version of the record it showed, so nothing was done: open it again.",
            code="revision",
        ) from None


def _shown(value) -> str:
    if isinstance(value, models.Manager):
        value = list(value.all())
    if isinstance(value, list | tuple | models.QuerySet):
        return "\n".join(str(item) for item in value)
    return "" if value is None else str(value)


def conflict_response(
    request: HttpRequest, form: ModelForm, current: models.Model, extra: list[tuple[str, str, str]] = ()
) -> HttpResponse:
    """409 Conflict: the editor's version beside the stored one, field by field, nothing saved.

    The editor's text stays on the page to copy from; nothing is lost and nothing is overwritten.
    """
    rows = []
    for name, field in form.fields.items():
        if name == "revision" or name not in form.cleaned_data or not hasattr(current, name):
            continue
        yours, theirs = _shown(form.cleaned_data[name]), _shown(getattr(current, name, None))
        if yours != theirs:
            rows.append((field.label or name, yours, theirs))
    rows += [row for row in extra if row[1] != row[2]]
    return render(request, "staff/conflict.html", {"record": current, "rows": rows}, status=409)


def read_only(*shown: forms.BaseForm | BaseFormSet) -> None:
    """Show these forms and formsets as they are, with nothing to change: every field disabled (a row's
    delete box too) and no empty row to fill. For a user who may not save them (declarations.access.locked_for),
    whose page then shows why instead of a Save button; a disabled field also ignores whatever is posted.

    Call it before the formsets' rows are first read: they are built once, with the rows asked for then.
    """
    for form in shown:
        if isinstance(form, BaseFormSet):
            form.extra = 0
            read_only(*form.forms)
        else:
            for field in form.fields.values():
                field.disabled = True
