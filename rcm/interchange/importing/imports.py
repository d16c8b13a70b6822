"""Importing one document: read it, parse it, compare it with what is stored, create it as a draft.

The command (`manage.py import_declaration`) and the staff page (/staff/import/) both go through
here, so they refuse, warn and create alike.
"""

import datetime
import re
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from decisions.models import Decision
from decisions.selectors import cited_decision, decisions_with_details
from declarations.access import PublishedTextLocked
from declarations.models import Conference, Declaration, Language, OutcomeDocument
from declarations.selectors import identified_by, participations_by_role, with_paragraphs
from rcm.base.models import ACTOR_KINDS, Body
from rcm.interchange.importing.actors import DOCUMENT, ORGANIZATION, STATE, Gazetteer
from rcm.interchange.importing.differences import Difference, differences
from rcm.interchange.importing.labels import link_label, meeting_label
from rcm.interchange.importing.parser import (
    LooksLike,
    Parse,
    ParseWarning,
    Unreadable,
    parse_declaration,
    unplaced_message,
)
from rcm.interchange.importing.sources import SourceError, read_source
from rcm.interchange.schema import (
    SchemaError,
    declaration_to_json,
    meeting_json,
    meeting_key_of,
    meeting_ref,
    read_declaration_json,
    upgraded,
)
from rcm.interchange.services import declaration_import
from rcm.lib.citations import parse_decision_citation
from rcm.lib.converters import MeetingConverter

# How far apart the dates a text gives and a stored meeting's may be for the meeting to be proposed.
ONE_WEEK = datetime.timedelta(days=7)


class DocumentRefused(ValueError):
    """A document that cannot be imported; the message is one line saying what is missing or wrong."""


class MeetingUnknown(DocumentRefused):
    """A document that does not say which meeting adopted it: the editor chooses one (`--meeting`, or the
    staff page's list), and `proposal` is the archive's meeting whose place and dates match, if any.

    The message says how the command chooses; `on_page` says the same for the staff page, which has a list."""

    def __init__(self, message: str, proposal: Conference | None, on_page: str) -> None:
        super().__init__(message)
        self.proposal = proposal
        self.on_page = on_page


@dataclass
class Reading:
    """A document as understood, before anything is written."""

    data: dict[str, Any]
    warnings: list[ParseWarning] = field(default_factory=list)
    stored: Declaration | None = None  # the archive's text of the same conference and language
    differences: list[Difference] = field(default_factory=list)  # how the document differs from the stored text

    @property
    def label(self) -> str:
        """ "declaration of the XVII Conference (English)", "conclusions and recommendations of the
        rcgm meeting of 2012-06-19 (Spanish)" """
        return _("%(kind)s of the %(meeting)s (%(language)s)") % {
            "kind": self.kind_label,
            "meeting": self.meeting_label,
            "language": self.language_label,
        }

    @property
    def meeting_label(self) -> str:
        return meeting_label(meeting_key_of(self.data))

    @property
    def stored_meeting(self) -> Conference | None:
        """The archive's meeting the document is of, or None when importing it creates the meeting."""
        return identified_by(meeting_key_of(self.data)).select_related("body").first()

    @property
    def kind_label(self) -> str:
        """ "declaration", "joint communiqué" """
        return OutcomeDocument.Kind(self.data.get("kind", OutcomeDocument.Kind.DECLARATION)).label.lower()

    @property
    def language_label(self) -> str:
        return Language(self.data["language"]).label

    @property
    def meeting_days(self) -> SimpleNamespace:
        """The days the document gives, as dates, for `{% conference_dates %}` to write as the reader's
        language does; the schema has checked them already."""
        meeting = self.data.get("meeting") or {}
        start, end = (meeting.get(name) for name in ("start_date", "end_date"))
        start = datetime.date.fromisoformat(start) if start else None
        return SimpleNamespace(start_date=start, end_date=datetime.date.fromisoformat(end) if end else start)


def document_read(
    *,
    name: str,
    content: bytes,
    encoding: str | None = None,
    gazetteer: Gazetteer | None = None,
    meeting: Conference | None = None,
) -> Reading:
    """Read and parse a file's content, and compare it with the archive. Writes nothing.

    The document is the chosen `meeting`'s, whatever meeting it names; without one, the meeting it names,
    and MeetingUnknown if it names none.
    """
    try:
        source = read_source(name, content, encoding)
        if source.document is not None:
            parse = None
            reading = Reading(data={**upgraded(source.document), "status": Declaration.Status.DRAFT})
        else:
            parse = parse_declaration(source.text, gazetteer)
            notes = [ParseWarning(line, note) for line, note in source.notes]
            reading = Reading(data=parse.data, warnings=[*notes, *parse.warnings])
        reading.data = _placed(reading, meeting, parse)
        read_declaration_json(reading.data)  # refuses now, not at confirm, what the schema would
    except (SourceError, Unreadable, SchemaError) as error:
        raise DocumentRefused(str(error)) from None
    reading.stored = _stored(reading.data)
    if reading.stored:
        # Links the import would leave out are not differences: they were never made.
        made = {**reading.data, "decisions": [_known_links(d, []) for d in reading.data["decisions"]]}
        reading.differences = differences(_stored_json(reading.stored), made, gazetteer or Gazetteer.from_archive())
    return reading


@transaction.atomic
def document_import(*, reading: Reading) -> Declaration:
    """Create the document's declaration as a draft, with its conference if new; all or nothing.

    Links to conferences and decisions the archive does not hold yet are left out, each with a warning
    added to the reading: the importer proposes links, it does not invent their targets.
    """
    if reading.stored:
        raise DocumentRefused(
            _("the %(document)s is already in the archive; nothing was written") % {"document": reading.label}
        )
    data = {
        **reading.data,
        "status": Declaration.Status.DRAFT,
        "decisions": [_known_links(d, reading.warnings) for d in reading.data["decisions"]],
    }
    try:
        return declaration_import(data=read_declaration_json(data), publish=False)
    except SchemaError as error:
        raise DocumentRefused(str(error)) from None
    except ValidationError as error:
        raise DocumentRefused("; ".join(error.messages)) from None
    except PublishedTextLocked as error:
        raise DocumentRefused(error.reason) from None


def _placed(reading: Reading, meeting: Conference | None, parse: Parse | None) -> dict[str, Any]:
    """The document's data with its meeting: the chosen one, with the facts the text gives for what the
    archive lacks; else the one it names. MeetingUnknown when it names none and none was chosen."""
    data = reading.data
    given = data.get("meeting") if isinstance(data.get("meeting"), dict) else {}
    try:
        named = meeting_key_of(data)
    except SchemaError:
        named = None
    if meeting is not None:
        if named is not None and not identified_by(named).filter(pk=meeting.pk).exists():
            chosen = _("the text names the %(named)s; it is read as the %(chosen)s's, as chosen") % {
                "named": meeting_label(named),
                "chosen": meeting,
            }
            reading.warnings.append(ParseWarning(None, chosen))
        # What the archive knows of the meeting stands; what the text says fills what it does not know.
        stored = meeting_json(meeting, data.get("language", Language.ENGLISH))
        known = {key: value for key, value in stored.items() if value or key not in given}
        return {**data, "meeting": {**given, **known, **meeting_ref(meeting)}}
    if named is None:
        proposal = proposed_meeting(given)
        command = _unplaced(data, parse, _("choose the meeting (--meeting)"))
        page = _unplaced(data, parse, _("choose the meeting in the list below"))
        if proposal:
            command += " " + _("The %(meeting)s matches its place and dates: %(address)s.") % {
                "meeting": proposal,
                "address": meeting_address(proposal),
            }
            page += " " + _("The %(meeting)s matches its place and dates: it is chosen below, for you to confirm.") % {
                "meeting": proposal
            }
        raise MeetingUnknown(command, proposal, on_page=page)
    return data


def _unplaced(data: dict[str, Any], parse: Parse | None, choice: str) -> str:
    """What to tell the person whose document does not say which meeting adopted it; `choice` says how they choose."""
    if parse is None:  # a JSON document: what it says of itself
        body = Body.objects.filter(slug=(data.get("meeting") or {}).get("body")).first()
        kind = data.get("kind", OutcomeDocument.Kind.DECLARATION)
        looks_like = LooksLike(kind, body.slug if body else None, body.name_en if body else "")
        parse = Parse(data, looks_like=looks_like, meeting_missing=("body", "place", "dates"))
    return unplaced_message(parse, choice)


def proposed_meeting(given: dict[str, Any]) -> Conference | None:
    """The archive's meeting whose body, place and dates match what a text says of its meeting, if only one does."""
    meetings = Conference.objects.select_related("body")
    if given.get("body"):
        meetings = meetings.filter(body__slug=given["body"])
    if given.get("start_date"):
        start = datetime.date.fromisoformat(given["start_date"])
        meetings = meetings.filter(start_date__lte=start + ONE_WEEK, start_date__gte=start - ONE_WEEK)
    elif given.get("host_country") or given.get("cities"):
        if given.get("host_country"):
            meetings = meetings.filter(host_country__code=given["host_country"])
        for city in given.get("cities", []):
            meetings = meetings.filter(cities__icontains=city)
    else:
        return None
    found = list(meetings[:2])
    return found[0] if len(found) == 1 else None


def meeting_address(meeting: Conference) -> str:
    """ "conferences/17", "bodies/rcgm/meetings/2012-06-19": how --meeting names a meeting."""
    return meeting.get_absolute_url().strip("/")


def meeting_by_address(text: str) -> Conference:
    """The meeting an editor names by its address, as --meeting takes it: "conferences/17",
    "/bodies/rcgm/meetings/2012-06-19/", or the whole https:// address. DocumentRefused otherwise."""
    path = re.sub(r"^[a-z]+://[^/]+", "", text.strip()).strip("/")
    if re.fullmatch(MeetingConverter.regex, path):
        try:
            meeting = identified_by(MeetingConverter().to_python(path)).select_related("body").first()
        except ValueError:
            meeting = None
        if meeting is not None:
            return meeting
        raise DocumentRefused(_("there is no meeting at /%(path)s/ in the archive") % {"path": path})
    raise DocumentRefused(
        _(
            "%(text)r is not a meeting's address: give it as on the meeting's page, like conferences/17, "
            "conferences/extraordinary/2 or bodies/rcgm/meetings/2012-06-19"
        )
        % {"text": text}
    )


def _known_links(decision: dict[str, Any], warnings: list[ParseWarning]) -> dict[str, Any]:
    links = []
    for link in decision.get("links", []):
        if "meeting" in link:
            key = meeting_key_of(link)
            exists = identified_by(key).exists()
            missing = _("the %(meeting)s") % {"meeting": meeting_label(key)}
        elif "decision" in link:
            exists = _decision_exists(link["decision"])
            missing = _("decision %(citation)s") % {"citation": link["decision"]}
        else:
            exists, missing = True, ""
        if exists:
            links.append(link)
        else:
            warnings.append(
                ParseWarning(
                    None,
                    _("decision %(number)s refers to %(missing)s, which is not in the archive; no link made")
                    % {"number": decision["number"], "missing": missing},
                )
            )
    return {**decision, "links": links}


def _decision_exists(citation: str) -> bool:
    return cited_decision(parse_decision_citation(citation)) is not None


def _stored(data: dict[str, Any]) -> Declaration | None:
    """The archive's text of the same meeting, kind of document and language, if there is one."""
    try:
        key = meeting_key_of(data)
    except SchemaError:
        return None
    return (
        with_paragraphs(Declaration.objects.all())
        .filter(
            conference__in=identified_by(key),
            outcome__kind=data.get("kind", OutcomeDocument.Kind.DECLARATION),
            language=data.get("language"),
        )
        .select_related("outcome", "conference__body", "conference__host_country", "conference__presidency_pro_tempore")
        .first()
    )


def _stored_json(declaration: Declaration) -> dict[str, Any]:
    conference = declaration.conference
    decisions = decisions_with_details(Decision.objects.all()).filter(conference=conference)
    return declaration_to_json(declaration, participations_by_role(conference), list(decisions))


def import_preview(reading: Reading, gazetteer: Gazetteer) -> dict[str, Any]:
    """What the staff preview shows: the reading's codes as names, each flagged if the archive lacks it."""
    data = reading.data

    def named(kind: str, keys: list[str]) -> list[dict[str, Any]]:
        return [{"name": gazetteer.name(kind, key), "key": key, "known": gazetteer.knows(kind, key)} for key in keys]

    def actors(given: dict[str, list[str]]) -> list[dict[str, Any]]:
        return [item for kind in ACTOR_KINDS for item in named(kind.word, given.get(kind.plural, []))]

    participants = data.get("participants", {})
    guests = [
        {
            **named(STATE if "code" in guest else ORGANIZATION, [guest.get("code") or guest.get("acronym")])[0],
            "as": guest.get("as", ""),
        }
        for guest in participants.get("special_guests", [])
    ]
    conference = data["meeting"]
    return {
        "host_country": named(STATE, [conference["host_country"]])[0] if conference.get("host_country") else None,
        "presidency": named(STATE, [conference["presidency_pro_tempore"]])[0]
        if conference.get("presidency_pro_tempore")
        else None,
        "participants": [
            (_("Member states"), named(STATE, participants.get("member_states", []))),
            (_("Observer states"), named(STATE, participants.get("observer_states", []))),
            (_("Observer organizations"), named(ORGANIZATION, participants.get("observer_organizations", []))),
        ],
        "special_guests": guests,
        "decisions": [
            {
                **decision,
                "deadline_day": datetime.date.fromisoformat(decision["deadline"]) if decision.get("deadline") else None,
                "mandated_names": actors(decision.get("mandated", {})),
                "mentioned_names": actors(decision.get("mentioned", {})),
                "link_labels": [link_label(link, gazetteer) for link in decision.get("links", [])],
            }
            for decision in data.get("decisions", [])
        ],
        "references": [
            {"paragraph": reference["paragraph"], **named(DOCUMENT, [reference["document"]])[0]}
            for reference in data.get("references", [])
        ],
        "unknown": [warning for warning in reading.warnings if warning.unknown],
        "other_warnings": [warning for warning in reading.warnings if not warning.unknown],
    }
