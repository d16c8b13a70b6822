"""Who and what the RCM's texts name: countries, organizations, RCM bodies and external documents.

Both the declarations and the decisions apps refer to these, so they live here, with what every record
that names one of them shares (ActorKind, NamesOneActor).
"""

from dataclasses import dataclass
from typing import ClassVar, NamedTuple

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from rcm.lib.characters import validate_characters
from rcm.lib.citations import CONFERENCE_CODES, VICE_MINISTERIAL
from rcm.lib.languages import SPANISH, localized, reader_language


def exactly_one_of(*fields: str) -> models.Q:
    """A condition for a CheckConstraint: exactly one of these nullable foreign keys is set."""
    condition = models.Q()
    for chosen in fields:
        condition |= models.Q(**{f"{field}__isnull": field != chosen for field in fields})
    return condition


class NumberRange(NamedTuple):
    """The whole numbers a field may hold, with what a person is told otherwise: the same range for the
    field's validators (forms, full_clean) and its CheckConstraint (every other way of writing)."""

    low: int
    high: int
    message: str

    @property
    def validators(self) -> list:
        return [MinValueValidator(self.low, self.message), MaxValueValidator(self.high, self.message)]

    def allows(self, value: int) -> bool:
        return self.low <= value <= self.high

    def condition(self, field: str, null: bool = False) -> models.Q:
        """A condition for a CheckConstraint; with `null`, an empty field passes too."""
        condition = models.Q(**{f"{field}__gte": self.low, f"{field}__lte": self.high})
        return condition | models.Q(**{f"{field}__isnull": True}) if null else condition


# The RCM first met in 1996; a conference is planned a few years ahead at most.
YEARS = NumberRange(1990, 2100, _("Give a year from 1990 to 2100."))


class Revisioned(models.Model):
    """A record people edit in forms. Its revision counts the saves, so that a save made on a stale
    copy is refused instead of silently overwriting the newer one (rcm.base.services.revision_save)."""

    revision = models.PositiveIntegerField(_("revision"), default=1, editable=False)

    class Meta:
        abstract = True


class Country(Revisioned):
    """A country by its ISO 3166-1 alpha-2 code; RCM member states and the others the texts name."""

    code = models.CharField(_("code"), max_length=2, unique=True, help_text=_("ISO 3166-1 alpha-2, upper case"))
    name_en = models.CharField(_("name (English)"), max_length=100, validators=[validate_characters])
    name_es = models.CharField(_("name (Spanish)"), max_length=100, validators=[validate_characters])
    is_member = models.BooleanField(_("RCM member state"), default=False)
    member_since = models.PositiveSmallIntegerField(
        _("member since"),
        null=True,
        blank=True,
        validators=YEARS.validators,
        help_text=_("Year the country joined the RCM, when known"),
    )
    history = HistoricalRecords()

    name = localized("name")

    class Meta:
        verbose_name_plural = _("countries")
        ordering = ["name_en"]
        constraints = [
            models.CheckConstraint(condition=models.Q(code__regex=r"^[A-Z]{2}$"), name="country_code_is_iso_alpha2"),
            models.CheckConstraint(
                condition=YEARS.condition("member_since", null=True),
                name="country_member_since_in_range",
                violation_error_message=YEARS.message,
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("state_detail", args=[self.code])


class Organization(Revisioned):
    """An organization by its English acronym (IOM, UNHCR, SACM, RNCOM...)."""

    class Kind(models.TextChoices):
        INTERGOVERNMENTAL = "intergovernmental", _("Intergovernmental organization")
        UN = "un", _("United Nations entity")
        REGIONAL_PROCESS = "regional_process", _("Regional consultative process on migration")
        HUMAN_RIGHTS = "human_rights", _("Human rights body")
        HUMANITARIAN = "humanitarian", _("Humanitarian organization")
        CIVIL_SOCIETY = "civil_society", _("Civil society network")

    acronym = models.CharField(_("acronym"), max_length=20, unique=True, help_text=_("English acronym, as cited"))
    acronym_es = models.CharField(_("acronym (Spanish)"), max_length=20, blank=True, validators=[validate_characters])
    name_en = models.CharField(_("name (English)"), max_length=200, validators=[validate_characters])
    name_es = models.CharField(_("name (Spanish)"), max_length=200, blank=True, validators=[validate_characters])
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    history = HistoricalRecords()

    name = localized("name")

    class Meta:
        ordering = ["acronym"]
        constraints = [
            models.UniqueConstraint(Upper("acronym"), name="organization_acronym_unique_any_case"),
            models.CheckConstraint(
                condition=models.Q(acronym__regex=r"^[A-Za-z0-9-]+$"),
                name="organization_acronym_is_url_safe",
            ),
        ]

    def __str__(self) -> str:
        return self.short_name

    def get_absolute_url(self) -> str:
        return reverse("organization_detail", args=[self.acronym])

    @property
    def short_name(self) -> str:
        """Its acronym in the reader's language: IOM, "OIM" in Spanish. Addresses keep the English one."""
        if reader_language() == SPANISH and self.acronym_es:
            return self.acronym_es
        return self.acronym


class Body(Revisioned):
    """A part of the RCM: the Technical Secretariat, the RCGM, a network or an ad hoc working group."""

    class Kind(models.TextChoices):
        VICE_MINISTERIAL = "vice_ministerial", _("Vice-Ministerial Meeting")
        SECRETARIAT = "secretariat", _("Technical Secretariat")
        CONSULTATION_GROUP = "consultation_group", _("Consultation group")
        PRESIDENCY = "presidency", _("Presidency")
        LIAISON_NETWORK = "liaison_network", _("Network of liaison officers")
        WORKING_GROUP = "working_group", _("Ad hoc working group")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    acronym = models.CharField(_("acronym"), max_length=20, blank=True, validators=[validate_characters])
    acronym_es = models.CharField(
        _("acronym (Spanish)"),
        max_length=20,
        blank=True,
        help_text=_("Where it differs: GRCM"),
        validators=[validate_characters],
    )
    name_en = models.CharField(_("name (English)"), max_length=200, validators=[validate_characters])
    name_es = models.CharField(_("name (Spanish)"), max_length=200, blank=True, validators=[validate_characters])
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    members = models.ManyToManyField(
        Country, blank=True, related_name="bodies", help_text=_("For a body composed of named states")
    )
    history = HistoricalRecords(m2m_fields=[members])

    name = localized("name")

    class Meta:
        verbose_name_plural = _("bodies")
        ordering = ["name_en"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("body_detail", args=[self.slug])

    @property
    def short_name(self) -> str:
        """Its acronym in the reader's language (RCGM, "GRCM" in Spanish), or its name when it has none."""
        if reader_language() == SPANISH and self.acronym_es:
            return self.acronym_es
        return self.acronym or self.name

    @property
    def is_conference(self) -> bool:
        """Whether this is the Vice-Ministerial Meeting, whose meetings are the RCM's numbered conferences."""
        return self.slug == VICE_MINISTERIAL

    def citation_code(self, language: str = "en") -> str:
        """How citations name this body's meetings: "RCM" for the conference, "RCGM" ("GRCM" in Spanish)."""
        if self.is_conference:
            return CONFERENCE_CODES[language]
        if language == "es" and self.acronym_es:
            return self.acronym_es
        return self.acronym or self.slug


@dataclass(frozen=True)
class ActorKind:
    """A kind of actor that the texts name, and how each part of the archive calls it.

    The RCM's word for a country is "state" (member states, observer states), and the public side says
    so: addresses (/states/MX/, /staff/states/), filters (?state=MX), the JSON schema ("states"), the
    staff screens' and the history's kinds ("state"). The code's model is Country, and a record names
    one by its foreign key "country". This is the one place that maps the one to the other.
    """

    word: str  # "state": in addresses, filters and staff kinds
    plural: str  # "states": in the JSON schema and list addresses
    field: str  # "country": the foreign key of a record that names one (NamesOneActor)
    model: type[Revisioned]
    natural_key: str  # "code": the field that addresses and the JSON schema name one by


STATE = ActorKind("state", "states", "country", Country, "code")
BODY = ActorKind("body", "bodies", "body", Body, "slug")
ORGANIZATION = ActorKind("organization", "organizations", "organization", Organization, "acronym")
ACTOR_KINDS = (STATE, BODY, ORGANIZATION)  # the order of the JSON schema and of the forms
ACTOR_KINDS_BY_WORD = {kind.word: kind for kind in ACTOR_KINDS}


def actor_kind_of(actor: Country | Body | Organization) -> ActorKind:
    return next(kind for kind in ACTOR_KINDS if isinstance(actor, kind.model))


def exactly_one_actor(kinds: tuple[ActorKind, ...]) -> models.Q:
    """The condition of a NamesOneActor model's CheckConstraint: exactly one of its actor fields is set."""
    return exactly_one_of(*(kind.field for kind in kinds))


class NamesOneActor(models.Model):
    """A record that names exactly one actor: one nullable foreign key per kind of actor it may name,
    each called as ActorKind.field says, `actor_kinds` listing them, and a CheckConstraint in its Meta
    made by exactly_one_actor(actor_kinds), which keeps its own name in each model."""

    actor_kinds: ClassVar[tuple[ActorKind, ...]] = ACTOR_KINDS

    class Meta:
        abstract = True

    @classmethod
    def actor_fields(cls) -> list[str]:
        """Its actor fields, for select_related: a record is shown by whom it names."""
        return [kind.field for kind in cls.actor_kinds]

    @property
    def actor_kind(self) -> ActorKind | None:
        return next((kind for kind in self.actor_kinds if getattr(self, f"{kind.field}_id")), None)

    @property
    def actor_id(self) -> int | None:
        kind = self.actor_kind
        return getattr(self, f"{kind.field}_id") if kind else None

    @property
    def actor(self) -> Country | Body | Organization | None:
        kind = self.actor_kind
        return getattr(self, kind.field) if kind else None

    @staticmethod
    def naming(actor: Country | Body | Organization) -> dict[str, Country | Body | Organization]:
        """The field and value of a record naming `actor`: Mention.objects.filter(**Mention.naming(actor))."""
        return {actor_kind_of(actor).field: actor}


class ExternalDocument(models.Model):
    """A document the texts refer to: the Santa Fe Document, the UN Protocols, other processes' texts."""

    class Kind(models.TextChoices):
        RCM = "rcm", _("RCM document")
        TREATY = "treaty", _("International instrument")
        OTHER = "other", _("Other document")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title_en = models.CharField(_("title (English)"), max_length=300, validators=[validate_characters])
    title_es = models.CharField(_("title (Spanish)"), max_length=300, blank=True, validators=[validate_characters])
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)

    title = localized("title")

    class Meta:
        ordering = ["title_en"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("document_detail", args=[self.slug])
