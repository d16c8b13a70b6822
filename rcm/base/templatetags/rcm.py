from django import template
from django.utils.dateformat import format as format_date
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def conference_dates(conference) -> str:
    """ "21–22 June 2012", "30 June – 1 July 2019"; "planned for 2030" or "2013, dates not recorded"."""
    start, end = conference.start_date, conference.end_date
    if start is None:
        if conference.is_upcoming:
            return f"planned for {conference.planned_year}"
        return f"{conference.planned_year}, dates not recorded"
    if end is None or end == start:
        return format_html('<time datetime="{}">{}</time>', start.isoformat(), format_date(start, "j F Y"))
    if (start.year, start.month) == (end.year, end.month):
        start_format = "j"
    elif start.year == end.year:
        start_format = "j F"
    else:
        start_format = "j F Y"
    separator = "–" if start_format == "j" else " – "
    return format_html(
        '<time datetime="{}">{}</time>{}<time datetime="{}">{}</time>',
        start.isoformat(),
        format_date(start, start_format),
        separator,
        end.isoformat(),
        format_date(end, "j F Y"),
    )


@register.filter
def text_in(decision, language: str) -> str:
    return decision.text_in(language)


@register.filter
def get_item(mapping: dict, key):
    """mapping[key], or None: for dictionaries keyed by id, such as search snippets."""
    return mapping.get(key)
