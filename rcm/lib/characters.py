"""Which characters a text may hold: the one rule for every text typed, imported or written out.

XML 1.0 (Atom feeds, XLSX sheets, Word files) cannot hold the C0 control characters other than tab,
newline and carriage return, nor U+FFFE and U+FFFF; PostgreSQL refuses NUL; UTF-8 cannot encode a lone
surrogate; and PDF fonts have no glyph for any of them. None of them is ever part of a legal text.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext, gettext_lazy

FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# Word writes a manual line break as a vertical tab, and text exports a page break as a form feed.
LINE_BREAKS = {"\x0b": gettext_lazy("vertical tab"), "\x0c": gettext_lazy("page break")}
_CONTEXT = 30  # characters shown before the one refused, so that a person can find it in a long text


def forbidden_character(text: str) -> str | None:
    """What is wrong with `text`, as "contains a control character (U+000B) at character 8, after
    “Approve”; remove it"; None when it holds none of the forbidden characters."""
    found = FORBIDDEN.search(text)
    if found is None:
        return None
    character = found.group()
    before = " ".join(text[max(0, found.start() - _CONTEXT) : found.start()].split())
    where = {"code": f"U+{ord(character):04X}", "position": found.start() + 1, "before": before}
    if character < " ":
        if before:
            return (
                gettext(
                    "contains a control character (%(code)s) at character %(position)s, after “%(before)s”; remove it"
                )
                % where
            )
        return gettext("contains a control character (%(code)s) at character %(position)s; remove it") % where
    if before:
        return (
            gettext(
                "contains a character that is not text (%(code)s) at character %(position)s, after “%(before)s”; "
                "remove it"
            )
            % where
        )
    return gettext("contains a character that is not text (%(code)s) at character %(position)s; remove it") % where


def validate_characters(value: str) -> None:
    """The model field validator of every text a person types or imports."""
    problem = forbidden_character(value)
    if problem:
        raise ValidationError(f"{problem[0].upper()}{problem[1:]}.", code="control_character")


def printable(text: str) -> str:
    """The text as XML and PDFs can hold it, for records stored before the rule: a vertical tab or a
    page break becomes a line break, the other forbidden characters are dropped."""
    return FORBIDDEN.sub(lambda found: "\n" if found.group() in LINE_BREAKS else "", text)
