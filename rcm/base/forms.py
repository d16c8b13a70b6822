from django import forms
from django.forms import BaseInlineFormSet
from django.forms.formsets import TOTAL_FORM_COUNT
from django.http import QueryDict
from django.utils.translation import gettext

from rcm.base.models import Body, Country, Organization


class DatePicker(forms.DateInput):
    """The browser's date picker; its value goes both ways as ISO 8601 (2012-06-21), whatever the locale."""

    input_type = "date"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class RevisionedForm(forms.ModelForm):
    """A form for a Revisioned record: it carries the revision it was opened at, to refuse stale saves."""

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["revision"].initial = self.instance.revision


class OwnRowsFormSet(BaseInlineFormSet):
    """An inline formset whose rows can only be records of the record it edits.

    Django's hidden id field accepts any record of the model: a page altered to carry another text's
    paragraph saved it as a new one there and left the real one out of the numbering.
    """

    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        form.fields["id"].queryset = self.get_queryset()
        form.fields["id"].error_messages["invalid_choice"] = gettext(
            "This row is not one of this %(record)s’s (the page was altered, or is out of date): open it again "
            "and make your changes there."
        ) % {"record": self.instance._meta.verbose_name}


# Where a row's number goes in the labels of the formset's empty form, which static/js/formset.js copies
# to add a row: it writes the row's number there, as it writes the row's index for "__prefix__".
ROW_NUMBER_PLACEHOLDER = "__row__"


class LabelledRowsFormSet(OwnRowsFormSet):
    """Rows whose every field is named for its row ("Participant 3: State"): a screen reader, and a phone
    where a table's headings are out of sight, tell one row's "State" from the next's.

    `row_name` says what a row is, with %(row)s for its number from 1.
    """

    row_name = "%(row)s"

    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        form.row_number = ROW_NUMBER_PLACEHOLDER if index is None else index + 1
        row = self.row_name % {"row": form.row_number}
        for field in form.fields.values():
            if not field.widget.is_hidden:
                field.widget.attrs["aria-label"] = gettext("%(row)s: %(field)s") % {"row": row, "field": field.label}


# The name of the button that asks for more empty rows without saving; its value is the formset's prefix.
ADD_ROWS = "add_rows"
# How many empty rows that button adds when the page runs no script (which adds one a click).
ROWS_ADDED = 5


def with_more_rows(data: QueryDict, formset_class: type, prefix: str) -> QueryDict:
    """The posted `data` with ROWS_ADDED more (empty) rows in the formset under `prefix`, up to its maximum:
    the page shown again with everything typed so far, and room for more."""
    data = data.copy()
    key = f"{prefix}-{TOTAL_FORM_COUNT}"
    try:
        count = int(data.get(key, 0))
    except ValueError:
        count = 0
    data[key] = str(min(count + ROWS_ADDED, formset_class.max_num))
    return data


def rows_wanted(data: QueryDict) -> str | None:
    """The prefix of the formset whose "Add a row" button was pressed (without script), or None."""
    return data.get(ADD_ROWS) or None


class CountryForm(RevisionedForm):
    class Meta:
        model = Country
        fields = ["code", "name_en", "name_es", "is_member", "member_since"]

    def clean_code(self) -> str:
        return self.cleaned_data["code"].strip().upper()


class OrganizationForm(RevisionedForm):
    class Meta:
        model = Organization
        fields = ["acronym", "acronym_es", "name_en", "name_es", "kind"]


class BodyForm(RevisionedForm):
    class Meta:
        model = Body
        fields = ["slug", "acronym", "name_en", "name_es", "kind", "members"]
        widgets = {"members": forms.CheckboxSelectMultiple}
