from django import forms
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from decisions.models import Decision
from followup.models import FollowUpAction, Mandate, Status
from rcm.base.forms import DatePicker, RevisionedForm
from rcm.lib.characters import validate_characters


class MandateForm(RevisionedForm):
    class Meta:
        model = Mandate
        fields = ["country", "body", "organization", "task", "due_date", "due_by_next_conference", "report_to"]
        widgets = {"task": forms.Textarea(attrs={"rows": 2}), "due_date": DatePicker()}
        labels = {
            "country": pgettext_lazy("country", "State"),
            "body": _("Body"),
            "organization": _("Organization"),
            "task": _("Task"),
            "due_date": _("Due date"),
            "due_by_next_conference": _("Due by next conference"),
            "report_to": _("Reports back to"),
        }
        help_texts = {"country": _("Who must act: one state, one body or one organization")}

    def __init__(self, *args, decision: Decision, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.decision = decision


class StatusChangeForm(forms.Form):
    """A new status for the decision itself, or for one of its mandates."""

    subject = forms.ChoiceField(label=_("Status of"))
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    date = forms.DateField(
        label=_("Date"),
        widget=DatePicker(),
        help_text=_("When it took effect; for “completed”, the day it was completed"),
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Why, in a sentence or two"),
        validators=[validate_characters],
    )

    def __init__(self, *args, decision: Decision, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.decision = decision
        self.mandates = {str(m.pk): m for m in decision.mandates.select_related(*Mandate.actor_fields())}
        self.fields["subject"].choices = [
            ("decision", gettext("The decision %(citation)s") % {"citation": decision.citation})
        ] + [(pk, gettext("Mandate: %(mandate)s") % {"mandate": mandate}) for pk, mandate in self.mandates.items()]

    @property
    def mandate(self) -> Mandate | None:
        return self.mandates.get(self.cleaned_data["subject"])


class ActionForm(forms.ModelForm):
    evidence_url = forms.URLField(
        required=False,
        assume_scheme="https",
        label=_("Evidence on the web"),
        help_text=_("A public web address"),
    )
    evidence_file = forms.FileField(
        required=False, label=_("Evidence document"), help_text=_("PDF, DOCX or ODT, up to 20 MB")
    )

    class Meta:
        model = FollowUpAction
        fields = ["mandate", "date", "description", "done_by", "evidence_url"]
        widgets = {"date": DatePicker(), "description": forms.Textarea(attrs={"rows": 2})}
        labels = {
            "mandate": _("For the mandate"),
            "date": _("Date"),
            "description": _("Description"),
            "done_by": _("Done by"),
        }

    def __init__(self, *args, decision: Decision, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.decision = decision
        self.fields["mandate"].queryset = decision.mandates.select_related(*Mandate.actor_fields())
