"""Citations of decisions written inside a text, made links to the decisions they cite (docs/citations.md)."""

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from decisions.selectors import cited_decision, readable_decisions
from rcm.lib.citations import citations_in

register = template.Library()


@register.filter
def with_citation_links(text: str, user) -> SafeString:
    """`text`, escaped, with each citation of a decision that `user` may read ("RCM XVII/5", "XVII/5",
    "decision 5 of the XVII Conference") a link to it; a citation of a decision that is not stored, or
    that only a draft holds for this reader, stays plain text (declarations.access decides)."""
    found = citations_in(text or "")
    if not found:
        return escape(text or "")
    readable = readable_decisions(user)
    parts, done = [], 0
    for start, end, citation in found:
        decision = cited_decision(citation, readable)
        parts.append(escape(text[done:start]))
        words = text[start:end]
        parts.append(
            format_html('<a href="{}">{}</a>', decision.get_absolute_url(), words) if decision else escape(words)
        )
        done = end
    parts.append(escape(text[done:]))
    return mark_safe("".join(parts))  # noqa: S308 (every part is escaped above)
