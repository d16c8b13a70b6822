"""Filters of the public lists, from the query string, so that a filtered list's address can be shared."""

import datetime

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from declarations.models import Conference, Language, Paragraph
from rcm.lib import search


class WordsFilter(django_filters.CharFilter):
    field_class = search.WordsField


class SearchLanguageFilter(django_filters.Filter):
    """Which texts the words (`q`) are looked for in: English, Spanish or both, the reader's by default. It
    filters nothing itself: the filter of the words reads it (ConferenceFilterSet.search_languages)."""

    field_class = search.LanguageField

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("label", search.LANGUAGE_LABEL)
        super().__init__(**kwargs)

    def filter(self, queryset: QuerySet, value) -> QuerySet:
        return queryset


class FilterSelect(forms.Select):
    """Django's select, its options written in one loop of its template: Django's own includes two templates
    for each option, which made the form a third of the decisions' page's template time (docs/search.md, "The filter
    page, one request"). A select's option carries no attribute but `selected` (option_inherits_attrs)."""

    template_name = "declarations/_filter_select.html"


class ConferenceFilterSet(django_filters.FilterSet):
    """Filters by the conference a record belongs to (`conference_path` leads there) and by text."""

    conference_path = "conference"
    # The field of the text searched, and of its language.
    text_field = ""
    language_field = ""

    q = WordsFilter(method="filter_text", label=gettext_lazy("Words"), widget=forms.TextInput(attrs={"type": "search"}))
    conference_from = django_filters.NumberFilter(
        method="filter_conference_from", label=gettext_lazy("From conference"), min_value=1, max_value=9999
    )
    conference_to = django_filters.NumberFilter(
        method="filter_conference_to", label=gettext_lazy("To conference"), min_value=1, max_value=9999
    )
    year_from = django_filters.NumberFilter(
        method="filter_year_from", label=gettext_lazy("From year"), min_value=1, max_value=9999
    )
    year_to = django_filters.NumberFilter(
        method="filter_year_to", label=gettext_lazy("To year"), min_value=1, max_value=9999
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Each select of these filters and of those built on them, before their form fields are made.
        for filter_ in self.filters.values():
            if filter_.field_class.widget is forms.Select:
                filter_.extra.setdefault("widget", FilterSelect)

    def errors_text(self) -> str:
        """What is wrong with the filters, in one line, for the exports and feeds that cannot show the form."""
        return " ".join(
            _("%(filter)s: %(error)s")
            % {"filter": self.form.fields[name].label if name in self.form.fields else _("Filters"), "error": error}
            for name, errors in self.form.errors.items()
            for error in errors
        )

    def filter_text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """Matching rows, the best first unless another order is asked for."""
        matches = self.matching(queryset, value)
        if not search.full_text():
            return matches
        return self.ranked(matches, value).order_by("-rank", *matches.query.order_by)

    def search_languages(self) -> tuple[str, ...]:
        """The languages of the texts searched: those of a SearchLanguageFilter if the set has one, else both."""
        if "language" in self.filters and isinstance(self.filters["language"], SearchLanguageFilter):
            return search.languages_of(self.form.cleaned_data.get("language"))
        return search.LANGUAGES

    def matching(self, queryset: QuerySet, q: str) -> QuerySet:
        return search.matching(queryset, q, text=self.text_field, language_field=self.language_field)

    def ranked(self, queryset: QuerySet, q: str) -> QuerySet:
        return search.ranked(queryset, q)

    # Conference numbers are those of the ordinary meetings (XVII = 17), which is how delegates count them.
    def filter_conference_from(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset.filter(
            **{f"{self.conference_path}__kind": Conference.Kind.ORDINARY, f"{self.conference_path}__number__gte": value}
        )

    def filter_conference_to(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset.filter(
            **{f"{self.conference_path}__kind": Conference.Kind.ORDINARY, f"{self.conference_path}__number__lte": value}
        )

    # Ranges of dates rather than __year, so that the database can use the index on start_date.
    def filter_year_from(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset.filter(**{f"{self.conference_path}__start_date__gte": datetime.date(int(value), 1, 1)})

    def filter_year_to(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset.filter(**{f"{self.conference_path}__start_date__lte": datetime.date(int(value), 12, 31)})


class ParagraphFilter(ConferenceFilterSet):
    conference_path = "declaration__conference"
    text_field = "text"
    language_field = "declaration__language"

    language = django_filters.ChoiceFilter(
        field_name="declaration__language",
        choices=Language.choices,
        label=gettext_lazy("Language"),
        empty_label=gettext_lazy("any"),
    )
    sort = django_filters.ChoiceFilter(
        method="sort_by",
        choices=[("citation", gettext_lazy("oldest first"))],
        label=gettext_lazy("Sort"),
        empty_label=gettext_lazy("newest first"),
    )

    class Meta:
        model = Paragraph
        fields: list[str] = []

    def sort_by(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.order_by("declaration__conference__start_date", "declaration__language", "position")


PARAGRAPHS_NEWEST_FIRST = ["-declaration__conference__start_date", "declaration__language", "position"]
