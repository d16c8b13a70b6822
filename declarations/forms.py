from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from declarations.models import MAX_PARAGRAPHS, Conference, Declaration, OutcomeDocument, Paragraph, Participation
from rcm.base.forms import DatePicker, LabelledRowsFormSet, RevisionedForm
from rcm.lib.characters import validate_characters
from rcm.lib.numerals import from_roman, to_roman


class CitiesField(forms.CharField):
    """Cities one per line, stored as a list."""

    widget = forms.Textarea(attrs={"rows": 2})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value) -> list[str]:
        return [line.strip() for line in (value or "").splitlines() if line.strip()]


class ConferenceNumberField(forms.CharField):
    """A meeting's number as every page writes it (XXV) or in figures (25): either is taken, and it is shown
    as the pages write it."""

    def prepare_value(self, value):
        if isinstance(value, int):
            try:
                return to_roman(value)
            except ValueError:  # generated test data goes past the numerals' range
                return str(value)
        return value

    def to_python(self, value) -> int | None:
        text = super().to_python(value).strip()
        if not text:
            return None
        if text.isdigit():
            return int(text)
        try:
            return from_roman(text)
        except ValueError:
            raise forms.ValidationError(
                _("Write the number in Roman numerals (XXV) or in figures (25)."), code="invalid"
            ) from None


class ConferenceForm(RevisionedForm):
    number = ConferenceNumberField(
        required=False,
        label=gettext_lazy("Number"),
        help_text=gettext_lazy(
            "In Roman numerals (XXV) or in figures (25). Empty for a meeting without a number: it is then known "
            "by its start date"
        ),
    )
    cities = CitiesField(
        required=False,
        help_text=gettext_lazy("One per line, in the order the text gives them"),
        label=gettext_lazy("Cities"),
    )

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
        labels = {
            "body": gettext_lazy("Body"),
            "kind": gettext_lazy("Kind"),
            "mode": gettext_lazy("Mode"),
            "host_country": gettext_lazy("Host country"),
            "start_date": gettext_lazy("Start date"),
            "end_date": gettext_lazy("End date"),
            "planned_year": gettext_lazy("Planned year"),
            "presidency_pro_tempore": gettext_lazy("Pro Tempore Presidency"),
            "sources": gettext_lazy("Sources"),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not self.instance.is_synthetic:
            # Generated test data is made by `manage.py generate_synthetic` only, never typed in.
            self.fields["kind"].choices = [
                choice for choice in self.fields["kind"].choices if choice[0] != Conference.Kind.SYNTHETIC
            ]

    def clean(self) -> dict:
        data = super().clean()
        same = Conference.objects.filter(body=data.get("body"), kind=data.get("kind")).exclude(pk=self.instance.pk)
        if data.get("number"):
            clash = same.filter(number=data["number"])
        else:
            clash = same.filter(number__isnull=True, start_date=data.get("start_date"))
        if data.get("body") and clash.exists():
            self.add_error("number", _("The %(meeting)s exists already.") % {"meeting": clash.get().name})
        return data


class BaseParticipationFormSet(LabelledRowsFormSet):
    row_name = gettext_lazy("Participant %(row)s")


ParticipationFormSet = inlineformset_factory(
    Conference,
    Participation,
    formset=BaseParticipationFormSet,
    fields=["role", "country", "organization", "as_note", "position"],
    extra=3,
    can_delete=True,
    labels={
        "role": gettext_lazy("Role"),
        "country": pgettext_lazy("country", "State"),
        "organization": gettext_lazy("Organization"),
        "as_note": pgettext_lazy("in the name of", "As"),
        "position": gettext_lazy("Order"),
    },
)


class NewDeclarationForm(forms.ModelForm):
    """A new text: in another language of one of the meeting's documents, or the first of a new document."""

    outcome = forms.ModelChoiceField(
        queryset=OutcomeDocument.objects.none(),
        required=False,
        label=gettext_lazy("Document"),
        empty_label=gettext_lazy("A new document of the kind below"),
        help_text=gettext_lazy("Choose one of the meeting's documents to add its text in another language"),
    )
    kind = forms.ChoiceField(
        choices=OutcomeDocument.Kind.choices, initial=OutcomeDocument.Kind.DECLARATION, label=gettext_lazy("Kind")
    )

    class Meta:
        model = Declaration
        fields = ["language", "title"]
        labels = {"language": gettext_lazy("Language"), "title": gettext_lazy("Title")}

    def __init__(self, *args, conference: Conference, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.conference = conference
        self.fields["outcome"].queryset = conference.outcomes.all()
        self.order_fields(["outcome", "kind", "language", "title"])

    def clean(self) -> dict:
        data = super().clean()
        outcome = data.get("outcome")
        if outcome and outcome.texts.filter(language=data.get("language")).exists():
            self.add_error(
                "language",
                _("The %(document)s has a text in this language already: edit that one.") % {"document": outcome},
            )
        return data


class DeclarationForm(RevisionedForm):
    class Meta:
        model = Declaration
        fields = ["title", "opening", "chapeau", "decisions_chapeau", "decisions_heading"]
        labels = {
            "title": gettext_lazy("Title"),
            "opening": gettext_lazy("Opening"),
            "chapeau": gettext_lazy("Chapeau"),
            "decisions_chapeau": gettext_lazy("Chapeau of the decisions"),
            "decisions_heading": gettext_lazy("Decisions heading"),
        }
        widgets = {"opening": forms.Textarea(attrs={"rows": 4}), "decisions_chapeau": forms.Textarea(attrs={"rows": 2})}


class ParagraphForm(forms.ModelForm):
    class Meta:
        model = Paragraph
        fields = ["verb", "text"]
        labels = {"verb": gettext_lazy("Verb"), "text": gettext_lazy("Text")}
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["verb"].required = False
        self.fields["verb"].help_text = _("Left empty, the text's first word")

    def clean(self) -> dict:
        data = super().clean()
        if data.get("text") and not data.get("verb"):
            data["verb"] = data["text"].split()[0].strip(",;:")
        return data


class BaseParagraphFormSet(LabelledRowsFormSet):
    row_name = gettext_lazy("Paragraph %(row)s")
    default_error_messages = {
        **LabelledRowsFormSet.default_error_messages,
        "too_many_forms": gettext_lazy("A text has at most %(num)d paragraphs."),
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
        label=gettext_lazy("Reason"),
        help_text=gettext_lazy("Kept in the text's history, for whoever asks why."),
        validators=[validate_characters],
    )
