"""Conferences, who took part in them, and the declarations they adopted, paragraph by paragraph."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy
from simple_history.models import HistoricalRecords

from rcm.base.models import (
    ORGANIZATION,
    STATE,
    YEARS,
    Body,
    Country,
    ExternalDocument,
    NamesOneActor,
    NumberRange,
    Organization,
    Revisioned,
    exactly_one_actor,
)
from rcm.lib import citations
from rcm.lib.characters import forbidden_character, validate_characters
from rcm.lib.citations import VICE_MINISTERIAL, meeting_citation, paragraph_citation
from rcm.lib.languages import localized, reader_language
from rcm.lib.numerals import to_roman

# Real conferences have Roman numerals (XVII), and the RCM holds one a year; generated test data
# (`manage.py generate_synthetic`) goes as far as rcm.lib.converters.MeetingConverter reads: four digits.
CONFERENCE_NUMBERS = NumberRange(1, 99, gettext_lazy("Conferences are numbered from 1 to 99."))
SYNTHETIC_CONFERENCE_NUMBERS = NumberRange(1, 9999, gettext_lazy("Synthetic conferences are numbered from 1 to 9999."))
PARTICIPANT_POSITIONS = NumberRange(0, 999, gettext_lazy("Give a position from 0 to 999."))
PARAGRAPH_POSITIONS = NumberRange(1, 9999, gettext_lazy("Paragraphs are numbered from 1 to 9999."))
# Paragraphs a text may have (the longest RCM declarations have a few dozen), at import and in the staff
# form, which posts five fields a paragraph where Django accepts 1,000 fields; renumbering
# (declarations.services.declaration_save) needs as much room again within PARAGRAPH_POSITIONS.
MAX_PARAGRAPHS = 150


class Language(models.TextChoices):
    ENGLISH = "en", gettext_lazy("English")
    SPANISH = "es", gettext_lazy("Spanish")

    @property
    def own_name(self) -> str:
        """The language's name in itself, for a link to a text in it: "Español"."""
        return "Español" if self is Language.SPANISH else "English"


class ConferenceKind(models.TextChoices):
    # The values are rcm.lib.citations', which the citations and the addresses are made of without models.
    ORDINARY = citations.ORDINARY, pgettext_lazy("conference kind", "Ordinary")
    EXTRAORDINARY = citations.EXTRAORDINARY, pgettext_lazy("conference kind", "Extraordinary")
    # Made by `manage.py generate_synthetic` to measure the site at scale; never a real meeting.
    SYNTHETIC = citations.SYNTHETIC, pgettext_lazy("conference kind", "Synthetic (generated test data)")


# Meetings in the order they were held, as their numbers say: each body's series together (the Vice-Ministerial
# Meeting's first), ordinary conferences before extraordinary ones, by number (XVII, XVIII, XIX, XXV, never
# as text), and those without a number (the first of 1996, the RCGM's meetings) by the day they opened. Dates
# alone cannot order the archive: many numbered conferences have none recorded.
MEETING_ORDER = [
    models.Case(
        models.When(Exact(F("body__slug"), VICE_MINISTERIAL), then=0), default=1, output_field=models.IntegerField()
    ).asc(),
    "body_id",
    models.Case(
        *(models.When(Exact(F("kind"), kind), then=rank) for rank, kind in enumerate(ConferenceKind.values)),
        output_field=models.IntegerField(),
    ).asc(),
    F("number").asc(nulls_first=True),
    F("start_date").asc(nulls_last=True),
    "planned_year",
]


class ConferenceMode(models.TextChoices):
    IN_PERSON = "in_person", gettext_lazy("In person")
    VIRTUAL = "virtual", gettext_lazy("Virtual")
    HYBRID = "hybrid", gettext_lazy("In person and virtual")


def vice_ministerial_body() -> int:
    """Whose meeting a conference is unless said otherwise: the Vice-Ministerial Meeting's, as every
    meeting in the archive was before other bodies' were (its Body is made by migration declarations 0007
    and by the seed; made here too for a database emptied of the seed's records)."""
    body, _created = Body.objects.get_or_create(
        slug=VICE_MINISTERIAL,
        defaults={
            "name_en": "Vice-Ministerial Meeting",
            "name_es": "Reunión Viceministerial",
            "kind": "vice_ministerial",
        },
    )
    return body.pk


class Conference(Revisioned):
    """A meeting of an RCM body, held or planned: a conference of the Vice-Ministerial Meeting, numbered
    within its kind ("XVII", "II Extraordinary") or not (the first, of 1996; some extraordinary ones), or a
    meeting of the RCGM, a network or a working group, known by its body, place and dates.

    (The model keeps the name it had when the archive held only conferences: docs/data-model.md.)"""

    Kind = ConferenceKind
    Mode = ConferenceMode

    body = models.ForeignKey(
        Body,
        verbose_name=gettext_lazy("body"),
        on_delete=models.PROTECT,
        related_name="meetings",
        default=vice_ministerial_body,
    )
    number = models.PositiveSmallIntegerField(
        gettext_lazy("number"),
        null=True,
        blank=True,
        validators=[MinValueValidator(CONFERENCE_NUMBERS.low, CONFERENCE_NUMBERS.message)],
        help_text=gettext_lazy("Empty for a meeting without a number: it is then known by its start date"),
    )
    kind = models.CharField(gettext_lazy("kind"), max_length=13, choices=Kind.choices, default=Kind.ORDINARY)
    mode = models.CharField(gettext_lazy("mode"), max_length=9, choices=Mode.choices, default=Mode.IN_PERSON)
    theme_en = models.CharField(
        gettext_lazy("theme (English)"), max_length=300, blank=True, validators=[validate_characters]
    )
    theme_es = models.CharField(
        gettext_lazy("theme (Spanish)"), max_length=300, blank=True, validators=[validate_characters]
    )
    host_country = models.ForeignKey(
        Country,
        verbose_name=gettext_lazy("host country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_conferences",
    )
    cities = models.JSONField(
        gettext_lazy("cities"), default=list, blank=True, help_text=gettext_lazy("One or more host cities, in order")
    )
    start_date = models.DateField(gettext_lazy("start date"), null=True, blank=True)
    end_date = models.DateField(gettext_lazy("end date"), null=True, blank=True)
    planned_year = models.PositiveSmallIntegerField(
        gettext_lazy("planned year"),
        null=True,
        blank=True,
        validators=YEARS.validators,
        help_text=gettext_lazy("For a planned conference whose dates are not yet known"),
    )
    presidency_pro_tempore = models.ForeignKey(
        Country,
        verbose_name=gettext_lazy("presidency pro tempore"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="presidencies",
    )
    sources = models.TextField(
        gettext_lazy("sources"),
        blank=True,
        help_text=gettext_lazy(
            "Where its place, dates and theme come from, one per line: an address or a document's title"
        ),
        validators=[validate_characters],
    )
    # Both themes, each in its language's text search configuration; PostgreSQL keeps it with a
    # trigger (migration declarations 0003), SQLite leaves it empty and searches the text itself.
    search_vector = SearchVectorField(gettext_lazy("search vector"), null=True, editable=False)
    history = HistoricalRecords(excluded_fields=["search_vector"])

    theme = localized("theme")

    class Meta:
        ordering = MEETING_ORDER
        indexes = [
            # Lists of decisions and paragraphs come newest conference first: with this index the
            # database reads a page of them from the top instead of sorting the whole archive.
            models.Index(fields=["-start_date", "kind", "-number"], name="conference_newest_first"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "kind", "number"],
                name="conference_number_unique_per_body_and_kind",
                violation_error_message=gettext_lazy("A meeting of this body and kind has this number already."),
            ),
            # A meeting without a number is known by its body, kind and start date.
            models.UniqueConstraint(
                fields=["body", "kind", "start_date"],
                condition=models.Q(number__isnull=True),
                name="conference_unnumbered_unique_per_day",
                violation_error_message=gettext_lazy(
                    "A meeting of this body and kind without a number opened on this day already."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(number__isnull=False) | models.Q(start_date__isnull=False),
                name="conference_has_number_or_start_date",
                violation_error_message=gettext_lazy("A meeting without a number needs its start date."),
            ),
            models.CheckConstraint(
                condition=models.Q(number__isnull=True)
                | CONFERENCE_NUMBERS.condition("number")
                | models.Q(kind=ConferenceKind.SYNTHETIC) & SYNTHETIC_CONFERENCE_NUMBERS.condition("number"),
                name="conference_number_in_range",
                violation_error_message=CONFERENCE_NUMBERS.message,
            ),
            models.CheckConstraint(
                condition=YEARS.condition("planned_year", null=True),
                name="conference_planned_year_in_range",
                violation_error_message=YEARS.message,
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date"))
                | models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True),
                name="conference_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=models.Q(start_date__isnull=False) | models.Q(planned_year__isnull=False),
                name="conference_has_dates_or_planned_year",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("conference_detail", args=[self])  # /conferences/17/ or /bodies/rcgm/meetings/2012-06-19/

    # The write gate's questions (declarations.access.guard): whose texts this record is part of, and what part.
    def text_conference_ids(self) -> set[int]:
        return {self.pk}

    @property
    def text_part(self) -> str:
        return _("the record of the %(meeting)s") % {"meeting": self}

    def clean(self) -> None:
        numbers = SYNTHETIC_CONFERENCE_NUMBERS if self.is_synthetic else CONFERENCE_NUMBERS
        if self.number is not None and not numbers.allows(self.number):
            raise ValidationError({"number": numbers.message}, code="number")
        if self.number is None and not self.start_date:
            raise ValidationError({"start_date": _("A meeting without a number is known by its start date: give it.")})
        if self.end_date and not self.start_date:
            raise ValidationError({"start_date": _("A meeting with an end date needs a start date.")})
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date is before the start date.")}, code="order")
        if not self.start_date and not self.planned_year:
            raise ValidationError({"planned_year": _("Give the dates, or for a planned meeting at least the year.")})
        if not isinstance(self.cities, list) or not all(isinstance(city, str) and city.strip() for city in self.cities):
            raise ValidationError({"cities": _("Cities must be a list of city names.")})
        for city in self.cities:
            if problem := forbidden_character(city):
                raise ValidationError(
                    {"cities": _("A city %(problem)s.") % {"problem": problem}}, code="control_character"
                )

    @property
    def numeral(self) -> str:
        """ "XVII"; for a meeting without a number, the day it opened, which is how it is known."""
        return to_roman(self.number) if self.number is not None else self.start_date.isoformat()

    @property
    def is_extraordinary(self) -> bool:
        return self.kind == self.Kind.EXTRAORDINARY

    @property
    def is_synthetic(self) -> bool:
        return self.kind == self.Kind.SYNTHETIC

    @property
    def is_numbered(self) -> bool:
        return self.number is not None

    @property
    def name(self) -> str:
        """ "XVII Regional Conference on Migration", "XVII Conferencia Regional sobre Migración"."""
        if self.is_synthetic:
            return _("SYNTHETIC conference %(number)s (generated test data, not a real meeting)") % {
                "number": self.number
            }
        if not self.body.is_conference:
            return _("%(body)s meeting of %(day)s") % {"body": self.body.name, "day": self.when}
        if self.number is None:
            if self.is_extraordinary:
                return _("Extraordinary Regional Conference on Migration of %(day)s") % {"day": self.when}
            return _("Regional Conference on Migration of %(day)s") % {"day": self.when}
        if self.is_extraordinary:
            return _("%(numeral)s Extraordinary Regional Conference on Migration") % {"numeral": self.numeral}
        return _("%(numeral)s Regional Conference on Migration") % {"numeral": self.numeral}

    @property
    def source_lines(self) -> list[str]:
        return [line.strip() for line in self.sources.splitlines() if line.strip()]

    @property
    def noun(self) -> str:
        """What it is called in a sentence: "conference" for the Vice-Ministerial Meeting's, else "meeting"."""
        return pgettext("noun", "conference") if self.body.is_conference else pgettext("noun", "meeting")

    @property
    def when(self) -> str:
        """ "19 June 2012", "19 de junio de 2012": the day a meeting opened (or its planned year), which
        names an unnumbered one."""
        if self.start_date:
            return date_format(self.start_date)
        return str(self.planned_year)

    @property
    def year(self) -> int:
        return self.start_date.year if self.start_date else self.planned_year

    @property
    def has_dates(self) -> bool:
        return self.start_date is not None

    @property
    def is_upcoming(self) -> bool:
        """Not held yet: its dates are ahead, or only a year not yet past is known."""
        today = timezone.localdate()
        if self.start_date:
            return self.start_date > today
        return self.planned_year >= today.year

    @property
    def file_stem(self) -> str:
        """ "RCM-XVII-2012", "RCGM-2012-06-19": how the names of this meeting's files start."""
        if self.is_synthetic:
            return f"SYNTHETIC-{self.number}-{self.year}"
        code = self.body.citation_code()
        ordinal = f"Ext-{self.numeral}" if self.is_extraordinary else self.numeral
        if self.number is None:
            return f"{code}-{ordinal}"
        return f"{code}-{ordinal}-{self.year}"

    def theme_in(self, language: str) -> str:
        return self.theme_es if language == Language.SPANISH else self.theme_en

    def citation_in(self, language: str = "en") -> str:
        """ "RCM XVII", "CRM XVII", "RCGM 2012-06-19", "RCM Ext. II", "SYNTHETIC 3"."""
        return meeting_citation(self.body.citation_code(language), self.kind, self.number, self.start_date)

    @property
    def citation_prefix(self) -> str:
        """How citations of this meeting's principal document start, in the reader's language: "RCM XVII",
        "CRM XVII", "RCGM 2012-06-19"."""
        return self.citation_in(reader_language())

    # Where the first of its documents the reader may read is, from selectors.conferences_for_reading's
    # annotation; the first of its kind at the meeting, as nearly always.
    @property
    def readable_text_url(self) -> str:
        return reverse("declaration_detail", args=[self, self.readable_outcome_kind.replace("_", "-")])

    @property
    def readable_text_label(self) -> str:
        return OutcomeKind(self.readable_outcome_kind).label

    def principal_outcome(self) -> "OutcomeDocument":
        """Its principal document, made a declaration if it has none yet: where its texts and decisions go
        when nobody says which of its documents they belong to."""
        outcome, _created = OutcomeDocument.objects.get_or_create(
            conference=self, position=1, defaults={"kind": OutcomeDocument.Kind.DECLARATION}
        )
        return outcome


class ParticipationRole(models.TextChoices):
    MEMBER_STATE = "member_state", gettext_lazy("Member state")
    OBSERVER_STATE = "observer_state", gettext_lazy("Observer country")
    OBSERVER_ORGANIZATION = "observer_organization", gettext_lazy("Observer organization")
    SPECIAL_GUEST = "special_guest", gettext_lazy("Special guest")

    @property
    def heading(self) -> str:
        """How a list of the participants in this role is headed: "Member states"."""
        return PARTICIPANT_HEADINGS[self]


PARTICIPANT_HEADINGS = {
    ParticipationRole.MEMBER_STATE: gettext_lazy("Member states"),
    ParticipationRole.OBSERVER_STATE: gettext_lazy("Observer countries"),
    ParticipationRole.OBSERVER_ORGANIZATION: gettext_lazy("Observer organizations"),
    ParticipationRole.SPECIAL_GUEST: gettext_lazy("Special guests"),
}


# A participant is a state or an organization; RCM bodies do not take part in conferences, they are part of them.
PARTICIPANT_KINDS = (STATE, ORGANIZATION)


class Participation(NamesOneActor):
    """Who took part in a conference, and in what role; "as" says in whose name, when the text says so."""

    Role = ParticipationRole
    actor_kinds = PARTICIPANT_KINDS

    conference = models.ForeignKey(
        Conference, verbose_name=gettext_lazy("conference"), on_delete=models.CASCADE, related_name="participations"
    )
    role = models.CharField(gettext_lazy("role"), max_length=21, choices=Role.choices)
    country = models.ForeignKey(
        Country,
        verbose_name=gettext_lazy("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participations",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=gettext_lazy("organization"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participations",
    )
    as_note = models.CharField(
        pgettext_lazy("in the name of", "as"),
        max_length=300,
        blank=True,
        help_text=gettext_lazy('In whose name, e.g. "representative of the South American Conference on Migration"'),
        validators=[validate_characters],
    )
    position = models.PositiveSmallIntegerField(
        gettext_lazy("position"),
        default=0,
        validators=PARTICIPANT_POSITIONS.validators,
        help_text=gettext_lazy("Order within its role"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["conference", "role", "position"]
        constraints = [
            models.CheckConstraint(
                condition=exactly_one_actor(PARTICIPANT_KINDS),
                name="participation_is_a_country_or_an_organization",
                violation_error_message=gettext_lazy("Choose a country or an organization, not both."),
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(
                        role__in=[ParticipationRole.MEMBER_STATE, ParticipationRole.OBSERVER_STATE],
                        country__isnull=False,
                    )
                    | models.Q(role=ParticipationRole.OBSERVER_ORGANIZATION, organization__isnull=False)
                    | models.Q(role=ParticipationRole.SPECIAL_GUEST)
                ),
                name="participation_role_fits_participant",
                violation_error_message=gettext_lazy(
                    "Member states and observer countries are countries; observer organizations are organizations."
                ),
            ),
            models.UniqueConstraint(
                fields=["conference", "country"],
                condition=models.Q(country__isnull=False),
                name="participation_country_once_per_conference",
                violation_error_message=gettext_lazy("This country is listed already."),
            ),
            models.UniqueConstraint(
                fields=["conference", "organization"],
                condition=models.Q(organization__isnull=False),
                name="participation_organization_once_per_conference",
                violation_error_message=gettext_lazy("This organization is listed already."),
            ),
            models.CheckConstraint(
                condition=PARTICIPANT_POSITIONS.condition("position"),
                name="participation_position_in_range",
                violation_error_message=PARTICIPANT_POSITIONS.message,
            ),
        ]

    def __str__(self) -> str:
        return _("%(actor)s at the %(meeting)s (%(role)s)") % {
            "actor": self.actor,
            "meeting": self.conference,
            "role": self.get_role_display(),
        }

    def text_conference_ids(self) -> set[int]:
        return {self.conference_id}

    @property
    def text_part(self) -> str:
        return _("the participants of the %(meeting)s") % {"meeting": self.conference}


class OutcomeKind(models.TextChoices):
    # The values are rcm.lib.citations', which writes how a citation names a document of each kind.
    DECLARATION = citations.DECLARATION, gettext_lazy("Declaration")
    JOINT_COMMUNIQUE = citations.JOINT_COMMUNIQUE, gettext_lazy("Joint Communiqué")
    EXTRAORDINARY_DECLARATION = citations.EXTRAORDINARY_DECLARATION, gettext_lazy("Extraordinary Declaration")
    CONCLUSIONS = citations.CONCLUSIONS, gettext_lazy("Conclusions and Recommendations")
    ACTION_PLAN = citations.ACTION_PLAN, gettext_lazy("Action Plan")
    OTHER = citations.OTHER, gettext_lazy("Other document")

    @property
    def item_word(self) -> str:
        """What its numbered items are called: "Decision", "Agreement", "Conclusion"."""
        return ITEM_WORDS.get(self, "Decision")


ITEM_WORDS = {OutcomeKind.JOINT_COMMUNIQUE: "Agreement", OutcomeKind.CONCLUSIONS: "Conclusion"}
SPANISH_ITEM_WORDS = {"Decision": "Decisión", "Agreement": "Acuerdo", "Conclusion": "Conclusión"}


class OutcomeDocument(Revisioned):
    """One document a meeting adopted (its declaration, a joint communiqué, an extraordinary declaration, the
    RCGM's conclusions...), whatever the languages it was written in: its texts in each language are its
    Declarations, its numbered items its Decisions.

    The first document of a meeting is its principal one, whose items are cited and addressed as the
    meeting's ("RCM XVII/5", /conferences/17/decisions/5/); the others by their kind ("RCM XXIII JC/4",
    /conferences/23/joint-communique/4/). Positions are never renumbered, so neither are citations.
    """

    Kind = OutcomeKind

    conference = models.ForeignKey(
        Conference, verbose_name=gettext_lazy("conference"), on_delete=models.PROTECT, related_name="outcomes"
    )
    kind = models.CharField(gettext_lazy("kind"), max_length=25, choices=Kind.choices, default=Kind.DECLARATION)
    position = models.PositiveSmallIntegerField(
        gettext_lazy("position"),
        default=1,
        validators=[MinValueValidator(1)],
        help_text=gettext_lazy("Its place among the meeting's documents"),
    )
    # Which document of its kind at the meeting it is (2 for a second declaration), given when it is made
    # and never changed, so that its address and citations hold even if an earlier one is removed.
    ordinal = models.PositiveSmallIntegerField(gettext_lazy("ordinal"), default=1, validators=[MinValueValidator(1)])
    history = HistoricalRecords()

    class Meta:
        ordering = ["conference_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "position"], name="outcome_position_unique_per_meeting"),
            models.UniqueConstraint(fields=["conference", "kind", "ordinal"], name="outcome_ordinal_unique_per_kind"),
            models.CheckConstraint(
                condition=models.Q(position__gte=1, ordinal__gte=1), name="outcome_position_and_ordinal_from_one"
            ),
        ]

    def __str__(self) -> str:
        return _("%(kind)s of the %(meeting)s") % {"kind": self.get_kind_display(), "meeting": self.conference}

    def text_conference_ids(self) -> set[int]:
        return {self.conference_id}

    @property
    def text_part(self) -> str:
        return _("the %(document)s") % {"document": self}

    @property
    def is_principal(self) -> bool:
        return self.position == 1

    @property
    def slug(self) -> str:
        """ "declaration", "joint-communique", "declaration-2": its part of its addresses."""
        return self.kind.replace("_", "-") + (f"-{self.ordinal}" if self.ordinal > 1 else "")

    def citation_in(self, language: str = "en", conference: Conference | None = None) -> str:
        """ "RCM XVII" for the principal document, "RCM XXIII JC", "CRM XXIII CC" for the others.

        `conference` is its meeting where the caller has it already (a decision's, fetched with it)."""
        meeting = (conference or self.conference).citation_in(language)
        if self.is_principal:
            return meeting
        return citations.document_citation(meeting, self.kind, self.ordinal, language)

    @property
    def citation_prefix(self) -> str:
        return self.citation_in(reader_language())

    @property
    def item_word(self) -> str:
        return self.Kind(self.kind).item_word

    def get_absolute_url(self) -> str:
        return reverse("declaration_detail", args=[self.conference, self.slug])


class DeclarationStatus(models.TextChoices):
    DRAFT = "draft", gettext_lazy("Draft")
    CIRCULATED = "circulated", gettext_lazy("Circulated to delegates")
    PUBLISHED = "published", gettext_lazy("Published")


class Declaration(Revisioned):
    """The text of an outcome document in one language: a draft for the Secretariat, then circulated to
    delegates, then published for everyone by a publisher. (Named for the commonest kind of document.)"""

    Status = DeclarationStatus

    outcome = models.ForeignKey(
        OutcomeDocument, verbose_name=gettext_lazy("outcome"), on_delete=models.PROTECT, related_name="texts"
    )
    # Its outcome's meeting, kept beside it (save() sets it) so that the many questions asked of texts by
    # meeting ("the published texts of the XVII") need no join.
    conference = models.ForeignKey(
        Conference,
        verbose_name=gettext_lazy("conference"),
        on_delete=models.PROTECT,
        related_name="declarations",
        editable=False,
    )
    language = models.CharField(gettext_lazy("language"), max_length=2, choices=Language.choices)
    title = models.CharField(
        gettext_lazy("title"),
        max_length=300,
        help_text=gettext_lazy("The title block's first line, as adopted"),
        validators=[validate_characters],
    )
    opening = models.TextField(
        gettext_lazy("opening"),
        blank=True,
        help_text=gettext_lazy("The opening paragraph: which meeting, who took part, where and when"),
        validators=[validate_characters],
    )
    chapeau = models.CharField(
        gettext_lazy("chapeau"),
        max_length=300,
        blank=True,
        help_text=gettext_lazy('The line that introduces the paragraphs ("The Vice-Ministers...:")'),
        validators=[validate_characters],
    )
    decisions_chapeau = models.TextField(
        gettext_lazy("chapeau of the decisions"),
        blank=True,
        help_text=gettext_lazy(
            'The sentence that introduces the decisions, after the paragraphs ("..., the Vice-Ministers reached the '
            'following:")'
        ),
        validators=[validate_characters],
    )
    decisions_heading = models.CharField(
        gettext_lazy("decisions heading"),
        max_length=100,
        blank=True,
        help_text=gettext_lazy('As the text words it; left empty, pages print "Decisions" in the text\'s language'),
        validators=[validate_characters],
    )
    status = models.CharField(gettext_lazy("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(gettext_lazy("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("published by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    corrected_at = models.DateTimeField(
        gettext_lazy("corrected at"),
        null=True,
        blank=True,
        help_text=gettext_lazy("When a publisher last corrected the text after publishing it"),
    )
    created_at = models.DateTimeField(gettext_lazy("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(gettext_lazy("updated at"), auto_now=True)
    # The opening, the chapeau and the decisions' chapeau in the text's language configuration, weighted A, B
    # and C so that a search finds each apart (decisions.search); kept by a PostgreSQL trigger (migration
    # declarations 0015), as a paragraph's is.
    search_vector = SearchVectorField(gettext_lazy("search vector"), null=True, editable=False)
    history = HistoricalRecords(excluded_fields=["search_vector"])

    class Meta:
        ordering = ["conference", "language"]
        permissions = [
            ("publish_declaration", "Can publish and unpublish texts, and correct published ones"),
            ("view_circulated", "Can read texts circulated to delegates"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["outcome", "language"],
                condition=models.Q(status=DeclarationStatus.PUBLISHED),
                name="declaration_one_published_per_outcome_and_language",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=DeclarationStatus.PUBLISHED) | models.Q(published_at__isnull=False),
                name="declaration_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return _("%(kind)s of the %(meeting)s (%(language)s)") % {
            "kind": self.get_kind_display(),
            "meeting": self.conference,
            "language": self.language,
        }

    def save(self, *args, **kwargs) -> None:
        if self.outcome_id is None and self.conference_id is not None:
            self.outcome = self.conference.principal_outcome()
        self.conference_id = self.outcome.conference_id
        super().save(*args, **kwargs)

    @property
    def kind(self) -> str:
        return self.outcome.kind

    def get_kind_display(self) -> str:
        return self.outcome.get_kind_display()

    def get_absolute_url(self) -> str:
        return self._url("declaration_detail")

    def get_json_url(self) -> str:
        return self._url("declaration_json")

    def get_pdf_url(self) -> str:
        return self._url("declaration_pdf")

    def get_language_url(self) -> str:
        """This text's page, whatever the reader's language: the short address shows the reader's language
        where the document has it, so a link to a text in a given language names the language."""
        return reverse("declaration_detail_language", args=[self.conference, self.outcome.slug, self.language])

    def _url(self, name: str) -> str:
        # English is the RCM's first language of record: its text has the short addresses.
        if self.language == Language.ENGLISH:
            return reverse(name, args=[self.conference, self.outcome.slug])
        return reverse(f"{name}_language", args=[self.conference, self.outcome.slug, self.language])

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_circulated(self) -> bool:
        return self.status == self.Status.CIRCULATED

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def decision_word(self) -> str:
        """What its numbered items are called, in this text's language: "Decision", "Acuerdo"."""
        word = self.outcome.item_word
        return SPANISH_ITEM_WORDS[word] if self.language == Language.SPANISH else word

    @property
    def theme(self) -> str:
        """The conference's theme in this declaration's language."""
        return self.conference.theme_in(self.language)


class Paragraph(models.Model):
    """One paragraph of a declaration, cited by its position ("RCM XVII, paragraph 3")."""

    declaration = models.ForeignKey(
        Declaration, verbose_name=gettext_lazy("declaration"), on_delete=models.CASCADE, related_name="paragraphs"
    )
    position = models.PositiveSmallIntegerField(gettext_lazy("position"), validators=PARAGRAPH_POSITIONS.validators)
    verb = models.CharField(
        gettext_lazy("verb"),
        max_length=60,
        help_text=gettext_lazy('The opening verb, e.g. "Recognized", "Reaffirming"'),
        validators=[validate_characters],
    )
    text = models.TextField(
        gettext_lazy("text"),
        help_text=gettext_lazy("The whole paragraph, as adopted, its opening verb included"),
        validators=[validate_characters],
    )
    documents = models.ManyToManyField(ExternalDocument, blank=True, related_name="paragraphs")
    # The text in its declaration's language configuration, kept by a PostgreSQL trigger (as for Conference).
    search_vector = SearchVectorField(gettext_lazy("search vector"), null=True, editable=False)
    history = HistoricalRecords(excluded_fields=["search_vector"])

    class Meta:
        ordering = ["declaration", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["declaration", "position"], name="paragraph_position_unique_per_declaration"
            ),
            models.CheckConstraint(
                condition=PARAGRAPH_POSITIONS.condition("position"),
                name="paragraph_position_in_range",
                violation_error_message=PARAGRAPH_POSITIONS.message,
            ),
        ]

    def __str__(self) -> str:
        declaration = self.declaration
        language = reader_language()
        return paragraph_citation(
            declaration.outcome.citation_in(language, conference=declaration.conference), self.position, language
        )

    def get_absolute_url(self) -> str:
        # On the page of its text's language: the short address shows the reader's, whose paragraph of that
        # number is another text.
        return f"{self.declaration.get_language_url()}#{self.anchor}"

    @property
    def text_part(self) -> str:
        return _("paragraph %(number)s of the %(text)s") % {"number": self.position, "text": self.declaration}

    @property
    def anchor(self) -> str:
        return f"paragraph-{self.position}"
