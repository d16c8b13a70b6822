import hashlib
from datetime import date

from django import template
from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from rcm.lib import words
from rcm.lib.languages import SPANISH, InLanguage, in_reader_language, other_language, reader_language
from rcm.lib.pagecache import cached_fragments

register = template.Library()


@register.filter
def person(user) -> str:
    """ "María Solano" (or her sign-in name): who did something, for the staff pages."""
    return words.person_name(user)


@register.filter
def moment(value) -> str:
    """ "2 Dec 2026, 07:03 UTC": when something was done, in the site's time zone, named."""
    return words.moment(value)


def _time(day: date, shown: str) -> SafeString:
    return format_html('<time datetime="{}">{}</time>', day.isoformat(), shown)


@register.simple_tag
def conference_dates(conference) -> str:
    """ "21–22 June 2012", "30 June – 1 July 2019"; in Spanish "21 y 22 de junio de 2012", "del 30 de junio
    al 1 de julio de 2019"; "planned for 2030" or "2013, dates not recorded"."""
    start, end = conference.start_date, conference.end_date
    if start is None:
        if conference.is_upcoming:
            return _("planned for %(year)s") % {"year": conference.planned_year}
        return _("%(year)s, dates not recorded") % {"year": conference.planned_year}
    if end is None or end == start:
        return _time(start, date_format(start))
    if reader_language() == SPANISH:
        return _spanish_range(start, end)
    if (start.year, start.month) == (end.year, end.month):
        start_format = "j"
    elif start.year == end.year:
        start_format = "j F"
    else:
        start_format = "j F Y"
    separator = "–" if start_format == "j" else " – "
    return format_html(
        "{}{}{}", _time(start, date_format(start, start_format)), separator, _time(end, date_format(end))
    )


def _spanish_range(start: date, end: date) -> SafeString:
    """As the RCM's Spanish texts write a meeting's days: "21 y 22 de junio de 2012" for two days,
    "del 14 al 18 de junio de 2012", "del 30 de junio al 1 de julio de 2019"."""
    if (start.year, start.month) == (end.year, end.month):
        first = date_format(start, "j")
    elif start.year == end.year:
        first = date_format(start, r"j \d\e F")
    else:
        first = date_format(start)
    if (end - start).days == 1:
        return format_html("{} y {}", _time(start, first), _time(end, date_format(end)))
    return format_html("del {} al {}", _time(start, first), _time(end, date_format(end)))


@register.filter
def text_in(decision, language: str) -> str:
    return decision.text_in(language)


@register.filter
def get_item(mapping: dict, key):
    """mapping[key], or None: for dictionaries keyed by id, such as search snippets."""
    return mapping.get(key)


@register.simple_tag
def excerpt(record, words: int, field: str = "text") -> SafeString:
    """The first `words` words of a record's text (a decision's) in the reader's language, or in the other
    when it has none in the reader's, marked with its language: `{% excerpt decision 24 %}`."""
    text = in_reader_language(record, field)
    return format_html('<span lang="{}">{}</span>', text.lang, Truncator(text).words(words))


@register.filter
def in_language(record, field: str):
    """`record.<field>_en` or `_es` in the reader's language (rcm.lib.languages.in_reader_language), with its
    `.lang`: for records without a localized property, `{% with text=decision|in_language:"text" %}`."""
    return in_reader_language(record, field)


@register.filter
def other_name(record, field: str) -> InLanguage | str:
    """The record's `<field>` in the language it is not shown in (`record.<field>` shows the reader's), to
    show beside it marked with its `.lang`; "" when it has none or it reads the same."""
    shown = in_reader_language(record, field)
    language = other_language(shown.lang)
    value = getattr(record, f"{field}_{language}")
    return InLanguage(value, language) if value and value != shown else ""


@register.filter
def other_acronym(organization) -> str:
    """An organization's acronym in the language other than the reader's (IOM beside OIM), or "" when it has
    one acronym only."""
    other = organization.acronym_es if organization.short_name == organization.acronym else organization.acronym
    return other if other and other != organization.short_name else ""


@register.filter
def chosen_filters(form) -> int:
    """How many of a list's filters the reader has set: what the filters' summary says when they are closed."""
    return sum(1 for field in form if field.data not in (None, "", []))


@register.simple_tag
def filter_field(field) -> SafeString:
    """A field of a public list's filters, its label, input and errors, written once for each value and errors
    and kept with the parts of public pages (cached_fragments): the same on every page that asks for the same
    value, where writing the form's sixteen fields was the largest part left of a filter's time (docs/search.md,
    "The filter page, one request"). Its options depend on nothing else but the records and the interface
    language, which cached_fragments keeps them under.
    """
    form = field.form
    key = repr((type(form).__qualname__, form.prefix, form.is_bound, field.name, field.value(), list(field.errors)))
    key = hashlib.sha256(key.encode()).hexdigest()
    return cached_fragments(
        "filter-field", [key], lambda keys: {key: render_to_string("_filter_field.html", {"field": field})}
    )[0]
