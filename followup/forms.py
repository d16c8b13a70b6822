from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from decisions.models import Decision
from followup.models import FollowUpAction, Mandate, Status
from followup.selectors import mandates_of
from rcm.base.forms import DatePicker, RevisionedForm
from rcm.lib.characters import validate_characters


class MandateForm(RevisionedForm):
    """What a mandated actor must do and to whom they report. Who must act, and the deadline, are the
    decision's: they are entered on its page (decisions/staff/decision_edit.html)."""

    class Meta:
        model = Mandate
        fields = ["task", "due_by_next_conference", "report_to"]
        widgets = {"task": forms.Textarea(attrs={"rows": 2})}
        labels = {
            "task": _("Task"),
            "due_by_next_conference": _("Due by next conference"),
            "report_to": _("Reports back to"),
        }

    def clean(self) -> dict:
        data = super().clean()
        deadline = self.instance.decision.deadline
        if data.get("due_by_next_conference") and deadline:
            self.add_error(
                "due_by_next_conference",
                forms.ValidationError(
                    gettext(
                        "%(citation)s sets its deadline, %(date)s: the mandate is due then. "
                        "A deadline is changed on the decision's page."
                    )
                    % {"citation": self.instance.decision.citation, "date": date_format(deadline)},
                    code="deadline_set",
                ),
            )
        return data


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
        self.mandates = {str(m.pk): m for m in mandates_of(decision)}
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
        self.fields["mandate"].queryset = mandates_of(decision)
