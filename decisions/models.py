"""Numbered decisions, who they mandate or mention, and the typed links between them and other records."""

from functools import reduce
from operator import or_

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.lookups import Exact
from django.db.models.query import ModelIterable
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from simple_history.models import HistoricalRecords

from declarations.models import Conference, Language, OutcomeDocument
from rcm.base.models import (
    ACTOR_KINDS,
    Body,
    Country,
    ExternalDocument,
    NamesOneActor,
    NumberRange,
    Organization,
    Revisioned,
    exactly_one_actor,
    exactly_one_of,
)
from rcm.lib.characters import validate_characters
from rcm.lib.citations import item_citation
from rcm.lib.languages import localized, reader_language

# Three digits, as rcm.lib.converters.DecisionNumberConverter reads them: a decision's address can always be made.
DECISION_NUMBERS = NumberRange(1, 999, gettext_lazy("Decisions are numbered from 1 to 999."))


class ImplementationStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("implementation status", "Pending")
    IN_PROGRESS = "in_progress", pgettext_lazy("implementation status", "In progress")
    COMPLETED = "completed", pgettext_lazy("implementation status", "Completed")
    STANDING = "standing", pgettext_lazy("implementation status", "Standing")
    SUPERSEDED = "superseded", pgettext_lazy("implementation status", "Superseded")
    LAPSED = "lapsed", pgettext_lazy("implementation status", "Lapsed")


class Topic(Revisioned):
    """What decisions are about ("Unaccompanied minors"), for filtering and a page per topic."""

    slug = models.SlugField(
        gettext_lazy("slug"), max_length=60, unique=True, help_text=gettext_lazy("Its address: /topics/<slug>/")
    )
    name_en = models.CharField(gettext_lazy("name (English)"), max_length=100, validators=[validate_characters])
    name_es = models.CharField(gettext_lazy("name (Spanish)"), max_length=100, validators=[validate_characters])
    history = HistoricalRecords()

    name = localized("name")

    class Meta:
        ordering = ["name_en"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("topic_detail", args=[self.slug])


def readable_flag(language: str) -> str:
    """The annotation that says whether the decision's text in `language` may be read (readable_in)."""
    return f"text_{language}_readable"


def readable_text(language: str) -> models.Case:
    """The decision's text in `language` where it may be read, else "": for reading a text in SQL
    (search headlines) from a queryset made by readable_in."""
    return models.Case(
        models.When(**{readable_flag(language): True}, then=models.F(f"text_{language}")),
        default=models.Value(""),
        output_field=models.TextField(),
    )


class ReadableTexts(ModelIterable):
    """Decisions whose texts in a language that may not be read are blanked as they are fetched."""

    def __iter__(self):
        for decision in super().__iter__():
            deferred = decision.get_deferred_fields()  # read without a query of its own per decision
            for language in Language.values:
                if getattr(decision, readable_flag(language)):
                    continue
                text = f"text_{language}"
                if text in deferred or getattr(decision, text):
                    # The deadline's words came from whichever text was entered first, in its language:
                    # they too wait until every language the decision is written in may be read.
                    decision.deadline_text = ""
                setattr(decision, text, "")
            yield decision


class NotFetched(ModelIterable):
    """Decisions of with_readable_flags, which are counted, never fetched: their texts are not blanked."""

    def __iter__(self):
        raise TypeError("Decisions with_readable_flags are for counting: fetch them with readable_in.")


class DecisionQuerySet(models.QuerySet):
    def readable_in(self, declarations: models.QuerySet) -> "DecisionQuerySet":
        """The decisions with a text in a language of one of `declarations` of their document, every
        other text blank: a text in a language is read only where that language's declaration may be.

        The blanking is this queryset's way of fetching rows, which filter(), order_by(), slicing and
        prefetching keep; values() and values_list() of the texts would bypass it, and are refused.
        """
        # One EXISTS rather than an OR of the languages, which the database can only check row by row:
        # this it joins, as it would "of a readable document".
        has_readable_text = models.Exists(
            declarations.filter(outcome=models.OuterRef("outcome")).filter(
                reduce(
                    or_,
                    (
                        models.Q(language=language) & models.Q(Exact(models.OuterRef(f"has_text_{language}"), True))
                        for language in Language.values
                    ),
                )
            )
        )
        queryset = self.filter(has_readable_text).with_readable_flags(declarations)
        queryset._iterable_class = ReadableTexts
        return queryset

    def with_readable_flags(self, declarations: models.QuerySet) -> "DecisionQuerySet":
        """Every decision, each with the flags readable_in gives (readable_flag): for counting, in SQL,
        decisions that a condition on a readable text picks (a search's matches, which need a text that
        may be read in the language matched), without readable_in's check that there is one, which
        would read each match again. Their texts are not blanked: they may be counted, not fetched."""
        queryset = self.annotate(
            **{
                readable_flag(language): models.ExpressionWrapper(
                    models.Q(outcome__in=declarations.filter(language=language).values("outcome")),
                    output_field=models.BooleanField(),
                )
                for language in Language.values
            }
        )
        queryset._iterable_class = NotFetched
        return queryset

    def values(self, *fields, **expressions) -> models.QuerySet:
        self._refuse_hidden_texts(fields)
        return super().values(*fields, **expressions)

    def values_list(self, *fields, flat: bool = False, named: bool = False) -> models.QuerySet:
        self._refuse_hidden_texts(fields)
        return super().values_list(*fields, flat=flat, named=named)

    def _refuse_hidden_texts(self, fields: tuple) -> None:
        hidden = {"text_en", "text_es", "deadline_text"}
        if self._iterable_class in (ReadableTexts, NotFetched) and (not fields or hidden & set(fields)):
            raise TypeError(
                "The texts of readable decisions are read from the decisions themselves, where the texts "
                "that may not be read are blank, or with readable_text(); values() would show them all."
            )


class Decision(Revisioned):
    """A numbered item of an outcome document (a decision, an agreement, a conclusion), cited as "RCM XVII/5"
    or "RCGM 2012-06-19/4"; its text is kept per language."""

    outcome = models.ForeignKey(
        OutcomeDocument, verbose_name=gettext_lazy("outcome"), on_delete=models.PROTECT, related_name="decisions"
    )
    # Its outcome's meeting, kept beside it (save() sets it), as for Declaration: lists, filters and
    # follow-up ask of decisions by meeting far more often than by document.
    conference = models.ForeignKey(
        Conference,
        verbose_name=gettext_lazy("conference"),
        on_delete=models.PROTECT,
        related_name="decisions",
        editable=False,
    )
    number = models.PositiveSmallIntegerField(gettext_lazy("number"), validators=DECISION_NUMBERS.validators)
    section_en = models.CharField(
        gettext_lazy("section (English)"),
        max_length=300,
        blank=True,
        help_text=gettext_lazy("The heading it stands under, if any"),
        validators=[validate_characters],
    )
    section_es = models.CharField(
        gettext_lazy("section (Spanish)"), max_length=300, blank=True, validators=[validate_characters]
    )
    text_en = models.TextField(gettext_lazy("text (English)"), blank=True, validators=[validate_characters])
    text_es = models.TextField(gettext_lazy("text (Spanish)"), blank=True, validators=[validate_characters])
    deadline = models.DateField(
        gettext_lazy("deadline"), null=True, blank=True, help_text=gettext_lazy("Last day, when the text sets one")
    )
    deadline_text = models.CharField(
        gettext_lazy("deadline text"),
        max_length=200,
        blank=True,
        help_text=gettext_lazy('The deadline in the text\'s words, e.g. "until July 2013"'),
        validators=[validate_characters],
    )
    status = models.CharField(
        gettext_lazy("status"),
        max_length=11,
        choices=ImplementationStatus.choices,
        blank=True,
        help_text=gettext_lazy("Empty: not assessed yet"),
    )
    status_date = models.DateField(gettext_lazy("status date"), null=True, blank=True)
    topics = models.ManyToManyField(Topic, blank=True, related_name="decisions")
    # Each text in its language's configuration, kept by a PostgreSQL trigger (migration decisions 0006)
    # and GIN-indexed; one per language because a text is read only where its language's declaration
    # may be (readable_in), and a search must not find a decision by words it may not show. SQLite
    # leaves them empty.
    search_vector_en = SearchVectorField(gettext_lazy("search vector (English)"), null=True, editable=False)
    search_vector_es = SearchVectorField(gettext_lazy("search vector (Spanish)"), null=True, editable=False)
    # Whether each text is written, kept by the database: readable_in asks it of every decision a list
    # counts, and with the index below (decision_readable) the count reads that index alone where it read
    # every decision's texts (docs/search.md, "Counting from an index").
    has_text_en = models.GeneratedField(
        verbose_name=gettext_lazy("has a text in English"),
        expression=~models.Q(text_en=""),
        output_field=models.BooleanField(),
        db_persist=True,
    )
    has_text_es = models.GeneratedField(
        verbose_name=gettext_lazy("has a text in Spanish"),
        expression=~models.Q(text_es=""),
        output_field=models.BooleanField(),
        db_persist=True,
    )
    history = HistoricalRecords(excluded_fields=["search_vector_en", "search_vector_es", "has_text_en", "has_text_es"])

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["conference", "outcome__position", "number"]
        constraints = [
            models.UniqueConstraint(fields=["outcome", "number"], name="decision_number_unique_per_outcome"),
            models.CheckConstraint(
                condition=DECISION_NUMBERS.condition("number"),
                name="decision_number_in_range",
                violation_error_message=DECISION_NUMBERS.message,
            ),
            models.CheckConstraint(condition=~models.Q(text_en="", text_es=""), name="decision_has_text_in_a_language"),
        ]
        indexes = [
            # What readable_in and the filters read of every decision they count, so that PostgreSQL counts
            # from this index (an index-only scan) and not from the table, whose rows hold the texts.
            models.Index(
                fields=["id", "outcome", "conference", "has_text_en", "has_text_es"], name="decision_readable"
            ),
        ]

    def __str__(self) -> str:
        return self.citation

    def save(self, *args, **kwargs) -> None:
        if self.outcome_id is None and self.conference_id is not None:
            self.outcome = self.conference.principal_outcome()
        self.conference_id = self.outcome.conference_id
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        # The principal document's items are the meeting's (/conferences/17/decisions/5/), the others' under
        # their document (/conferences/23/joint-communique/4/): as they are cited.
        if self.outcome.is_principal:
            return reverse("decision_detail", args=[self.conference, self.number])
        return reverse("item_detail", args=[self.conference, self.outcome.slug, self.number])

    @property
    def citation(self) -> str:
        """ "RCM XVII/5" for an English reader, "CRM XVII/5" for a Spanish one."""
        return self.citation_in(reader_language())

    def citation_in(self, language: str) -> str:
        return item_citation(self.outcome.citation_in(language, conference=self.conference), self.number)

    @property
    def word(self) -> str:
        """ "Decision", "Agreement", "Conclusion": what its document calls its items."""
        return self.outcome.item_word

    def section_in(self, language: str) -> str:
        return self.section_es if language == Language.SPANISH else self.section_en

    @property
    def anchor(self) -> str:
        return f"decision-{self.number}"

    def text_in(self, language: str) -> str:
        return self.text_es if language == Language.SPANISH else self.text_en

    # Who it mandates and who it only mentions, from its mentions as decisions.selectors fetch them.
    @property
    def mandated_mentions(self) -> list["Mention"]:
        return [mention for mention in self.ordered_mentions if mention.role == Mention.Role.MANDATED]

    @property
    def mentioned_mentions(self) -> list["Mention"]:
        return [mention for mention in self.ordered_mentions if mention.role == Mention.Role.MENTIONED]

    @property
    def fetched_for_reading(self) -> bool:
        """Whether its texts in some language were blanked as it was fetched (Decision.objects.readable_in)."""
        return not all(getattr(self, readable_flag(code), True) for code in Language.values)

    # The write gate's questions (declarations.access.guard): whose texts this record is part of, and what part.
    def text_conference_ids(self) -> set[int]:
        return {self.conference_id}

    @property
    def text_part(self) -> str:
        return _("decision %(citation)s") % {"citation": self.citation}


class Mention(NamesOneActor):
    """A state, body or organization that a decision mandates (must act) or only mentions."""

    class Role(models.TextChoices):
        MANDATED = "mandated", pgettext_lazy("verb", "Mandated")
        MENTIONED = "mentioned", pgettext_lazy("verb", "Mentioned")

    decision = models.ForeignKey(
        Decision, verbose_name=gettext_lazy("decision"), on_delete=models.CASCADE, related_name="mentions"
    )
    role = models.CharField(gettext_lazy("role"), max_length=9, choices=Role.choices)
    country = models.ForeignKey(
        Country,
        verbose_name=gettext_lazy("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mentions",
    )
    body = models.ForeignKey(
        Body,
        verbose_name=gettext_lazy("body"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mentions",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=gettext_lazy("organization"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mentions",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["decision", "role", "id"]
        # "Decisions that mandate Guatemala": answered from the index alone, without reading the mentions.
        indexes = [
            models.Index(fields=[kind.field, "role", "decision"], name=f"mention_{kind.field}_role")
            for kind in ACTOR_KINDS
        ]
        constraints = [
            models.CheckConstraint(condition=exactly_one_actor(ACTOR_KINDS), name="mention_names_exactly_one_actor"),
            *(
                models.UniqueConstraint(
                    fields=["decision", kind.field],
                    condition=models.Q(**{f"{kind.field}__isnull": False}),
                    name=f"mention_{kind.field}_once_per_decision",
                )
                for kind in ACTOR_KINDS
            ),
        ]

    def __str__(self) -> str:
        return f"{self.decision} {self.get_role_display().lower()} {self.actor}"

    def text_conference_ids(self) -> set[int]:
        return set(Decision.objects.filter(pk=self.decision_id).values_list("conference", flat=True))

    @property
    def text_part(self) -> str:
        return _("who %(citation)s mandates or mentions (%(actor)s)") % {
            "citation": self.decision.citation,
            "actor": self.actor,
        }


class LinkKind(models.TextChoices):
    FOLLOWS_UP_ON = "follows_up_on", pgettext_lazy("verb", "follows up on")
    AMENDS = "amends", pgettext_lazy("verb", "amends")
    SUPERSEDES = "supersedes", pgettext_lazy("verb", "supersedes")
    RENEWS = "renews", pgettext_lazy("verb", "renews")
    IMPLEMENTS = "implements", pgettext_lazy("verb", "implements")
    RECALLS = "recalls", pgettext_lazy("verb", "recalls")
    REFERS_TO = "refers_to", pgettext_lazy("verb", "refers to")


# Only a decision can be followed up, superseded, renewed or recalled; a conference is only referred to.
LINK_KINDS_FOR_DOCUMENTS = [LinkKind.AMENDS, LinkKind.IMPLEMENTS, LinkKind.REFERS_TO]
LINK_KINDS_FOR_CONFERENCES = [LinkKind.REFERS_TO]


class Link(models.Model):
    """A typed link from a decision to another decision, a conference or an external document.

    Stored once, from the decision that makes it; the other side shows it with the inverse label
    ("follows up on" here, "followed up by" there).
    """

    Kind = LinkKind
    INVERSE_LABELS = {
        Kind.FOLLOWS_UP_ON: pgettext_lazy("verb", "followed up by"),
        Kind.AMENDS: pgettext_lazy("verb", "amended by"),
        Kind.SUPERSEDES: pgettext_lazy("verb", "superseded by"),
        Kind.RENEWS: pgettext_lazy("verb", "renewed by"),
        Kind.IMPLEMENTS: pgettext_lazy("verb", "implemented by"),
        Kind.RECALLS: pgettext_lazy("verb", "recalled by"),
        Kind.REFERS_TO: pgettext_lazy("verb", "referred to by"),
    }

    source = models.ForeignKey(
        Decision, verbose_name=gettext_lazy("source"), on_delete=models.CASCADE, related_name="links_out"
    )
    kind = models.CharField(gettext_lazy("kind"), max_length=13, choices=Kind.choices)
    target_decision = models.ForeignKey(
        Decision,
        verbose_name=gettext_lazy("target decision"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="links_in",
    )
    target_conference = models.ForeignKey(
        Conference,
        verbose_name=gettext_lazy("target conference"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="links_in",
    )
    target_document = models.ForeignKey(
        ExternalDocument,
        verbose_name=gettext_lazy("target document"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="links_in",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["source", "id"]
        constraints = [
            models.CheckConstraint(
                condition=exactly_one_of("target_decision", "target_conference", "target_document"),
                name="link_has_exactly_one_target",
                violation_error_message=gettext_lazy(
                    "Link to exactly one thing: a decision, a conference or a document."
                ),
            ),
            models.CheckConstraint(condition=~models.Q(target_decision=models.F("source")), name="link_not_to_itself"),
            models.CheckConstraint(
                condition=(models.Q(target_conference__isnull=True) | models.Q(kind__in=LINK_KINDS_FOR_CONFERENCES)),
                name="link_kind_fits_conference",
            ),
            models.CheckConstraint(
                condition=models.Q(target_document__isnull=True) | models.Q(kind__in=LINK_KINDS_FOR_DOCUMENTS),
                name="link_kind_fits_document",
            ),
            *(
                models.UniqueConstraint(
                    fields=["source", "kind", field],
                    condition=models.Q(**{f"{field}__isnull": False}),
                    name=f"link_to_{field.removeprefix('target_')}_once_per_kind",
                    violation_error_message=gettext_lazy("This link exists already."),
                )
                for field in ("target_decision", "target_conference", "target_document")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.get_kind_display()} {self.target}"

    def text_conference_ids(self) -> set[int]:
        return set(Decision.objects.filter(pk=self.source_id).values_list("conference", flat=True))

    @property
    def text_part(self) -> str:
        return _("the links of %(citation)s") % {"citation": self.source.citation}

    def clean(self) -> None:
        if self.target_conference_id and self.kind not in LINK_KINDS_FOR_CONFERENCES:
            raise ValidationError({"kind": _("A decision can only refer to a conference.")}, code="kind")
        if self.target_document_id and self.kind not in LINK_KINDS_FOR_DOCUMENTS:
            raise ValidationError(
                {"kind": _("A decision can amend, implement or refer to a document, nothing else.")}, code="kind"
            )
        if self.target_decision_id and self.target_decision_id == self.source_id:
            raise ValidationError({"target_decision": _("A decision cannot link to itself.")}, code="self")

    @property
    def target(self) -> Decision | Conference | ExternalDocument:
        return self.target_decision or self.target_conference or self.target_document

    @property
    def inverse_label(self) -> str:
        return self.INVERSE_LABELS[self.kind]
