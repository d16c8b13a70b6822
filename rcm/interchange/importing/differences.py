"""How a document differs from the archive's text of the same meeting and language, said for people: each
difference placed as the pages number things ("Decision 2", "Paragraph 3"), actors by name, texts whole."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from declarations.models import Conference
from rcm.base.models import ACTOR_KINDS
from rcm.interchange.importing.actors import DOCUMENT, ORGANIZATION, STATE, Gazetteer
from rcm.interchange.importing.labels import link_label
from rcm.lib.words import word_changes

# Whom a decision names, and how a change in each role is said, for one name and for several.
_ROLE_CHANGES = {
    "mandated": (
        lambda names, count: ngettext("%(names)s is no longer mandated", "%(names)s are no longer mandated", count),
        lambda names, count: ngettext("%(names)s is now mandated", "%(names)s are now mandated", count),
    ),
    "mentioned": (
        lambda names, count: ngettext("%(names)s is no longer named", "%(names)s are no longer named", count),
        lambda names, count: ngettext("%(names)s is now named", "%(names)s are now named", count),
    ),
}


@dataclass
class Difference:
    """One place where the document and the archive disagree: "Decision 2: the Technical Secretariat is no
    longer mandated". A changed text carries both versions whole."""

    place: str
    change: str
    stored: str | None = None  # the archive's text, when a text changed
    given: str | None = None  # the document's

    def __str__(self) -> str:
        return _("%(place)s: %(change)s") % {"place": self.place, "change": self.change}

    @property
    def has_texts(self) -> bool:
        return self.stored is not None or self.given is not None

    @property
    def marked(self) -> tuple[SafeString, SafeString]:
        """The archive's text with the words the document drops in <del>, the document's with those it adds in <ins>."""
        return word_changes(self.stored or "", self.given or "")

    @property
    def stored_marked(self) -> SafeString:
        return self.marked[0]

    @property
    def given_marked(self) -> SafeString:
        return self.marked[1]


def differences(stored: dict[str, Any], given: dict[str, Any], gazetteer: Gazetteer) -> list[Difference]:
    """Where a document (`given`) differs from the archive's text (`stored`), both as schema data, in the order the
    preview shows them: the text's title and opening, the meeting, who took part, the paragraphs, the decisions."""
    found: list[Difference] = []
    for key, what in (("title", _("title")), ("opening", _("opening")), ("chapeau", _("chapeau"))):
        found += _text(_("The text"), stored.get(key), given.get(key), what)
    found += _meeting(stored.get("meeting") or {}, given.get("meeting") or {}, gazetteer)
    found += _participants(stored.get("participants") or {}, given.get("participants") or {}, gazetteer)
    found += _paragraphs(stored, given, gazetteer)
    found += _text(
        _("The text"), stored.get("decisions_heading"), given.get("decisions_heading"), _("heading of the decisions")
    )
    found += _decisions(stored.get("decisions") or [], given.get("decisions") or [], gazetteer)
    return found


def _text(place: str, stored: str | None, given: str | None, what: str) -> list[Difference]:
    """A text that changed (`what`: "title", "text"), shown whole in both versions."""
    stored, given = stored or "", given or ""
    if stored == given:
        return []
    if not stored:
        change = _("%(what)s added") % {"what": what}
    elif not given:
        change = _("%(what)s removed") % {"what": what}
    else:
        change = _("%(what)s changed") % {"what": what}
    return [Difference(place, change, stored, given)]


def _value(place: str, what: str, stored: str, given: str) -> list[Difference]:
    """A short value that changed, said in one line."""
    if stored == given:
        return []
    return [
        Difference(
            place,
            _("%(what)s: %(stored)s in the archive, %(given)s in the document")
            % {"what": what, "stored": stored or _("none"), "given": given or _("none")},
        )
    ]


def _date(value: str | None) -> str:
    return date_format(datetime.date.fromisoformat(value), "DATE_FORMAT") if value else ""


def _meeting(stored: dict[str, Any], given: dict[str, Any], gazetteer: Gazetteer) -> list[Difference]:
    place = _("The meeting")
    state = lambda key: gazetteer.name(STATE, key) if key else ""  # noqa: E731
    mode = lambda value: str(Conference.Mode(value).label) if value in Conference.Mode.values else value or ""  # noqa: E731
    found = _text(place, stored.get("theme"), given.get("theme"), _("theme"))
    for key, what, say in (
        ("mode", _("mode"), mode),
        ("cities", _("cities"), lambda cities: ", ".join(cities or [])),
        ("host_country", _("host country"), state),
        ("start_date", _("first day"), _date),
        ("end_date", _("last day"), _date),
        ("presidency_pro_tempore", _("presidency pro tempore"), state),
    ):
        found += _value(place, what, say(stored.get(key)), say(given.get(key)))
    return found


def _participants(stored: dict[str, Any], given: dict[str, Any], gazetteer: Gazetteer) -> list[Difference]:
    def names(participants: list) -> list[str]:
        named = []
        for participant in participants:
            if isinstance(participant, dict):  # a special guest: {"code": "CU"} or {"acronym": "SICA", "as": "..."}
                kind, key = (
                    (STATE, participant["code"]) if "code" in participant else (ORGANIZATION, participant["acronym"])
                )
                name = gazetteer.name(kind, key)
                named.append(
                    _("%(name)s (as %(role)s)") % {"name": name, "role": participant["as"]}
                    if participant.get("as")
                    else name
                )
            else:
                named.append(participant)
        return named

    found = []
    for key, place, kind in (
        ("member_states", _("Member states"), STATE),
        ("observer_states", _("Observer states"), STATE),
        ("observer_organizations", _("Observer organizations"), ORGANIZATION),
        ("special_guests", _("Special guests"), None),
    ):
        name = (lambda code, kind=kind: gazetteer.name(kind, code)) if kind else (lambda label: label)
        found += _names(
            place,
            [name(item) for item in names(stored.get(key) or [])],
            [name(item) for item in names(given.get(key) or [])],
            (
                lambda names, count: ngettext("%(names)s is no longer listed", "%(names)s are no longer listed", count),
                lambda names, count: ngettext("%(names)s is now listed", "%(names)s are now listed", count),
            ),
        )
    return found


def _names(place: str, stored: list[str], given: list[str], says: tuple[Callable, Callable]) -> list[Difference]:
    """Names one side lists and the other does not, each side in one line, in the order the lists give them."""
    found = []
    for names, say in (
        ([n for n in stored if n not in given], says[0]),
        ([n for n in given if n not in stored], says[1]),
    ):
        if names:
            found.append(Difference(place, say(names, len(names)) % {"names": ", ".join(names)}))
    return found


def _paragraphs(stored: dict[str, Any], given: dict[str, Any], gazetteer: Gazetteer) -> list[Difference]:
    before, after = stored.get("paragraphs") or [], given.get("paragraphs") or []
    cited_before, cited_after = _citations(stored, gazetteer), _citations(given, gazetteer)
    found = []
    for index in range(max(len(before), len(after))):
        number = index + 1
        place = _("Paragraph %(number)s") % {"number": number}
        old = before[index] if index < len(before) else None
        new = after[index] if index < len(after) else None
        if new is None:
            found.append(Difference(place, _("not in the document"), old["text"], None))
        elif old is None:
            found.append(Difference(place, _("new in the document"), None, new["text"]))
        else:
            found += _text(place, old["text"], new["text"], _("text"))
            if old["text"] == new["text"]:
                found += _value(place, _("opening verb"), old["verb"], new["verb"])
        found += _names(
            place,
            cited_before.get(number, []),
            cited_after.get(number, []),
            (
                lambda names, count: _("no longer cites %(names)s"),
                lambda names, count: _("now cites %(names)s"),
            ),
        )
    return found


def _citations(data: dict[str, Any], gazetteer: Gazetteer) -> dict[int, list[str]]:
    """The documents each paragraph cites, by name, by the paragraph's number."""
    cited: dict[int, list[str]] = {}
    for reference in data.get("references") or []:
        cited.setdefault(reference["paragraph"], []).append(gazetteer.name(DOCUMENT, reference["document"]))
    return cited


def _decisions(stored: list[dict], given: list[dict], gazetteer: Gazetteer) -> list[Difference]:
    before = {decision["number"]: decision for decision in stored}
    after = {decision["number"]: decision for decision in given}
    found = []
    for number in sorted(before.keys() | after.keys()):
        place = _("Decision %(number)s") % {"number": number}
        old, new = before.get(number), after.get(number)
        if new is None:
            found.append(Difference(place, _("not in the document"), old["text"], None))
            continue
        if old is None:
            found.append(Difference(place, _("new in the document"), None, new["text"]))
            continue
        found += _text(place, old.get("section"), new.get("section"), _("heading"))
        found += _text(place, old.get("text"), new.get("text"), _("text"))
        found += _value(place, _("deadline"), _date(old.get("deadline")), _date(new.get("deadline")))
        found += _value(place, _("deadline as written"), old.get("deadline_text") or "", new.get("deadline_text") or "")
        for role, says in _ROLE_CHANGES.items():
            found += _names(place, _actors(old.get(role), gazetteer), _actors(new.get(role), gazetteer), says)
        found += _names(
            place,
            [link_label(link, gazetteer) for link in old.get("links") or []],
            [link_label(link, gazetteer) for link in new.get("links") or []],
            (
                lambda names, count: ngettext(
                    "no longer proposes the link %(names)s", "no longer proposes the links %(names)s", count
                ),
                lambda names, count: ngettext(
                    "now proposes the link %(names)s", "now proposes the links %(names)s", count
                ),
            ),
        )
    return found


def _actors(given: dict[str, list[str]] | None, gazetteer: Gazetteer) -> list[str]:
    """Whom a decision names, by name: states, bodies and organizations, in the schema's order of kinds."""
    given = given or {}
    return [gazetteer.name(kind.word, key) for kind in ACTOR_KINDS for key in given.get(kind.plural, [])]
