"""URL converters: the parts of addresses that people cite ("/conferences/17/", "/states/PA/")."""

from typing import NamedTuple

from rcm.lib.citations import EXTRAORDINARY, ORDINARY, SYNTHETIC


class ConferenceKey(NamedTuple):
    kind: str
    number: int


class ConferenceConverter:
    """ "17" for the XVII ordinary conference, "extraordinary/2" for the second extraordinary one,
    "synthetic/999" for generated test data (`manage.py generate_synthetic`).

    At most four digits, so that a huge number is a 404 rather than a database overflow.
    """

    regex = r"(?:extraordinary/|synthetic/)?[1-9][0-9]{0,3}"

    def to_python(self, value: str) -> ConferenceKey:
        kind, _, number = value.rpartition("/")
        return ConferenceKey(kind or ORDINARY, int(number))

    def to_url(self, value) -> str:
        # Accepts a Conference as well as a ConferenceKey: both have kind and number.
        if value.kind in (EXTRAORDINARY, SYNTHETIC):
            return f"{value.kind}/{value.number}"
        return str(value.number)


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
