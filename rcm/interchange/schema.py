"""The declaration JSON schema (docs/declaration-json.md): one format for export, import and the seed.

`declaration_to_json` writes it; `read_declaration_json` checks a document against it and returns
plain data for `rcm.interchange.services.declaration_import` to write. Countries go by ISO 3166-1
alpha-2 code, organizations by English acronym, bodies and documents by slug, dates in ISO 8601.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext

from decisions.models import DECISION_NUMBERS, Decision, Link, Mention
from declarations.models import (
    CONFERENCE_NUMBERS,
    MAX_PARAGRAPHS,
    PARAGRAPH_POSITIONS,
    SYNTHETIC_CONFERENCE_NUMBERS,
    Conference,
    Declaration,
    Language,
    OutcomeDocument,
    Participation,
)
from rcm.base.models import ACTOR_KINDS, Body, Country, NumberRange, Organization, actor_kind_of
from rcm.lib.characters import forbidden_character
from rcm.lib.citations import VICE_MINISTERIAL, DecisionCitation, parse_decision_citation
from rcm.lib.converters import MeetingKey

SCHEMA = "rcm-declaration/2"
# Version 1 knew only numbered conferences of the Vice-Ministerial Meeting (its "conference" object): such a
# document reads as the same version 2 document (docs/declaration-json.md, "Versions").
SCHEMAS_READ = ("rcm-declaration/1", SCHEMA)
PARTICIPANT_KEYS = {
    Participation.Role.MEMBER_STATE: "member_states",
    Participation.Role.OBSERVER_STATE: "observer_states",
    Participation.Role.OBSERVER_ORGANIZATION: "observer_organizations",
    Participation.Role.SPECIAL_GUEST: "special_guests",
}
# What one document may hold, so that importing it is done well within a request's time (each
# decision, name and link is a few writes): several times the longest declaration of the RCM.
MAX_DECISIONS = 200
MAX_NAMES = 2_000  # participants, and the states, bodies and organizations decisions name, and their links


class SchemaError(ValueError):
    """A document that does not fit the schema; the message names the place ("decisions[3].text")."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path


# Writing -------------------------------------------------------------------------------------------


def meeting_ref(conference: Conference) -> dict[str, Any]:
    """How a document names a meeting: its body, kind and number, or without a number the day it opened."""
    ref = {"body": conference.body.slug, "kind": conference.kind, "number": conference.number}
    if conference.number is None:
        ref["start_date"] = conference.start_date.isoformat()
    return ref


def meeting_json(conference: Conference, language: str) -> dict[str, Any]:
    """A meeting as a document in `language` describes it: who met, how, on what theme, where and when."""
    return {
        **meeting_ref(conference),
        "mode": conference.mode,
        "theme": conference.theme_in(language),
        "cities": conference.cities,
        "host_country": conference.host_country.code if conference.host_country else None,
        "start_date": conference.start_date.isoformat() if conference.start_date else None,
        "end_date": conference.end_date.isoformat() if conference.end_date else None,
        "presidency_pro_tempore": conference.presidency_pro_tempore.code if conference.presidency_pro_tempore else None,
    }


def _actor_code(actor: Country | Organization | Body) -> str:
    """How the schema names an actor: a state by ISO code, an organization by acronym, a body by slug."""
    return getattr(actor, actor_kind_of(actor).natural_key)


def _actors(mentions: list[Mention]) -> dict[str, list[str]]:
    """Whom the mentions name, under the schema's key for each kind ("states", "bodies", "organizations")."""
    actors: dict[str, list[str]] = {kind.plural: [] for kind in ACTOR_KINDS}
    for mention in mentions:
        actors[mention.actor_kind.plural].append(_actor_code(mention.actor))
    return actors


def _link_to_json(link: Link) -> dict[str, Any]:
    if link.target_decision:
        return {"kind": link.kind, "decision": link.target_decision.citation_in("en")}
    if link.target_conference:
        return {"kind": link.kind, "meeting": meeting_ref(link.target_conference)}
    return {"kind": link.kind, "document": link.target_document.slug}


def _participant_to_json(participation: Participation) -> str | dict[str, str]:
    if participation.role != Participation.Role.SPECIAL_GUEST:
        return _actor_code(participation.actor)
    # A guest is an object saying which kind it is by its key: {"code": "CU"} or {"acronym": "IOM"}.
    guest = {participation.actor_kind.natural_key: _actor_code(participation.actor)}
    if participation.as_note:
        guest["as"] = participation.as_note
    return guest


def declaration_to_json(
    declaration: Declaration, participations: dict[str, list[Participation]], decisions: list[Decision]
) -> dict[str, Any]:
    """The declaration as schema data, from what the selectors in declarations.selectors fetched."""
    conference = declaration.conference
    language = declaration.language
    paragraphs = declaration.ordered_paragraphs
    return {
        "schema": SCHEMA,
        "meeting": meeting_json(conference, language),
        "language": language,
        "kind": declaration.kind,
        "title": declaration.title,
        "status": declaration.status,
        "opening": declaration.opening,
        "chapeau": declaration.chapeau,
        "participants": {
            key: [_participant_to_json(p) for p in participations.get(role, [])]
            for role, key in PARTICIPANT_KEYS.items()
        },
        "paragraphs": [
            {"number": paragraph.position, "verb": paragraph.verb, "text": paragraph.text} for paragraph in paragraphs
        ],
        "decisions_chapeau": declaration.decisions_chapeau,
        "decisions_heading": declaration.decisions_heading,
        "decisions": [
            {
                "number": decision.number,
                "citation": decision.citation_in("en"),  # the schema's one form, whoever exports it
                "section": decision.section_in(language),
                "text": decision.text_in(language),
                "deadline": decision.deadline.isoformat() if decision.deadline else None,
                "deadline_text": decision.deadline_text,
                "mandated": _actors(decision.mandated_mentions),
                "mentioned": _actors(decision.mentioned_mentions),
                "links": [_link_to_json(link) for link in decision.outgoing_links],
            }
            for decision in decisions
        ],
        "references": [
            {"paragraph": paragraph.position, "document": document.slug}
            for paragraph in paragraphs
            for document in paragraph.documents.all()
        ],
    }


# Reading -------------------------------------------------------------------------------------------


@dataclass
class ConferenceData:
    key: MeetingKey
    mode: str
    theme: str
    cities: list[str]
    host_country: str | None
    start_date: datetime.date | None
    end_date: datetime.date | None
    presidency_pro_tempore: str | None


@dataclass
class LinkData:
    kind: str
    decision: DecisionCitation | None = None
    conference: MeetingKey | None = None
    document: str | None = None


@dataclass
class DecisionData:
    number: int
    section: str
    text: str
    deadline: datetime.date | None
    deadline_text: str
    mandated: dict[str, list[str]]
    mentioned: dict[str, list[str]]
    links: list[LinkData]


@dataclass
class DeclarationData:
    conference: ConferenceData
    language: str
    kind: str
    title: str
    status: str
    opening: str
    chapeau: str
    decisions_chapeau: str
    decisions_heading: str
    participants: dict[str, list[dict[str, str]]]
    paragraphs: list[tuple[str, str]]
    decisions: list[DecisionData]
    references: list[tuple[int, str]] = field(default_factory=list)


class _Reader:
    """Takes values out of a JSON document, naming the place of anything wrong."""

    def __init__(self, data: Any, path: str = "") -> None:
        self.data = data
        self.path = path

    def _place(self, key: str | int) -> str:
        if isinstance(key, int):
            return f"{self.path}[{key}]"
        return f"{self.path}.{key}" if self.path else key

    def child(self, key: str) -> "_Reader":
        value = self.data.get(key) if isinstance(self.data, dict) else None
        if not isinstance(value, dict):
            raise SchemaError(self._place(key), gettext("must be an object"))
        return _Reader(value, self._place(key))

    def items(self, key: str, required: bool = True) -> list["_Reader"]:
        if not required and key not in self.data:
            return []
        value = self.data.get(key)
        if not isinstance(value, list):
            raise SchemaError(self._place(key), gettext("must be a list"))
        place = self._place(key)
        return [_Reader(item, f"{place}[{index}]") for index, item in enumerate(value)]

    def text(self, key: str, required: bool = True, blank: bool = False) -> str:
        if key not in self.data and not required:
            return ""
        value = self.data.get(key)
        if not isinstance(value, str) or (not blank and not value.strip()):
            raise SchemaError(
                self._place(key), gettext("must be a non-empty text") if not blank else gettext("must be a text")
            )
        return _checked_text(value, self._place(key))

    def optional_text(self, key: str) -> str | None:
        value = self.data.get(key)
        return None if value is None else self.text(key)

    def choice(self, key: str, choices: list[str], default: str | None = None) -> str:
        value = self.data.get(key, default)
        if value not in choices:
            raise SchemaError(
                self._place(key),
                gettext("must be one of %(choices)s, not %(value)r") % {"choices": ", ".join(choices), "value": value},
            )
        return value

    def number(self, key: str, numbers: NumberRange) -> int:
        value = self.data.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or not numbers.allows(value):
            raise SchemaError(
                self._place(key),
                gettext("must be a whole number from %(low)s to %(high)s") % {"low": numbers.low, "high": numbers.high},
            )
        return value

    def meeting_key(self) -> MeetingKey:
        """Which meeting a meeting object names: by body, kind and number (how high it may go depends on
        the kind), or without a number by its start date. A version 1 "conference" has no body: the
        Vice-Ministerial Meeting's."""
        body = self.text("body") if "body" in self.data else VICE_MINISTERIAL
        kind = self.choice("kind", Conference.Kind.values, Conference.Kind.ORDINARY)
        numbers = SYNTHETIC_CONFERENCE_NUMBERS if kind == Conference.Kind.SYNTHETIC else CONFERENCE_NUMBERS
        if self.data.get("number") is None and self.data.get("start_date") is not None:
            return MeetingKey(body, kind, None, self.date("start_date"))
        if self.data.get("number") is None:
            raise SchemaError(
                self._place("number"), gettext("give the meeting's number or, for one without, its start_date")
            )
        return MeetingKey(body, kind, self.number("number", numbers), None)

    def date(self, key: str) -> datetime.date | None:
        value = self.data.get(key)
        if value is None:
            return None
        try:
            return datetime.date.fromisoformat(value)
        except (TypeError, ValueError):
            raise SchemaError(
                self._place(key), gettext("must be a date like 2012-06-21, not %(value)r") % {"value": value}
            ) from None

    def texts(self, key: str) -> list[str]:
        return [item.text_value() for item in self.items(key, required=False)]

    def text_value(self) -> str:
        if not isinstance(self.data, str) or not self.data.strip():
            raise SchemaError(self.path, gettext("must be a non-empty text"))
        return _checked_text(self.data, self.path)


def _checked_text(text: str, path: str) -> str:
    """The text, unless it holds a character that no text may (rcm.lib.characters): refused with its place."""
    problem = forbidden_character(text)
    if problem:
        raise SchemaError(path, problem)
    return text


def _read_actors(reader: _Reader, key: str) -> dict[str, list[str]]:
    if key not in reader.data:
        return {kind.plural: [] for kind in ACTOR_KINDS}
    actors = reader.child(key)
    unknown = set(actors.data) - {kind.plural for kind in ACTOR_KINDS}
    if unknown:
        raise SchemaError(
            actors.path, gettext("unknown key %(key)r; use states, bodies, organizations") % {"key": sorted(unknown)[0]}
        )
    return {kind.plural: actors.texts(kind.plural) for kind in ACTOR_KINDS}


def _read_link(reader: _Reader) -> LinkData:
    kind = reader.choice("kind", Link.Kind.values)
    targets = [key for key in ("decision", "meeting", "document") if key in reader.data]
    if len(targets) != 1:
        raise SchemaError(reader.path, gettext("must name exactly one of decision, meeting, document"))
    if targets == ["decision"]:
        try:
            return LinkData(kind, decision=parse_decision_citation(reader.text("decision")))
        except ValueError as error:
            raise SchemaError(f"{reader.path}.decision", str(error)) from None
    if targets == ["meeting"]:
        return LinkData(kind, conference=reader.child("meeting").meeting_key())
    return LinkData(kind, document=reader.text("document"))


def _read_participant(reader: _Reader, role: str) -> dict[str, str]:
    if role != Participation.Role.SPECIAL_GUEST:
        value = reader.text_value()
        return {"code": value} if role != Participation.Role.OBSERVER_ORGANIZATION else {"acronym": value}
    if not isinstance(reader.data, dict) or len({"code", "acronym"} & set(reader.data)) != 1:
        raise SchemaError(
            reader.path, gettext('must be an object with a "code" (a state) or an "acronym" (an organization)')
        )
    key = "code" if "code" in reader.data else "acronym"
    return {key: reader.text(key), "as": reader.text("as", required=False)}


def _check_count(what: str, count: int, limit: int, path: str | None = None) -> None:
    if count > limit:
        raise SchemaError(
            path or what,
            gettext("a document has at most %(limit)s %(what)s; this one has %(count)s")
            % {"limit": f"{limit:,}", "what": what, "count": f"{count:,}"},
        )


def upgraded(data: dict[str, Any]) -> dict[str, Any]:
    """A version 1 document as the version 2 document it reads as, key for key; any other as it is.

    Version 1's "conference" is version 2's "meeting" of the Vice-Ministerial Meeting, held in person; its
    "level" is said by the body; its links to a "conference" are links to a "meeting"; its decisions stand
    under no section."""
    if not isinstance(data, dict) or data.get("schema", _implied_version(data)) != SCHEMAS_READ[0]:
        return data
    conference = {key: value for key, value in data.get("conference", {}).items() if key != "level"}
    meeting = {
        "body": VICE_MINISTERIAL,
        "kind": Conference.Kind.ORDINARY,
        **conference,
        "mode": Conference.Mode.IN_PERSON,
    }
    rest = {key: value for key, value in data.items() if key not in ("schema", "conference")}
    return {
        "schema": SCHEMA,
        "meeting": meeting,
        **rest,
        "decisions": [
            {"section": "", **decision, "links": [_upgraded_link(link) for link in decision.get("links", [])]}
            if isinstance(decision, dict)
            else decision
            for decision in data.get("decisions", [])
        ],
    }


def _implied_version(data: dict[str, Any]) -> str:
    """The version of a document that does not say: version 1 named a "conference"."""
    return SCHEMAS_READ[0] if "conference" in data else SCHEMA


def _upgraded_link(link: Any) -> Any:
    if not isinstance(link, dict) or not isinstance(link.get("conference"), dict):
        return link
    return {
        "kind": link.get("kind"),
        "meeting": {"body": VICE_MINISTERIAL, "kind": Conference.Kind.ORDINARY, **link["conference"]},
    }


def meeting_key_of(data: dict[str, Any]) -> MeetingKey:
    """Which meeting a document (of this version), or a link in one, names. SchemaError when it names none."""
    return _Reader(data).child("meeting").meeting_key()


def read_declaration_json(data: Any) -> DeclarationData:
    """Check a parsed JSON document against the schema; SchemaError names the first thing wrong."""
    if not isinstance(data, dict):
        raise SchemaError("", gettext("a declaration must be a JSON object"))
    version = data.get("schema", _implied_version(data))
    if version not in SCHEMAS_READ:
        raise SchemaError(
            "schema",
            gettext("must be %(schema)r (or the earlier %(earlier)r), not %(version)r")
            % {"schema": SCHEMA, "earlier": SCHEMAS_READ[0], "version": version},
        )
    data = upgraded(data)
    document = _Reader(data)
    conference = document.child("meeting")
    if version != SCHEMA:  # errors name the place as the document wrote it
        conference = _Reader(conference.data, "conference")
    language = document.choice("language", Language.values)
    participants = document.child("participants")
    paragraphs = document.items("paragraphs")
    _check_count("paragraphs", len(paragraphs), MAX_PARAGRAPHS)
    _check_count("decisions", len(document.items("decisions")), MAX_DECISIONS)
    for index, paragraph in enumerate(paragraphs, start=1):
        if paragraph.data.get("number", index) != index:
            raise SchemaError(
                f"{paragraph.path}.number",
                gettext("must be %(number)s: paragraphs are numbered in order") % {"number": index},
            )
    decisions = []
    for reader in document.items("decisions"):
        decision = DecisionData(
            number=reader.number("number", DECISION_NUMBERS),
            section=reader.text("section", required=False, blank=True),
            text=reader.text("text"),
            deadline=reader.date("deadline"),
            deadline_text=reader.text("deadline_text", required=False, blank=True),
            mandated=_read_actors(reader, "mandated"),
            mentioned=_read_actors(reader, "mentioned"),
            links=[_read_link(link) for link in reader.items("links", required=False)],
        )
        decisions.append((reader, decision))
    seen: set[int] = set()
    for reader, decision in decisions:
        if decision.number in seen:
            raise SchemaError(
                f"{reader.path}.number",
                gettext("decision %(number)s appears more than once") % {"number": decision.number},
            )
        seen.add(decision.number)
    names = sum(
        len(codes)
        for _, decision in decisions
        for actors in (decision.mandated, decision.mentioned, {"links": decision.links})
        for codes in actors.values()
    ) + sum(len(participants.items(key, required=False)) for key in PARTICIPANT_KEYS.values())
    _check_count("names and links", names, MAX_NAMES, path="decisions")
    references = []
    for reader in document.items("references", required=False):
        position = reader.number("paragraph", PARAGRAPH_POSITIONS)
        if position > len(paragraphs):
            raise SchemaError(
                f"{reader.path}.paragraph", gettext("there is no paragraph %(number)s") % {"number": position}
            )
        references.append((position, reader.text("document")))
    return DeclarationData(
        conference=ConferenceData(
            key=conference.meeting_key(),
            mode=conference.choice("mode", Conference.Mode.values, Conference.Mode.IN_PERSON),
            theme=conference.text("theme", required=False, blank=True),
            cities=conference.texts("cities"),
            host_country=conference.optional_text("host_country"),
            start_date=conference.date("start_date"),
            end_date=conference.date("end_date"),
            presidency_pro_tempore=conference.optional_text("presidency_pro_tempore"),
        ),
        language=language,
        kind=document.choice("kind", OutcomeDocument.Kind.values, OutcomeDocument.Kind.DECLARATION),
        title=document.text("title"),
        status=document.choice("status", Declaration.Status.values, Declaration.Status.DRAFT),
        opening=document.text("opening", required=False, blank=True),
        chapeau=document.text("chapeau", required=False, blank=True),
        decisions_chapeau=document.text("decisions_chapeau", required=False, blank=True),
        decisions_heading=document.text("decisions_heading", required=False, blank=True),
        participants={
            role: [_read_participant(item, role) for item in participants.items(key, required=False)]
            for role, key in PARTICIPANT_KEYS.items()
        },
        paragraphs=[(paragraph.text("verb"), paragraph.text("text")) for paragraph in paragraphs],
        decisions=[decision for _, decision in decisions],
        references=references,
    )
