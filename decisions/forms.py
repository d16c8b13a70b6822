from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.forms import inlineformset_factory
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from decisions.models import DECISION_NUMBERS, Decision, Link, Mention, Topic
from decisions.selectors import cited_decision
from declarations.models import Conference, Language, OutcomeDocument
from rcm.base.forms import DatePicker, LabelledRowsFormSet, RevisionedForm
from rcm.base.models import ACTOR_KINDS, ActorKind, ExternalDocument
from rcm.lib.citations import parse_decision_citation
from rcm.lib.languages import reader_language
from rcm.lib.words import shorten


def _actor_field(model, label: str) -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        model.objects.all(), required=False, label=label, widget=forms.CheckboxSelectMultiple
    )


# The label of each role's field for each kind of actor: the page heads each role's column with its own words.
ACTOR_FIELD_LABELS = {
    (Mention.Role.MANDATED, "state"): pgettext_lazy("verb", "Mandated: states"),
    (Mention.Role.MANDATED, "body"): pgettext_lazy("verb", "Mandated: bodies"),
    (Mention.Role.MANDATED, "organization"): pgettext_lazy("verb", "Mandated: organizations"),
    (Mention.Role.MENTIONED, "state"): pgettext_lazy("verb", "Mentioned: states"),
    (Mention.Role.MENTIONED, "body"): pgettext_lazy("verb", "Mentioned: bodies"),
    (Mention.Role.MENTIONED, "organization"): pgettext_lazy("verb", "Mentioned: organizations"),
}
# The same, under its role's heading.
ACTOR_KIND_LABELS = {
    "state": pgettext_lazy("country", "States"),
    "body": gettext_lazy("Bodies"),
    "organization": gettext_lazy("Organizations"),
}


def _actor_field_name(role: Mention.Role, kind: ActorKind) -> str:
    """ "mandated_states": the field of the states a decision mandates."""
    return f"{role.value}_{kind.plural}"


class DecisionForm(RevisionedForm):
    """A decision's number, texts, deadline, and who it mandates (must act) or only mentions."""

    class Meta:
        model = Decision
        fields = ["number", "text_en", "text_es", "deadline", "deadline_text", "topics"]
        widgets = {
            "text_en": forms.Textarea(attrs={"rows": 4}),
            "text_es": forms.Textarea(attrs={"rows": 4}),
            "deadline": DatePicker(),
            "topics": forms.CheckboxSelectMultiple,
        }
        labels = {
            "number": gettext_lazy("Number"),
            "topics": gettext_lazy("Topics"),
            "deadline": gettext_lazy("Deadline"),
            "deadline_text": gettext_lazy("Deadline in the text's words"),
        }

    def __init__(self, *args, conference: Conference, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.conference = conference
        self.fields["topics"].queryset = Topic.objects.order_by(f"name_{reader_language()}")
        self.fields["topics"].help_text = _("What it is about: readers find it under these topics.")
        if not self.instance.pk:
            # A new item goes into one of the meeting's documents, its principal one unless the editor says.
            outcomes = list(conference.outcomes.all())
            chosen = next((o for o in outcomes if str(o.pk) == str(self.initial.get("outcome"))), None)
            chosen = chosen or (outcomes[0] if outcomes else None)
            self.fields["outcome"] = forms.ModelChoiceField(
                queryset=conference.outcomes.all(),
                required=False,
                label=_("Document"),
                initial=chosen.pk if chosen else None,
                empty_label=None if outcomes else _("A new declaration, the meeting's first document"),
            )
            self.initial.pop("outcome", None)
            self.order_fields(["outcome"])
            last = chosen.decisions.aggregate(last=Max("number"))["last"] if chosen else None
            # In the form's initial data, where the new instance's empty number would otherwise win.
            self.initial["number"] = (last or 0) + 1
        for role in Mention.Role:
            for kind in ACTOR_KINDS:
                name = _actor_field_name(role, kind)
                self.fields[name] = _actor_field(kind.model, ACTOR_FIELD_LABELS[role, kind.word])
                if self.instance.pk:
                    self.fields[name].initial = [
                        mention.actor_id
                        for mention in self.instance.mentions.all()
                        if mention.role == role and mention.actor_kind == kind
                    ]

    def clean(self) -> dict:
        data = super().clean()
        if self.instance.pk:
            outcome = self.instance.outcome
        else:  # posted without a document, a new item goes into the principal one
            outcome = data.get("outcome") or self.conference.outcomes.filter(position=1).first()
        clash = Decision.objects.filter(outcome=outcome, number=data.get("number")).exclude(pk=self.instance.pk)
        if outcome and clash.exists():
            existing = clash.get()
            self.add_error(
                "number",
                forms.ValidationError(
                    _("%(citation)s exists already: “%(text)s”")
                    % {"citation": existing.citation, "text": shorten(existing.text_en or existing.text_es, 80)},
                    code="duplicate",
                ),
            )
        if not (data.get("text_en") or "").strip() and not (data.get("text_es") or "").strip():
            raise forms.ValidationError(_("Give the decision's text in English or in Spanish."), code="text")
        for kind in ACTOR_KINDS:
            mandated = _actor_field_name(Mention.Role.MANDATED, kind)
            mentioned = _actor_field_name(Mention.Role.MENTIONED, kind)
            both = set(data.get(mandated) or []) & set(data.get(mentioned) or [])
            if both:
                names = ", ".join(sorted(str(actor) for actor in both))
                self.add_error(mentioned, _("Mandated already, so not also mentioned: %(names)s.") % {"names": names})
        return data

    def actors(self, role: Mention.Role) -> list:
        """The states, bodies and organizations chosen in `role`."""
        return [actor for kind in ACTOR_KINDS for actor in self.cleaned_data[_actor_field_name(role, kind)]]

    # Each role's fields, which the page shows in a column of their own.
    # Each as (the kind's heading within the column, the field).
    @property
    def mandated_fields(self) -> list[tuple[str, forms.BoundField]]:
        return [
            (ACTOR_KIND_LABELS[kind.word], self[_actor_field_name(Mention.Role.MANDATED, kind)]) for kind in ACTOR_KINDS
        ]

    @property
    def mentioned_fields(self) -> list[tuple[str, forms.BoundField]]:
        return [
            (ACTOR_KIND_LABELS[kind.word], self[_actor_field_name(Mention.Role.MENTIONED, kind)])
            for kind in ACTOR_KINDS
        ]

    def _post_clean(self) -> None:
        self.instance.conference = self.conference
        super()._post_clean()


class DecisionRowForm(RevisionedForm):
    """One decision of a text, as a row of the text's page: its number (which orders it) and its text in
    the page's language. The rest of it (other language, deadline, who it mandates, links, topics) is
    on its own page."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        text = next(name for name in self.fields if name.startswith("text_"))
        self.text_field = self[text]
        # A stored decision's text may be in the other language only (the model asks for one of the two);
        # a new one is given its text here.
        self.fields[text].required = not self.instance.pk
        if not self.instance.pk:
            self.fields["number"].required = False
            self.fields["number"].help_text = _("Left empty, the next number")

    def validate_unique(self) -> None:
        # The rows are all the document's decisions, and renumbering them may swap two numbers, which the
        # stored ones would refuse one by one: the formset checks the numbers among the rows instead.
        pass


class BaseDecisionRowsFormSet(LabelledRowsFormSet):
    """The decisions of a text's document, on the text's page: numbers unique, a new row without one
    numbered after the highest."""

    row_name = gettext_lazy("Decision row %(row)s")

    def get_queryset(self):
        return super().get_queryset().order_by("number")

    def clean(self) -> None:
        if any(self.errors):
            return
        rows = [form for form in self.forms if form.has_changed() or form.instance.pk]
        taken: dict[int, forms.Form] = {}
        for form in rows:
            number = form.cleaned_data.get("number")
            if number is None:
                continue
            if number in taken:
                raise forms.ValidationError(
                    _("Two decisions are numbered %(number)s: give each its own number.") % {"number": number},
                    code="duplicate",
                )
            taken[number] = form
        following = max(taken, default=0) + 1
        for form in rows:
            if form.cleaned_data.get("number") is None:
                if following > DECISION_NUMBERS.high:
                    raise forms.ValidationError(DECISION_NUMBERS.message, code="number")
                form.cleaned_data["number"] = form.instance.number = following
                following += 1
        super().clean()


def decision_rows_formset(language: str) -> type[BaseDecisionRowsFormSet]:
    """The formset of a document's decisions with their texts in `language`, for the text in that language."""
    text = "text_es" if language == Language.SPANISH else "text_en"
    return inlineformset_factory(
        OutcomeDocument,
        Decision,
        form=DecisionRowForm,
        formset=BaseDecisionRowsFormSet,
        fields=["number", text],
        extra=1,
        can_delete=False,
        max_num=DECISION_NUMBERS.high,
        labels={"number": gettext_lazy("Number"), text: gettext_lazy("Text")},
        widgets={text: forms.Textarea(attrs={"rows": 3})},
    )


class LinkForm(forms.Form):
    """A typed link from a decision: to another decision (by citation or words of its text), a
    conference or a document."""

    kind = forms.ChoiceField(choices=Link.Kind.choices, label=gettext_lazy("Link"))
    decision = forms.CharField(
        required=False,
        label=pgettext_lazy("noun", "Decision"),
        help_text=gettext_lazy("Its citation (“XVII/5”, “RCM XVII/5”) or words of its text"),
    )
    conference = forms.ModelChoiceField(
        Conference.objects.select_related("body"), required=False, label=pgettext_lazy("noun", "Conference")
    )
    document = forms.ModelChoiceField(ExternalDocument.objects.all(), required=False, label=gettext_lazy("Document"))

    def __init__(self, *args, source: Decision, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.source = source

    def clean_decision(self) -> Decision | None:
        text = self.cleaned_data["decision"].strip()
        if not text:
            return None
        try:
            citation = parse_decision_citation(text, typed=True)
        except ValueError:
            matches = list(
                Decision.objects.filter(text_en__icontains=text)
                .exclude(pk=self.source.pk)
                .select_related("conference__body", "outcome")[:6]
            )
            if len(matches) == 1:
                return matches[0]
            if not matches:
                raise forms.ValidationError(
                    _("No decision is cited as or says “%(text)s”.") % {"text": text}, code="none"
                ) from None
            listed = "; ".join(decision.citation for decision in matches[:5])
            raise forms.ValidationError(
                _("Several decisions say “%(text)s” (%(listed)s): type the citation of the one you mean.")
                % {"text": text, "listed": listed},
                code="many",
            ) from None
        decision = cited_decision(citation)
        if decision is None:
            raise forms.ValidationError(
                _("There is no decision %(citation)s in the archive.") % {"citation": text}, code="missing"
            )
        return decision

    def clean(self) -> dict:
        data = super().clean()
        targets = [name for name in ("decision", "conference", "document") if data.get(name)]
        if len(targets) != 1:
            raise forms.ValidationError(_("Link to exactly one thing: a decision, a conference or a document."))
        link = Link(
            source=self.source,
            kind=data.get("kind"),
            target_decision=data.get("decision"),
            target_conference=data.get("conference"),
            target_document=data.get("document"),
        )
        try:
            link.full_clean()
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from None
        self.link = link
        return data
