from django import forms

from decisions.models import Decision
from followup.models import FollowUpAction, Mandate, Status
from rcm.base.forms import DatePicker, RevisionedForm
from rcm.lib.characters import validate_characters


class MandateForm(RevisionedForm):
    class Meta:
        model = Mandate
        fields = ["country", "body", "organization", "task", "due_date", "due_by_next_conference", "report_to"]
        widgets = {"task": forms.Textarea(attrs={"rows": 2}), "due_date": DatePicker()}
        labels = {"country": "State", "report_to": "Reports back to"}
        help_texts = {"country": "Who must act: one state, one body or one organization"}

    def __init__(self, *args, decision: Decision, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.decision = decision


class StatusChangeForm(forms.Form):
    """A new status for the decision itself, or for one of its mandates."""

    subject = forms.ChoiceField(label="Status of")
    status = forms.ChoiceField(choices=Status.choices)
    date = forms.DateField(
        widget=DatePicker(), help_text="When it took effect; for “completed”, the day it was completed"
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Why, in a sentence or two",
        validators=[validate_characters],
    )

    def __init__(self, *args, decision: Decision, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.decision = decision
        self.mandates = {str(m.pk): m for m in decision.mandates.select_related(*Mandate.actor_fields())}
        self.fields["subject"].choices = [("decision", f"The decision {decision.citation}")] + [
            (pk, f"Mandate: {mandate}") for pk, mandate in self.mandates.items()
        ]

    @property
    def mandate(self) -> Mandate | None:
        return self.mandates.get(self.cleaned_data["subject"])


class ActionForm(forms.ModelForm):
    evidence_url = forms.URLField(
        required=False, assume_scheme="https", label="Evidence on the web", help_text="A public web address"
    )
    evidence_file = forms.FileField(
        required=False, label="Evidence document", help_text="PDF, DOCX or ODT, up to 20 MB"
    )

    class Meta:
        model = FollowUpAction
        fields = ["mandate", "date", "description", "done_by", "evidence_url"]
        widgets = {"date": DatePicker(), "description": forms.Textarea(attrs={"rows": 2})}
        labels = {"mandate": "For the mandate"}

    def __init__(self, *args, decision: Decision, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.decision = decision
        self.fields["mandate"].queryset = decision.mandates.select_related(*Mandate.actor_fields())
