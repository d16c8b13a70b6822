from django import forms
from django.forms import BaseInlineFormSet
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
