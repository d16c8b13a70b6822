"""A declaration's plain text, English or Spanish, read into the declaration JSON schema.

`parse_declaration` proposes; a person confirms. Whatever it is unsure of comes back as a warning
naming the line it came from, never as a silent guess: a state it cannot place, a paragraph break
it had to infer, text after the decisions it left out. Words are kept exactly as written, typos
included (a declaration is a legal record): the parser only decides where each piece begins and ends
and what it names.
"""

import re
from dataclasses import dataclass, field
from typing import Any

from rcm.base.models import ACTOR_KINDS, ACTOR_KINDS_BY_WORD
from rcm.interchange.importing.actors import DOCUMENT, ORGANIZATION, STATE, Gazetteer, Match, fold
from rcm.interchange.importing.dates import find_date_range, find_deadline
from rcm.interchange.importing.layout import DECISIONS_HEADING, KIND_LINE, Block, mostly_capitals, text_blocks
from rcm.interchange.importing.ordinals import CONFERENCE_NUMBER_PATTERN, parse_conference_number
from rcm.interchange.schema import SCHEMAS_READ
from rcm.lib.citations import decision_citation
from rcm.lib.numerals import from_roman


class Unreadable(ValueError):
    """A text the parser cannot make a declaration of; the message says what is missing, and where."""


@dataclass(frozen=True)
class ParseWarning:
    line: int | None
    message: str
    unknown: bool = False  # names a state or organization the archive does not hold yet

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


@dataclass
class Parse:
    data: dict[str, Any]  # a document in the declaration JSON schema
    warnings: list[ParseWarning] = field(default_factory=list)


_NOUN = (
    r"(?:Regional\s+Conference(?:\s+on\s+Migrations?)?|Vice-?\s?Ministerial\s+(?:Meeting|Conference)"
    r"|Conferencia\s+Regional(?:\s+sobre\s+Migraci[oó]n(?:es)?)?|Reuni[oó]n\s+Vice-?\s?[Mm]inisterial"
    r"|R\.?C\.?M\.?|C\.?R\.?M\.?|Conference|Conferencia|Meeting|Reuni[oó]n)"
)
_EXTRAORDINARY = r"(?:Extraordinary|Extraordinari[ao]|Special|Especial)"
CONFERENCE_REFERENCE = re.compile(
    # The noun starts with a capital, so that "the first meeting of the working group" is not a conference.
    rf"(?<![\w/])(?P<number>{CONFERENCE_NUMBER_PATTERN})\s+(?P<before>{_EXTRAORDINARY}\s+)?(?=(?-i:[A-ZÁÉÍÓÚ])){_NOUN}"
    rf"(?P<after>\s+{_EXTRAORDINARY})?(?![\w-])",
    re.IGNORECASE,
)
DECISION_REFERENCE = re.compile(
    r"\b(?:decision|decisi[oó]n|acuerdo)\s+(?:No\.?\s*|n[uú]mero\s+|#)?(?P<decision>\d{1,3})\s+"
    r"(?:of|de|adopted\s+(?:at|by)|adoptad[oa]\s+(?:en|por))\s+(?:the|la|el)\s+(?P<conference>"
    + CONFERENCE_REFERENCE.pattern
    + r")",
    re.IGNORECASE,
)
CITATION = re.compile(
    r"\b(?:RCM|CRM|[Dd]ecision|[Dd]ecisi[oó]n)\s+(?P<ext>Ext\.\s*)?(?P<numeral>[IVXLC]+)/(?P<decision>\d{1,3})\b"
)
_LEVEL = re.compile(r"Vice-?\s?Ministerial|Viceministerial", re.IGNORECASE)
_JOINT_COMMUNIQUE = re.compile(r"COMMUNIQU[EÉ]|COMUNICADO\s+CONJUNTO", re.IGNORECASE)
_THEME_LABEL = re.compile(r"^(?:theme|tema|lema)\s*:\s*(?P<theme>.+)$", re.IGNORECASE)
_THEME_IN_TEXT = re.compile(
    r"(?:under\s+the\s+theme|with\s+the\s+theme|entitled|bajo\s+el\s+(?:lema|tema)|con\s+el\s+(?:lema|tema)"
    r"|denominad[oa])\s*:?\s*[“\"«](?P<theme>[^”\"»]{4,300})[”\"»]",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"^[“\"«‘'](?P<theme>.+?)[”\"»’']?[.,]?$")
_CITIES = (
    r"(?P<cities>[A-ZÁÉÍÓÚÑ][\w.'’-]*(?:\s+(?:(?:de|del|la|las|los|of|and|y|e)\s+)*[A-ZÁÉÍÓÚÑ][\w.'’-]*)*"
    r"(?:,\s+[A-Z]\.(?:\s?[A-Z]\.)+)?)\s*,\s*(?:the\s+|la\s+)?"  # "Washington, D.C.", "Tegucigalpa, M.D.C."
)
# "held in Panama City, Panama", "reunidos en la ciudad de Managua, Nicaragua"; a title line may start with the place.
_VENUE = re.compile(r"\b(?:in|en|at)\s+(?:the\s+cit(?:y|ies)\s+of\s+|las?\s+ciudad(?:es)?\s+de\s+)?" + _CITIES)
_VENUE_LINE = re.compile(r"^" + _CITIES)
# A city without its country: "held in Washington, D.C., on ..."
_HELD_IN = re.compile(
    r"\b(?:held|met|gathered|celebrad[oa]|reunid[oa]s)\s+(?:in|en)\s+"
    r"(?P<city>[A-ZÁÉÍÓÚ][\w.'’ -]+?)(?:,|\s+(?:on|from|el|los|del)\b)"
)
_CITY_SEPARATOR = re.compile(r"\s*,(?!\s*[A-Z]\.)\s*|\s+(?:and|y|e)\s+")
_OBSERVER = re.compile(
    r"\b(?:(?:as|like)\s+observers?(?:\s+(?:states|countries|organi[sz]ations))?"
    r"|in\s+(?:their|its)\s+capacity\s+as\s+observers?|observer\s+(?:states|countries|organi[sz]ations)"
    r"|(?:como|en\s+(?:su\s+)?calidad\s+de)\s+(?:pa[ií]ses\s+|organismos\s+|organizaciones\s+|estados\s+)?observador(?:es|as)?"
    r"|(?:pa[ií]ses|organismos|organizaciones|estados)\s+observador(?:es|as))\b",
    re.IGNORECASE,
)
_GUEST = re.compile(
    r"\b(?:(?:as\s+)?special\s+guests?|(?:como\s+|en\s+(?:su\s+)?calidad\s+de\s+)?invitad[oa]s?\s+especiales?)\b",
    re.IGNORECASE,
)
_AS_NOTE = re.compile(
    r"\s+(?:as|como|en\s+(?:su\s+)?calidad\s+de)\s+(?!observ|special|invitad)(?P<note>[^,;:()]+?)"
    r"(?=\s*(?:[,;:]|\.(?:\s|$)|\s+(?:and|y)\s+(?:the\s+|el\s+|la\s+)?[A-ZÁÉÍÓÚ]|$))",
    re.IGNORECASE,
)
_SENTENCE_BREAK = re.compile(r"(?<=[.;])\s+(?=[A-ZÁÉÍÓÚ“\"])")
# Decisions that give someone a task name them right after the verb: "Instruct the Technical Secretariat to ...".
_MANDATING = re.compile(
    r"^(?:to\s+)?(?:instruct|request|ask|mandate|task|entrust|charge|direct|encargar|instruir|solicitar|pedir|encomendar"
    r"|mandatar|requerir)\s+(?:to\s+|a\s+|al\s+|a\s+la\s+|a\s+los\s+|a\s+las\s+)?(?:the\s+|la\s+|el\s+|los\s+|las\s+)?",
    re.IGNORECASE,
)
_HOSTING = re.compile(r"\bhost(?:ing|s)?\b|\bsede\b|anfitri[oó]n", re.IGNORECASE)
# (link kind, the verbs that make a reference that kind of link), in folded text; the first that matches wins.
_LINK_VERBS = [
    ("supersedes", re.compile(r"\b(?:supersed\w*|replac\w*|sustitu\w*|reemplaz\w*|deroga\w*)")),
    ("amends", re.compile(r"\b(?:amend\w*|modif\w*|enmend\w*|annex(?:es|ed|ing)?\s+(?:it|them)|anexar\w*)")),
    ("renews", re.compile(r"\b(?:renew\w*|renova\w*|prorroga\w*)")),
    ("follows_up_on", re.compile(r"\b(?:follow(?:s|ed|ing)?[\s-]+up|seguimiento)")),
    ("implements", re.compile(r"\b(?:implement(?:s|ed|ing)?|implementar|ejecutar)\b")),
    ("recalls", re.compile(r"\b(?:recall\w*|recordar|recordando|recordaron)\b")),
]
_AS_DID = re.compile(r",?\s+(?:as\s+did|as\s+well\s+as|así\s+como|al\s+igual\s+que)\b", re.IGNORECASE)
# Words a paragraph opens with that are not its verb: "The Conference welcomed", "La Conferencia reconoció".
_SUBJECT_WORDS = {"the", "la", "el", "los", "las", "its", "their", "this", "these", "both", "all", "ambos", "todos"}
# Verbs in the forms paragraphs use after a subject: past tense, and the Spanish preterite.
_VERB_FORM = re.compile(r"^[a-záéíóúñ]+(?:ed|aron|ieron|ó)$")
_PRONOUNS = {"we", "they", "nosotros", "nosotras", "ellos", "los", "las"}
_ENGLISH_WORDS = {"the", "of", "and", "to", "in", "on", "for", "with", "was", "were"}
_SPANISH_WORDS = {"de", "la", "el", "y", "los", "las", "en", "del", "para", "con", "sobre", "que"}
_ENDS_SENTENCE = re.compile(r"[.;:!?”\"]\s*$")
_FIRST_WORDS = 12  # fewer words than this make a title line, not the opening paragraph
_LONGEST_HEADING = 100  # the lengths the records hold (Declaration.decisions_heading, .chapeau)
_LONGEST_CHAPEAU = 300


def parse_declaration(text: str, gazetteer: Gazetteer | None = None) -> Parse:
    """The text as a declaration JSON document (status draft), and what a person should check.

    Raises Unreadable when there is no text, no opening paragraph or no conference number.
    """
    return _Parser(text, gazetteer or Gazetteer.from_archive()).parse()


class _Parser:
    def __init__(self, text: str, gazetteer: Gazetteer) -> None:
        self.text = text
        self.gazetteer = gazetteer
        self.warnings: list[ParseWarning] = []

    def warn(self, line: int | None, message: str, unknown: bool = False) -> None:
        warning = ParseWarning(line, message, unknown)
        if warning not in self.warnings:
            self.warnings.append(warning)

    def warn_unknown_state(self, line: int | None, match: Match) -> None:
        self.warn(line, f"{match.label} is not among the archive's states; add it under /staff/states/", True)

    def parse(self) -> Parse:
        layout = text_blocks(self.text)
        blocks = layout.blocks
        if not blocks:
            raise Unreadable("the text is empty")
        for line, note in layout.notes:
            self.warn(line, note.split(": ", 1)[-1] if note.startswith("line ") else note)
        self.language = _language(self.text)
        opening_index = _opening_index(blocks)
        if opening_index is None:
            raise Unreadable(
                f"lines 1-{blocks[-1].line}: no opening paragraph (“The XVII Vice-Ministerial Meeting … was held in …”)"
            )
        header, opening = blocks[:opening_index], blocks[opening_index]
        opening = Block(_without_marker(opening), opening.line)
        self.kind, self.number = self._conference_number(header, opening)
        self.own_conference = (self.kind, self.number)
        body = blocks[opening_index + 1 :]
        chapeau, opening_text, body = self._chapeau(opening, body)
        heading_index = self._decisions_start(body)
        paragraph_blocks = body[:heading_index] if heading_index is not None else body
        decision_blocks, heading = [], ""
        if heading_index is not None:
            heading_block = body[heading_index]
            if DECISIONS_HEADING.match(heading_block.text) and len(heading_block.text) > _LONGEST_HEADING:
                # A whole sentence ending "... agreed:" is the last paragraph, leading into the decisions.
                paragraph_blocks = body[: heading_index + 1]
                decision_blocks = body[heading_index + 1 :]
            elif DECISIONS_HEADING.match(heading_block.text):
                heading = heading_block.text
                decision_blocks = body[heading_index + 1 :]
            else:
                decision_blocks = body[heading_index:]
        else:
            self.warn(
                body[-1].line if body else opening.line, "no decisions found (no “Decisions” heading or numbered items)"
            )
        cities, host_country, venue_span = self._venue(header, opening)
        start_date, end_date = self._dates(header, opening)
        paragraphs = self._paragraphs(paragraph_blocks)
        decisions = self._decisions(decision_blocks)
        data = {
            "schema": SCHEMAS_READ[0],  # version 1 until the parser reads meetings of every body
            "conference": {
                "number": self.number,
                "kind": self.kind,
                "level": self._level(header, opening),
                "theme": self._theme(header, opening),
                "cities": cities,
                "host_country": host_country,
                "start_date": start_date,
                "end_date": end_date,
                "presidency_pro_tempore": self._presidency(host_country, opening),
            },
            "language": self.language,
            "kind": "joint_communique"
            if any(_JOINT_COMMUNIQUE.search(block.text) for block in [*header, opening])
            else "declaration",
            "title": self._title(header, opening),
            "status": "draft",
            "opening": opening_text,
            "chapeau": chapeau,
            "participants": self._participants(opening, venue_span, [*paragraph_blocks, *decision_blocks]),
            "paragraphs": [
                {"number": n, "verb": verb, "text": text} for n, (verb, text, _) in enumerate(paragraphs, 1)
            ],
            "decisions_heading": heading,
            "decisions": decisions,
            "references": self._references(paragraphs),
        }
        self._flag_unknown_organizations(blocks)
        return Parse(data, self.warnings)

    # The conference ---------------------------------------------------------------------------

    def _conference_number(self, header: list[Block], opening: Block) -> tuple[str, int]:
        found = []
        for block in [*header, opening]:
            for match in CONFERENCE_REFERENCE.finditer(block.text):
                number = parse_conference_number(match["number"])
                if number:
                    kind = "extraordinary" if match["before"] or match["after"] else "ordinary"
                    found.append((kind, number, block.line))
                    break
        if not found:
            last = opening.line
            raise Unreadable(
                f"lines 1-{last}: no conference number in the title or the opening paragraph "
                "(expected e.g. “XVII Regional Conference on Migration”, “Fifth Regional Conference”, "
                "“Vigésima Reunión Viceministerial”)"
            )
        kind, number, _ = found[0]
        if any(block.text and re.search(r"extraordinar", block.text, re.IGNORECASE) for block in header):
            kind = "extraordinary"
        for other_kind, other_number, line in found[1:]:
            if (other_kind, other_number) != (kind, number) and other_kind == kind:
                self.warn(line, f"names conference {other_number}, the title {number}; {number} was taken")
        return kind, number

    def _level(self, header: list[Block], opening: Block) -> str:
        if not any(_LEVEL.search(block.text) for block in [*header, opening]):
            self.warn(opening.line, "the meeting level is not stated; taken to be vice-ministerial")
        return "vice-ministerial"

    def _theme(self, header: list[Block], opening: Block) -> str:
        for block in header[1:]:
            labelled = _THEME_LABEL.match(block.text)
            if labelled:
                return _unquoted(labelled["theme"])
            quoted = _QUOTED.match(block.text)
            if quoted and block.text[:1] in "“\"«‘'":
                return quoted["theme"].strip()
        for block in [*header, opening]:
            found = _THEME_IN_TEXT.search(block.text)
            if found:
                return found["theme"].strip()
        for block in header[1:]:
            if (
                not KIND_LINE.match(block.text)
                and not CONFERENCE_REFERENCE.search(block.text)
                and mostly_capitals(block.text)
            ):
                self.warn(block.line, f"“{block.text}” was taken as the theme: it is in capitals, without quotes")
                return block.text
        self.warn(header[0].line if header else opening.line, "no theme found (in quotes, or after “Theme:”)")
        return ""

    def _title(self, header: list[Block], opening: Block) -> str:
        if header:
            return header[0].text[:300]
        self.warn(opening.line, "the text has no title block; its first sentence was taken as the title")
        return re.split(r"(?<=[.;:])\s", opening.text, maxsplit=1)[0][:300]

    def _venue(self, header: list[Block], opening: Block) -> tuple[list[str], str | None, tuple[int, int]]:
        places = [
            (opening, _VENUE),
            *((block, _VENUE) for block in header),
            *((block, _VENUE_LINE) for block in header),
        ]
        for block, pattern in places:
            for venue in pattern.finditer(block.text):
                state = self._state_at(block.text, venue.end())
                if state:
                    cities = [city for city in _CITY_SEPARATOR.split(venue["cities"]) if city]
                    span = (venue.start("cities"), state.end) if block is opening else (0, 0)
                    return cities, state.key, span
        held = _HELD_IN.search(opening.text)
        if held:
            self.warn(opening.line, f"the host country is not named after “{held['city']}”; set it by hand")
            return [held["city"]], None, (0, 0)
        self.warn(opening.line, "no host city and country found (“held in Panama City, Panama”)")
        return [], None, (0, 0)

    def _state_at(self, text: str, position: int) -> Match | None:
        for match in self.gazetteer.find(text[position : position + 60]):
            if match.start == 0 and match.kind == STATE:
                if not match.known:
                    self.warn_unknown_state(None, match)
                    return None
                return Match(STATE, match.key, position, position + match.end, True, match.label)
            break
        return None

    def _dates(self, header: list[Block], opening: Block) -> tuple[str | None, str | None]:
        for block in [opening, *header]:
            found = find_date_range(block.text)
            if found:
                return found.start.isoformat(), found.end.isoformat()
        self.warn(opening.line, "no meeting dates found in the opening or the title")
        return None, None

    def _presidency(self, host_country: str | None, opening: Block) -> str | None:
        named = re.search(
            r"(?:(?:Presidency\s+Pro[\s-]+T[eé]mpore|Pro[\s-]+T[eé]mpore\s+Presidency)\s+(?:of|held\s+by)"
            r"|Presidencia\s+Pro[\s-]+T[eé]mpore\s+(?:de|a\s+cargo\s+de))\s+(?:the\s+|la\s+)?",
            self.text,
            re.IGNORECASE,
        )
        if named:
            state = self._state_at(self.text, named.end())
            if state:
                return state.key
        if host_country:
            self.warn(
                opening.line,
                "the presidency pro tempore is not named; "
                f"taken to be the host, {self.gazetteer.name(STATE, host_country)}",
            )
        return host_country

    # Participants --------------------------------------------------------------------------------

    def _participants(self, opening: Block, venue_span: tuple[int, int], blocks: list[Block]) -> dict[str, list]:
        roles: dict[tuple[str, str], tuple[str, str]] = {}  # (kind, key) -> (role, "as" note)
        self._assign_roles(opening, roles, default_role="member_states", skip=venue_span)
        if not roles and blocks:
            # "... was held in Panama City." then "The delegations of Belize, Canada, ... took part."
            listing = next((block for block in blocks[:2] if self._member_count(block) >= 3), None)
            if listing:
                self._assign_roles(listing, roles, default_role="member_states", skip=(0, 0))
        for block in blocks:
            if _OBSERVER.search(block.text) or _GUEST.search(block.text):
                self._assign_roles(block, roles, default_role=None, skip=(0, 0))
        participants: dict[str, list] = {
            "member_states": [],
            "observer_states": [],
            "observer_organizations": [],
            "special_guests": [],
        }
        for (kind, key), (role, note) in roles.items():
            if role == "special_guests":
                guest = {"code": key} if kind == STATE else {"acronym": key}
                if note:
                    guest["as"] = note
                participants[role].append(guest)
            elif role == "observers":
                participants["observer_states" if kind == STATE else "observer_organizations"].append(key)
            elif kind == STATE:
                participants[role].append(key)
        for code in participants["member_states"]:
            if not self.gazetteer.states[code].is_member:
                self.warn(
                    opening.line,
                    f"{self.gazetteer.name(STATE, code)} is listed among the participants "
                    "but is not an RCM member state",
                )
        if not participants["member_states"]:
            self.warn(opening.line, "no member states found in the opening paragraph")
        return participants

    def _member_count(self, block: Block) -> int:
        states = {m.key for m in self.gazetteer.find(block.text) if m.kind == STATE and m.known}
        return sum(self.gazetteer.states[code].is_member for code in states)

    def _assign_roles(self, block: Block, roles: dict, default_role: str | None, skip: tuple[int, int]) -> None:
        """Give each state and organization of a block its role, from the "as observers" and "special guests" around it.

        A role phrase right after a list applies to the list ("Colombia and Peru as observers"); one
        before applies to what follows, to the end of the sentence ("and as special guests, Brazil, the ILO").
        """
        text = block.text
        for sentence_start, sentence_end in _sentences(text):
            sentence = text[sentence_start:sentence_end]
            events = []  # (position, "actor", match) or (position, "role", role)
            notes: list[tuple[int, int]] = []
            for match in self.gazetteer.find(sentence):
                absolute = (sentence_start + match.start, sentence_start + match.end)
                if match.kind not in (STATE, ORGANIZATION) or skip[0] <= absolute[0] < skip[1]:
                    continue
                if any(start <= match.start < end for start, end in notes):
                    continue
                if not match.known:
                    self.warn_unknown_state(block.line, match)
                    continue
                note = _AS_NOTE.match(sentence, match.end)
                if note:
                    notes.append(note.span("note"))
                events.append((match.start, "actor", match, note["note"].strip() if note else ""))
            for pattern, role in ((_OBSERVER, "observers"), (_GUEST, "special_guests")):
                for marker in pattern.finditer(sentence):
                    if not any(start <= marker.start() < end for start, end in notes):
                        events.append((marker.start(), "role", role, marker.end()))
            events.sort(key=lambda event: event[0])
            pending: list[tuple[Match, str]] = []
            current = default_role
            last_end = 0
            for event in events:
                if event[1] == "actor":
                    _, _, match, note = event
                    if current and current != default_role:
                        _give_role(roles, match, current, note)
                    else:
                        pending.append((match, note))
                    last_end = match.end
                else:
                    _, _, role, marker_end = event
                    between = sentence[last_end : event[0]]
                    if pending and re.fullmatch(
                        r"[\s,)]*(?:(?:who\s+)?(?:attended|participated|took\s+part|asistieron|participaron)\s+)?",
                        between,
                    ):
                        for match, note in pending:
                            _give_role(roles, match, role, note)
                        pending = []
                        # "Colombia and Peru participated as observers, as did the IOM": the role goes on.
                        if _AS_DID.match(sentence, marker_end):
                            current = role
                    else:
                        current = role
                    last_end = marker_end
            if default_role:
                for match, note in pending:
                    _give_role(roles, match, default_role, note)

    def _flag_unknown_organizations(self, blocks: list[Block]) -> None:
        for block in blocks:
            for name, acronym in self.gazetteer.unknown_acronyms(block.text):
                self.warn(
                    block.line,
                    f"“{name} ({acronym})” is not among the archive's organizations or bodies; "
                    "add it under /staff/organizations/ to link it",
                    unknown=True,
                )

    # Paragraphs and decisions -------------------------------------------------------------------

    def _chapeau(self, opening: Block, body: list[Block]) -> tuple[str, str, list[Block]]:
        # The line leading into the paragraphs: right after the opening, or after a paragraph listing
        # the delegations ("CONSIDERANDO:", "The Vice-Ministers and Heads of Delegation:").
        for index, block in enumerate(body[:2]):
            lead_in = block.text.endswith(":") and len(block.text) <= _LONGEST_CHAPEAU and not block.marker
            if lead_in and not DECISIONS_HEADING.match(block.text):  # "They agreed:" opens the decisions instead
                return block.text, opening.text, body[:index] + body[index + 1 :]
        if opening.text.endswith(":"):
            sentences = re.split(r"(?<=\.)\s+(?=[A-ZÁÉÍÓÚ])", opening.text)
            if len(sentences) > 1 and len(sentences[-1]) <= _LONGEST_CHAPEAU:
                opening_text = opening.text[: len(opening.text) - len(sentences[-1])].rstrip()
                return sentences[-1], opening_text, body
        return "", opening.text, body

    def _decisions_start(self, body: list[Block]) -> int | None:
        for index, block in enumerate(body):
            if DECISIONS_HEADING.match(block.text):
                return index
        for index, block in enumerate(body):
            marker = block.marker
            if marker and marker["number"] in ("1", "a") and index > 0:
                self.warn(
                    block.line, "no “Decisions” heading; the numbered items from here on were taken as the decisions"
                )
                return index
        return None

    def _paragraphs(self, blocks: list[Block]) -> list[tuple[str, str, Block]]:
        paragraphs = []
        for block in blocks:
            text = _without_marker(block)
            if not text:
                continue
            words = re.findall(r"[^\W\d_][\w’'-]*", text)
            if not words:
                self.warn(block.line, f"“{text[:60]}” has no words; left out")
                continue
            verb = _opening_verb(words)
            paragraphs.append((verb, text, block))
        return paragraphs

    def _decisions(self, blocks: list[Block]) -> list[dict[str, Any]]:
        items: list[tuple[int, str, Block]] = []  # (number, text, first block)
        style = None
        trailing: list[Block] = []
        for block in blocks:
            marker = block.marker
            number = marker["number"] if marker and marker["number"] else None
            this_style = None if number is None else "digit" if number.isdigit() else "letter"
            if style is None and this_style:
                style = this_style
            if number is not None and this_style == style:
                value = int(number) if number.isdigit() else ord(number) - ord("a") + 1
                items.append((value, _without_marker(block), block))
                for left_out in trailing:  # a heading between decisions, say ("Migration and development")
                    self.warn(left_out.line, f"“{left_out.text[:80]}” stands between two decisions and was left out")
                trailing = []
            elif marker and marker["bullet"] and (style is None or style == "bullet"):
                style = "bullet"
                items.append((len(items) + 1, _without_marker(block), block))
                self.warn(block.line, f"decision {len(items)} has no number; numbered in order")
            elif items and (marker or (trailing == [] and _continues(items[-1][1], block.text))):
                number_, text, first = items[-1]
                # A sub-item or a new sentence keeps its line; a sentence cut by a stray break is joined.
                joiner = "\n" if marker or _ENDS_SENTENCE.search(text) else " "
                items[-1] = (number_, f"{text}{joiner}{block.text}", first)
            elif items:
                trailing.append(block)
            else:
                self.warn(block.line, f"“{block.text[:60]}” comes before the first numbered decision; left out")
        for block in trailing:
            self.warn(block.line, f"“{block.text[:80]}” follows the last decision and was left out")
        seen: dict[int, int] = {}
        decisions = []
        for expected, (number, text, block) in enumerate(items, start=1):
            if number in seen:
                raise Unreadable(f"line {block.line}: decision {number} appears twice (also on line {seen[number]})")
            seen[number] = block.line
            if number != expected:
                self.warn(block.line, f"decision {number} comes where {expected} was expected")
            decisions.append(self._decision(number, text, block))
        return decisions

    def _decision(self, number: int, text: str, block: Block) -> dict[str, Any]:
        matches = self.gazetteer.find(text)
        mandated_ends = _mandated_end(text, matches)
        mandated: dict[str, list[str]] = {kind.plural: [] for kind in ACTOR_KINDS}
        mentioned: dict[str, list[str]] = {kind.plural: [] for kind in ACTOR_KINDS}
        links: list[dict[str, Any]] = []
        for match in matches:
            if match.kind == DOCUMENT:
                _add(links, {"kind": _link_kind(text), "document": match.key})
                continue
            if not match.known:
                self.warn_unknown_state(block.line, match)
                continue
            key = ACTOR_KINDS_BY_WORD[match.kind].plural
            target = mandated if mandated_ends and match.start < mandated_ends else mentioned
            if match.key not in mandated[key] and match.key not in mentioned[key]:
                target[key].append(match.key)
        decision_spans = []
        for reference in DECISION_REFERENCE.finditer(text):
            conference = self._conference_of(reference)
            if conference:
                decision_spans.append(reference.span())
                _add(
                    links,
                    {"kind": _link_kind(text), "decision": decision_citation(*conference, int(reference["decision"]))},
                )
        for reference in CITATION.finditer(text):
            try:
                numeral_value = from_roman(reference["numeral"])
            except ValueError:
                continue
            kind = "extraordinary" if reference["ext"] else "ordinary"
            decision_spans.append(reference.span())
            _add(
                links,
                {
                    "kind": _link_kind(text),
                    "decision": decision_citation(kind, numeral_value, int(reference["decision"])),
                },
            )
        for reference in CONFERENCE_REFERENCE.finditer(text):
            if any(start <= reference.start() < end for start, end in decision_spans):
                continue
            conference = self._conference_of(reference)
            if conference and conference != self.own_conference:
                _add(links, {"kind": "refers_to", "conference": {"number": conference[1], "kind": conference[0]}})
        self._mandate_future_host(text, links, mandated, mentioned)
        deadline = find_deadline(text, self.language)
        return {
            "number": number,
            "citation": decision_citation(self.kind, self.number, number),
            "text": text,
            "deadline": deadline[0].isoformat() if deadline else None,
            "deadline_text": deadline[1] if deadline else "",
            "mandated": mandated,
            "mentioned": mentioned,
            "links": links,
        }

    def _mandate_future_host(self, text: str, links: list, mandated: dict, mentioned: dict) -> None:
        """A state thanked for hosting, or offering to host, a later conference has that task."""
        later = any(
            "conference" in link
            and link["conference"]["kind"] == self.kind
            and link["conference"]["number"] > self.number
            for link in links
        )
        if later and _HOSTING.search(text) and len(mentioned["states"]) == 1 and not mandated["states"]:
            mandated["states"], mentioned["states"] = mentioned["states"], []

    def _conference_of(self, reference: re.Match) -> tuple[str, int] | None:
        number = parse_conference_number(reference["number"])
        if number is None:
            return None
        extraordinary = reference["before"] or reference["after"]
        return ("extraordinary" if extraordinary else "ordinary", number)

    def _references(self, paragraphs: list[tuple[str, str, Block]]) -> list[dict[str, Any]]:
        references = []
        for position, (_, text, _) in enumerate(paragraphs, start=1):
            slugs = {match.key for match in self.gazetteer.find(text) if match.kind == DOCUMENT}
            for slug in sorted(slugs):  # the export's order
                references.append({"paragraph": position, "document": slug})
        return references


# Helpers -----------------------------------------------------------------------------------------


def _language(text: str) -> str:
    words = re.findall(r"[a-záéíóúñ]+", text.lower())
    english = sum(word in _ENGLISH_WORDS for word in words)
    spanish = sum(word in _SPANISH_WORDS for word in words)
    return "es" if spanish > english else "en"


def _opening_index(blocks: list[Block]) -> int | None:
    """The opening paragraph: the first sentence-like block, after the title lines.

    Early communiqués number every paragraph, the opening included ("1. The Fifth Regional Conference
    ... was held in"), so a numbered block naming a conference may open the text too.
    """
    for index, block in enumerate(blocks):
        text = _without_marker(block)
        words = len(text.split())
        if block.marker and not CONFERENCE_REFERENCE.search(text):
            continue
        if (
            words >= _FIRST_WORDS
            and (words >= 30 or re.search(r"[.:;]\s*$", text))  # a title line in Title Case does not end a sentence
            and not mostly_capitals(text)
            and text[:1] not in '“"«‘'
            and not DECISIONS_HEADING.match(text)
        ):
            return index
    return None


def _opening_verb(words: list[str]) -> str:
    """ "Recognized"; "We acknowledge"; for "The Conference welcomed ...", "welcomed"."""
    if words[0].lower() in _PRONOUNS and len(words) > 1:
        return " ".join(words[:2])[:60]
    if words[0].lower() in _SUBJECT_WORDS:
        verb = next((word for word in words[1:12] if _VERB_FORM.match(word)), None)
        if verb:
            return verb[:60]
    return words[0][:60]


def _unquoted(text: str) -> str:
    return text.strip().strip("“”\"«»‘’'").strip()


def _without_marker(block: Block) -> str:
    marker = block.marker
    return block.text[marker.end() :].strip() if marker else block.text


def _continues(text: str, following: str) -> bool:
    """Whether a block carries on the decision before it: it starts in lower case, or the decision had not ended."""
    return following[:1].islower() or not _ENDS_SENTENCE.search(text)


def _sentences(text: str) -> list[tuple[int, int]]:
    starts = [0, *(match.end() for match in _SENTENCE_BREAK.finditer(text))]
    return list(zip(starts, [*starts[1:], len(text)], strict=True))


def _give_role(roles: dict, match: Match, role: str, note: str) -> None:
    key = (match.kind, match.key)
    if key not in roles or (roles[key][0] == "member_states" and role != "member_states"):
        roles[key] = (role, note)


def _mandated_end(text: str, matches: list[Match]) -> int | None:
    """Where the actors a decision tasks end: those named right after "Instruct", "Request", "Encargar a"...

    "Instruct the Technical Secretariat and the RCGM to ..." tasks both; "Request the RCGM to report to Canada"
    tasks only the RCGM.
    """
    lead = _MANDATING.match(text)
    if not lead:
        return None
    end = None
    position = lead.end()
    for match in matches:
        if match.start < position:
            continue
        if not re.fullmatch(
            r"\s*(?:,|and|y|e)?\s*(?:the\s+|la\s+|el\s+|los\s+|las\s+|a\s+(?:la\s+)?)?", text[position : match.start]
        ):
            break
        end = position = match.end
    return end


def _link_kind(text: str) -> str:
    """The kind of link a decision's words make of its references: "annex it to" amends, "renew" renews..."""
    folded = fold(text)
    return next((kind for kind, verbs in _LINK_VERBS if verbs.search(folded)), "refers_to")


def _add(links: list[dict[str, Any]], link: dict[str, Any]) -> None:
    if link not in links:
        links.append(link)
