"""URL converters: the parts of addresses that people cite ("/conferences/17/", "/states/PA/")."""

import datetime
from typing import NamedTuple

from rcm.lib.citations import DOCUMENT_CODES, EXTRAORDINARY, ORDINARY, SYNTHETIC, VICE_MINISTERIAL


class MeetingKey(NamedTuple):
    body: str  # the body's slug
    kind: str
    number: int | None
    start_date: datetime.date | None  # for a meeting without a number, which it is known by


_ORDINAL = r"(?:[1-9][0-9]{0,3}|[0-9]{4}-[0-9]{2}-[0-9]{2})"


class MeetingConverter:
    """A meeting's address: "conferences/17" for the XVII conference, "conferences/extraordinary/2" for the
    second extraordinary one, "conferences/extraordinary/2020-05-14" for an extraordinary one without a
    number, "conferences/synthetic/999" for generated test data (`manage.py generate_synthetic`), and
    "bodies/rcgm/meetings/2012-06-19" for a meeting of another body, known by the day it opened.

    At most four digits, so that a huge number is a 404 rather than a database overflow; a day that is
    not a date is a 404 too.
    """

    regex = (
        r"(?:conferences/(?:extraordinary/|synthetic/)?|bodies/[a-z0-9]+(?:-[a-z0-9]+)*/meetings/(?:extraordinary/)?)"
        + _ORDINAL
    )

    def to_python(self, value: str) -> MeetingKey:
        parts = value.split("/")
        body = VICE_MINISTERIAL if parts[0] == "conferences" else parts[1]
        kind = parts[-2] if parts[-2] in (EXTRAORDINARY, SYNTHETIC) else ORDINARY
        ordinal = parts[-1]
        if "-" in ordinal:
            return MeetingKey(body, kind, None, datetime.date.fromisoformat(ordinal))  # ValueError: a 404
        return MeetingKey(body, kind, int(ordinal), None)

    def to_url(self, value) -> str:
        # Accepts a Conference as well as a MeetingKey.
        body = value.body if isinstance(value, MeetingKey) else value.body.slug
        kind = f"{value.kind}/" if value.kind in (EXTRAORDINARY, SYNTHETIC) else ""
        ordinal = value.number if value.number is not None else value.start_date.isoformat()
        if body == VICE_MINISTERIAL:
            return f"conferences/{kind}{ordinal}"
        return f"bodies/{body}/meetings/{kind}{ordinal}"


class OutcomeKey(NamedTuple):
    kind: str
    ordinal: int  # which document of that kind at its meeting: 2 for the second declaration


class OutcomeConverter:
    """A meeting's document by its kind: "declaration", "joint-communique", "declaration-2" for the
    meeting's second declaration (declarations.models.OutcomeDocument.slug)."""

    regex = rf"(?:{'|'.join(kind.replace('_', '-') for kind in DOCUMENT_CODES)})(?:-[2-9]|-[1-9][0-9])?"

    def to_python(self, value: str) -> OutcomeKey:
        kind, _, ordinal = value.rpartition("-") if value[-1].isdigit() else (value, "", "1")
        return OutcomeKey(kind.replace("-", "_"), int(ordinal))

    def to_url(self, value: str) -> str:
        return value


class DecisionNumberConverter:
    """1 to 999: the numbers a decision may have (decisions.models.DECISION_NUMBERS)."""

    regex = r"[1-9][0-9]{0,2}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


class CodeConverter:
    """An ISO country code or an organization's acronym, in any case; views redirect to the canonical one."""

    regex = r"[A-Za-z0-9-]{1,20}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class LanguageConverter:
    regex = r"en|es"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
