"""The filters of the list of decisions (/decisions/), its exports and its feed."""

import django_filters
import django_filters.fields
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy, pgettext_lazy

from decisions import search
from decisions.models import Decision, ImplementationStatus, Link, Mention, Topic
from decisions.selectors import published_decisions
from declarations.filters import ConferenceFilterSet, SearchLanguageFilter
from declarations.models import OutcomeDocument
from rcm.base.models import ACTOR_KINDS, Body, Country, Organization

# Within a meeting, its documents in the order they were made (the principal one first), then by number.
DECISIONS_NEWEST_FIRST = ["-conference__start_date", "conference__kind", "-conference__number", "outcome_id", "number"]
DECISIONS_BY_CITATION = [
    "conference__body_id", "conference__kind", "conference__number", "conference__start_date", "outcome_id", "number"
]  # fmt: skip

# "Has been followed up", from the kinds of links another decision can make to this one.
LINK_FILTER_CHOICES = [
    (Link.Kind.FOLLOWS_UP_ON, pgettext_lazy("verb", "followed up")),
    (Link.Kind.AMENDS, pgettext_lazy("verb", "amended")),
    (Link.Kind.SUPERSEDES, pgettext_lazy("verb", "superseded")),
    (Link.Kind.RENEWS, pgettext_lazy("verb", "renewed")),
    (Link.Kind.IMPLEMENTS, pgettext_lazy("verb", "implemented")),
    (Link.Kind.RECALLS, pgettext_lazy("verb", "recalled")),
    (Link.Kind.REFERS_TO, pgettext_lazy("verb", "referred to")),
]


class FewChoices(django_filters.fields.ModelChoiceIterator):
    """A filter's choices in one query. Django reads them with iterator(), which on PostgreSQL is a
    server-side cursor (DECLARE, FETCH, CLOSE): made for long lists, three round trips for a dozen states,
    five times over in the decisions' form (docs/search.md, "Measured")."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        # The field's own queryset, a copy made for its form: its rows, once fetched, serve the form again.
        for record in self.queryset:
            yield self.choice(record)


class FewChoicesField(django_filters.fields.ModelChoiceField):
    iterator = FewChoices

    def to_python(self, value):
        """The chosen record found among the choices that the form shows too: one query for both rather
        than one each (docs/search.md, "The filter page, one request")."""
        if value in self.empty_values:
            return None
        self.validate_no_null_characters(value)
        key = self.to_field_name or "pk"
        if isinstance(value, self.queryset.model):
            value = getattr(value, key)
        for record in self.queryset:
            if str(getattr(record, key)) == str(value):
                return record
        raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value})


class FewChoicesFilter(django_filters.ModelChoiceFilter):
    field_class = FewChoicesField


class DecisionFilter(ConferenceFilterSet):
    # Searched in the languages asked for, of those their reader may read (decisions.search).
    def matching(self, queryset: QuerySet, q: str) -> QuerySet:
        return search.matching_decisions(queryset, q, self.search_languages())

    def ranked(self, queryset: QuerySet, q: str) -> QuerySet:
        return search.ranked_decisions(queryset, q, self.search_languages())

    language = SearchLanguageFilter()

    adopted_by = FewChoicesFilter(
        queryset=Body.objects.filter(meetings__isnull=False).distinct(), field_name="conference__body",
        to_field_name="slug", empty_label=gettext_lazy("any body"), label=gettext_lazy("Adopted by"),
    )  # fmt: skip
    document = django_filters.ChoiceFilter(
        choices=OutcomeDocument.Kind.choices,
        field_name="outcome__kind",
        empty_label=gettext_lazy("any document"),
        label=gettext_lazy("In a"),
    )
    topic = FewChoicesFilter(
        queryset=Topic.objects.all(),
        field_name="topics",
        to_field_name="slug",
        empty_label=gettext_lazy("any"),
        label=gettext_lazy("Topic"),
    )
    # One filter per kind of actor, named by its word (rcm.base.models.ActorKind): ?state=MX, ?body=rcgm.
    state = FewChoicesFilter(
        queryset=Country.objects.order_by("-is_member", "name_en"), to_field_name="code", method="filter_actor",
        empty_label=gettext_lazy("any"), label=pgettext_lazy("country", "State"),
    )  # fmt: skip
    organization = FewChoicesFilter(
        queryset=Organization.objects.all(), to_field_name="acronym", method="filter_actor",
        empty_label=gettext_lazy("any"), label=gettext_lazy("Organization"),
    )  # fmt: skip
    body = FewChoicesFilter(
        queryset=Body.objects.all(),
        to_field_name="slug",
        method="filter_actor",
        empty_label=gettext_lazy("any"),
        label=gettext_lazy("RCM body"),
    )
    role = django_filters.ChoiceFilter(
        choices=Mention.Role.choices,
        method="filter_role",
        label=gettext_lazy("Named as"),
        empty_label=gettext_lazy("mandated or mentioned"),
    )
    linked = django_filters.ChoiceFilter(
        choices=LINK_FILTER_CHOICES,
        method="filter_linked",
        label=gettext_lazy("Has been"),
        empty_label=gettext_lazy("anything"),
    )
    # Not "Status": Spanish says "Estado" for a status and for a state, and the form has both.
    status = django_filters.ChoiceFilter(
        choices=ImplementationStatus.choices, empty_label=gettext_lazy("any"), label=gettext_lazy("Implementation")
    )
    sort = django_filters.ChoiceFilter(
        method="sort_by",
        choices=[("citation", gettext_lazy("by citation"))],
        label=gettext_lazy("Sort"),
        empty_label=gettext_lazy("newest first"),
    )

    class Meta:
        model = Decision
        fields: list[str] = []

    def filter_actor(self, queryset: QuerySet, name: str, value) -> QuerySet:
        """Decisions that name this state, organization or body (in the role asked for, if any)."""
        mentions = Mention.objects.filter(decision=OuterRef("pk"), **Mention.naming(value))
        role = self.form.cleaned_data.get("role")
        if role:
            mentions = mentions.filter(role=role)
        return queryset.filter(Exists(mentions))

    def filter_role(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # The role qualifies the state, organization or body chosen (filter_actor); alone it means
        # "names someone in this role".
        if any(self.form.cleaned_data.get(kind.word) for kind in ACTOR_KINDS):
            return queryset
        return queryset.filter(Exists(Mention.objects.filter(decision=OuterRef("pk"), role=value)))

    def filter_linked(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """Decisions that a published decision follows up on, supersedes, renews..."""
        links = Link.objects.filter(target_decision=OuterRef("pk"), kind=value, source__in=published_decisions())
        return queryset.filter(Exists(links))

    def sort_by(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.order_by(*DECISIONS_BY_CITATION)
