from django import forms
from django.forms import inlineformset_factory

from declarations.models import MAX_PARAGRAPHS, Conference, Declaration, OutcomeDocument, Paragraph, Participation
from rcm.base.forms import DatePicker, OwnRowsFormSet, RevisionedForm
from rcm.lib.characters import validate_characters


class CitiesField(forms.CharField):
    """Cities one per line, stored as a list."""

    widget = forms.Textarea(attrs={"rows": 2})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value) -> list[str]:
        return [line.strip() for line in (value or "").splitlines() if line.strip()]


class ConferenceForm(RevisionedForm):
    cities = CitiesField(required=False, help_text="One per line, in the order the text gives them")

    class Meta:
        model = Conference
        fields = [
            "body",
            "number",
            "kind",
            "mode",
            "theme_en",
            "theme_es",
            "host_country",
            "cities",
            "start_date",
            "end_date",
            "planned_year",
            "presidency_pro_tempore",
            "sources",
        ]
        widgets = {"start_date": DatePicker(), "end_date": DatePicker(), "sources": forms.Textarea(attrs={"rows": 3})}

    def clean(self) -> dict:
        data = super().clean()
        same = Conference.objects.filter(body=data.get("body"), kind=data.get("kind")).exclude(pk=self.instance.pk)
        if data.get("number"):
            clash = same.filter(number=data["number"])
        else:
            clash = same.filter(number__isnull=True, start_date=data.get("start_date"))
        if data.get("body") and clash.exists():
            self.add_error("number", f"The {clash.get().name} exists already.")
        return data


ParticipationFormSet = inlineformset_factory(
    Conference,
    Participation,
    formset=OwnRowsFormSet,
    fields=["role", "country", "organization", "as_note", "position"],
    extra=3,
    can_delete=True,
)


class NewDeclarationForm(forms.ModelForm):
    """A new text: in another language of one of the meeting's documents, or the first of a new document."""

    outcome = forms.ModelChoiceField(
        queryset=OutcomeDocument.objects.none(),
        required=False,
        label="Document",
        empty_label="A new document of the kind below",
        help_text="Choose one of the meeting's documents to add its text in another language",
    )
    kind = forms.ChoiceField(choices=OutcomeDocument.Kind.choices, initial=OutcomeDocument.Kind.DECLARATION)

    class Meta:
        model = Declaration
        fields = ["language", "title"]

    def __init__(self, *args, conference: Conference, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.conference = conference
        self.fields["outcome"].queryset = conference.outcomes.all()
        self.order_fields(["outcome", "kind", "language", "title"])

    def clean(self) -> dict:
        data = super().clean()
        outcome = data.get("outcome")
        if outcome and outcome.texts.filter(language=data.get("language")).exists():
            self.add_error("language", f"The {outcome} has a text in this language already: edit that one.")
        return data


class DeclarationForm(RevisionedForm):
    class Meta:
        model = Declaration
        fields = ["title", "opening", "chapeau", "decisions_heading"]
        widgets = {"opening": forms.Textarea(attrs={"rows": 4})}


class ParagraphForm(forms.ModelForm):
    class Meta:
        model = Paragraph
        fields = ["verb", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["verb"].required = False
        self.fields["verb"].help_text = "Left empty, the text's first word"

    def clean(self) -> dict:
        data = super().clean()
        if data.get("text") and not data.get("verb"):
            data["verb"] = data["text"].split()[0].strip(",;:")
        return data


class BaseParagraphFormSet(OwnRowsFormSet):
    default_error_messages = {
        **OwnRowsFormSet.default_error_messages,
        "too_many_forms": "A text has at most %(num)d paragraphs.",
    }


ParagraphFormSet = inlineformset_factory(
    Declaration,
    Paragraph,
    form=ParagraphForm,
    formset=BaseParagraphFormSet,
    extra=1,
    can_order=True,
    can_delete=True,
    max_num=MAX_PARAGRAPHS,
    validate_max=True,
)


class UnpublishForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept in the text's history, for whoever asks why.",
        validators=[validate_characters],
    )
