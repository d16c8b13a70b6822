from django import forms

from rcm.models import Body, Country, Organization


class RevisionedForm(forms.ModelForm):
    """A form for a Revisioned record: it carries the revision it was opened at, to refuse stale saves."""

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["revision"].initial = self.instance.revision


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
