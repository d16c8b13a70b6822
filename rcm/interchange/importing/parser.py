"""An outcome document's plain text, English or Spanish, read into the declaration JSON schema.

Outcome documents are what RCM meetings adopt: declarations, joint communiqués with headed sections of
agreements, extraordinary declarations, the RCGM's conclusions and recommendations, action plans. The
parser reads which meeting adopted the text (the body that met, its number if it has one, where, when,
in person or virtually), what kind of document it is, and its paragraphs and numbered items.

`parse_declaration` proposes; a person confirms. Whatever it is unsure of comes back as a warning
naming the line it came from, never as a silent guess: a state it cannot place, a paragraph break
it had to infer, a host read from the thanks for its hospitality, text after the decisions it left
out. A text that does not say which meeting adopted it is still read: `Parse.meeting_missing` says
what is missing, and `unplaced_message` asks the person for it. Words are kept exactly as written,
typos included (a declaration is a legal record): the parser only decides where each piece begins
and ends and what it names.
"""

import bisect
import itertools
import math
import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext, gettext_lazy

from rcm.base.models import ACTOR_KINDS, ACTOR_KINDS_BY_WORD, Body
from rcm.interchange.importing.actors import BODY, DOCUMENT, ORGANIZATION, STATE, Gazetteer, Match, fold
from rcm.interchange.importing.dates import find_date_range, find_deadline
from rcm.interchange.importing.layout import DECISIONS_HEADING, KIND_LINE, Block, mostly_capitals, text_blocks
from rcm.interchange.importing.ordinals import CONFERENCE_NUMBER_PATTERN, parse_conference_number
from rcm.interchange.importing.places import (
    capital_of,
    find_place,
    find_place_alone,
    state_at,
    thanked_host,
)
from rcm.interchange.schema import SCHEMA
from rcm.lib.citations import RCGM, VICE_MINISTERIAL, decision_citation
from rcm.lib.numerals import from_roman
from rcm.lib.words import shorten

# The bodies that meet and adopt outcome documents, besides the Vice-Ministerial Meeting.
_MEETING_BODY_KINDS = {Body.Kind.CONSULTATION_GROUP, Body.Kind.LIAISON_NETWORK, Body.Kind.WORKING_GROUP}


class Unreadable(ValueError):
    """A text that is not an outcome document the parser can read; the message says what is missing, and where."""


@dataclass(frozen=True)
class ParseWarning:
    line: int | None
    message: str
    unknown: bool = False  # names a state or organization the archive does not hold yet

    def __str__(self) -> str:
        if self.line:
            return gettext("line %(line)s: %(message)s") % {"line": self.line, "message": self.message}
        return self.message


# How a kind of document is named in a sentence: "This looks like a joint communiqué".
_KIND_PHRASES = {
    "declaration": gettext_lazy("a declaration"),
    "joint_communique": gettext_lazy("a joint communiqué"),
    "extraordinary_declaration": gettext_lazy("an extraordinary declaration"),
    "conclusions": gettext_lazy("conclusions"),
    "action_plan": gettext_lazy("an action plan"),
    "other": gettext_lazy("an outcome document"),
}


@dataclass(frozen=True)
class LooksLike:
    """What kind of document a text looked like, for a message asking which meeting adopted it."""

    kind: str  # the document's kind, as in the schema
    body: str | None  # the slug of the body that met, if named
    body_name: str = ""  # how the archive names that body

    def __str__(self) -> str:
        """ "RCGM conclusions", "an extraordinary declaration", "conclusions of the Consular Protection ... Network"."""
        phrase = str(_KIND_PHRASES[self.kind])
        if self.body == RCGM and self.kind == "conclusions":
            return gettext("RCGM conclusions")
        if self.body and self.body != VICE_MINISTERIAL:
            return gettext("%(kind)s of the %(body)s") % {"kind": phrase, "body": self.body_name}
        return phrase


@dataclass
class Parse:
    data: dict[str, Any]  # a document in the declaration JSON schema
    warnings: list[ParseWarning] = field(default_factory=list)
    looks_like: LooksLike = LooksLike("declaration", None)
    # What the text lacks to say which meeting adopted it: "body", "dates", "place" (with "dates" only).
    meeting_missing: tuple[str, ...] = ()

    @property
    def meeting_found(self) -> bool:
        """Whether the text names its meeting: the body, and its number or its dates."""
        return not self.meeting_missing


def unplaced_message(parse: Parse, choice: str | None = None) -> str:
    """What to tell a person whose text does not say which meeting adopted it.

    "This looks like RCGM conclusions, but it does not say which meeting: choose the meeting (--meeting)
    or add the place and dates." `choice` says how this interface lets the person choose.
    """
    missing = parse.meeting_missing
    body = "body" in missing
    if "place" in missing:
        what = gettext("the body that met, the place and dates") if body else gettext("the place and dates")
    elif "dates" in missing:
        what = gettext("the body that met and the dates") if body else gettext("the dates")
    else:
        what = gettext("the body that met") if body else ""
    return gettext("This looks like %(kind)s, but it does not say which meeting: %(choice)s or add %(what)s.") % {
        "kind": parse.looks_like,
        "choice": choice or gettext("choose the meeting (--meeting)"),
        "what": what,
    }


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
# A body named for its work ("the recommendations of the RCGM"), or a meeting the one that met prepares
# ("in preparation for the XX Vice-Ministerial Meeting"), is not the meeting that adopted the text.
_NAMED_FOR_ANOTHER = re.compile(
    r"(?:\b(?:recommendations?|reports?|work|proposals?|mandate|results?|conclusions|recomendaciones|informes?"
    r"|trabajo|propuestas?|mandato|resultados?|conclusiones)\s+(?:of|from|by|del|de\s+la|de\s+los|de)"
    r"|\b(?:in\s+preparation\s+for|preparatory\s+to|ahead\s+of|en\s+preparaci[oó]n\s+(?:para|de)|preparatori[ao]\s+"
    r"(?:para|de)|previ[ao]\s+a|rumbo\s+a))\s+(?:the\s+|la\s+|el\s+)?$",
    re.IGNORECASE,
)
# "Meeting of the RCGM", "Reunión del GRCM": a meeting of another body than the Conference.
_OF_A_BODY = re.compile(r"\s+(?:of\s+the|del|de\s+la|de\s+los|de\s+las)\s+", re.IGNORECASE)
_VICE_MINISTERS = re.compile(r"\bVice-?\s?Minist(?:erial|ers?)\b|\bViceminist(?:erial|ros|ras|ro|ra)\b", re.IGNORECASE)
_RCM_NAME = re.compile(
    r"Regional\s+Conference\s+(?:on|of)\s+Migrations?|Conferencia\s+Regional\s+sobre\s+Migraci[oó]n(?:es)?"
    r"|Puebla\s+Process|Proceso\s+(?:de\s+)?Puebla|(?-i:\bRCM\b|\bCRM\b)",
    re.IGNORECASE,
)
_LETTERHEAD = re.compile(rf"^\s*(?:{_RCM_NAME.pattern})\s*(?:\((?:RCM|CRM)\))?\s*$", re.IGNORECASE)
_EXTRAORDINARY_MEETING = re.compile(
    r"\b(?:extraordinary|special)\s+(?:(?:virtual|vice-?\s?ministerial)\s+)*(?:meeting|conference|session)\b"
    r"|\b(?:reuni[oó]n|conferencia|sesi[oó]n)\s+(?:(?:virtual|viceministerial)\s+)*(?:extraordinaria|especial)\b",
    re.IGNORECASE,
)
_ONLINE = r"(?:virtual(?:ly|mente|es)?|online|en\s+l[ií]nea)"
_IN_PERSON = r"(?:in\s+person|in-person|presencial(?:es|mente)?)"
_HYBRID = re.compile(
    rf"\bh[yií]brid[oa]?s?\b|\b{_IN_PERSON}\s+(?:and|y|e)\s+{_ONLINE}\b|\b{_ONLINE}\s+(?:and|y|e)\s+{_IN_PERSON}\b",
    re.IGNORECASE,
)
_VIRTUAL = re.compile(rf"\b{_ONLINE}\b|\bvideo-?\s?conferenc(?:e|es|ia|ias)\b", re.IGNORECASE)
# "Within the framework of the XIV Regional Conference", "en el marco de la XX Reunión Viceministerial".
_FRAMEWORK = re.compile(
    r"\b(?:(?:with)?in\s+the\s+framework\s+of|on\s+the\s+occasion\s+of)\s+(?:the\s+)?"
    r"|\b(?:en\s+el\s+marco|con\s+ocasi[oó]n|con\s+motivo)\s+del?\s+(?:la\s+|el\s+)?",
    re.IGNORECASE,
)
# What a document is, most specific first: an alternative matching at a position wins over those after it.
_DOCUMENT_KIND = re.compile(
    r"\b(?:(?P<extraordinary_declaration>extraordinary\s+declaration|declaraci[oó]n\s+extraordinaria)"
    r"|(?P<joint_communique>(?:joint\s+)?communiqu[eé]|comunicado(?:\s+conjunto)?)"
    r"|(?P<conclusions>conclusions?|conclusiones|recommendations|recomendaciones)"
    r"|(?P<action_plan>action\s+plan|plan\s+of\s+action|plan\s+de\s+acci[oó]n)"
    r"|(?P<declaration>declaration|declaraci[oó]n)"
    r"|(?P<other>statement|pronunciamiento|resolution|resoluci[oó]n))\b",
    re.IGNORECASE,
)
# An opening paragraph says what it adopts only in these words; "the Declaration of ..." may cite another text.
_KIND_IN_OPENING = re.compile(
    r"\b(?:joint\s+communiqu[eé]|comunicado\s+conjunto|extraordinary\s+declaration|declaraci[oó]n\s+extraordinaria)\b",
    re.IGNORECASE,
)
# A kind word alone, which leaves the title to the line naming the meeting: "DECLARATION" under "XVII ... (RCM)".
_BARE_KIND = re.compile(
    r"^\s*(?:DECLARATION|DECLARACI[OÓ]N|JOINT\s+COMMUNIQU[EÉ]|COMUNICADO\s+CONJUNTO|CONCLUSIONS|CONCLUSIONES)\s*$",
    re.IGNORECASE,
)
_STATES_THE_THEME = ("declaration", "joint_communique")
_THEME_LABEL = re.compile(r"^(?:theme|tema|lema)\s*:\s*(?P<theme>.+)$", re.IGNORECASE)
_THEME_IN_TEXT = re.compile(
    r"(?:under\s+the\s+theme|with\s+the\s+theme|entitled|bajo\s+el\s+(?:lema|tema)|con\s+el\s+(?:lema|tema)"
    r"|denominad[oa])\s*:?\s*[“\"«](?P<theme>[^”\"»]{4,300})[”\"»]",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"^[“\"«‘'](?P<theme>.+?)[”\"»’']?[.,]?$")
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
# What stands between the names of one list: "Belize, Canada and the United States", "la OIM y el ACNUR".
_LIST_SEPARATOR = re.compile(
    r"[\s,;()]*(?:(?:and|y|e|&|as\s+well\s+as|así\s+como)\s+)?(?:(?:the|el|la|los|las|del)\s+)?[\s()]*",
    re.IGNORECASE,
)
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
_FRAMEWORK_PHRASES = 5  # "within the framework of" phrases read for the meeting, from the first paragraph
_HEADING_WORDS = 15  # a section heading between items is a short line, not a sentence
# What a document's items are called, by its kind, in warnings: "conclusion 3 appears twice".
_ITEM_NOUNS = {"conclusions": ("conclusion", "Conclusions"), "joint_communique": ("agreement", "Agreements")}
# How the warnings name the items and their heading: (one item, several, the heading).
_ITEM_WORDS = {
    "decision": (gettext_lazy("decision"), gettext_lazy("decisions"), gettext_lazy("Decisions")),
    "conclusion": (gettext_lazy("conclusion"), gettext_lazy("conclusions"), gettext_lazy("Conclusions")),
    "agreement": (gettext_lazy("agreement"), gettext_lazy("agreements"), gettext_lazy("Agreements")),
}


def parse_declaration(text: str, gazetteer: Gazetteer | None = None) -> Parse:
    """The text as a declaration JSON document (status draft), and what a person should check.

    Raises Unreadable when there is no text, no opening paragraph, an item numbered twice, or nothing
    that makes it an outcome document (no RCM meeting or body, no kind of document, no numbered items).
    """
    return _Parser(text, gazetteer or Gazetteer.from_archive()).parse()


@dataclass
class _Meeting:
    """The meeting a text names, and where the parser found it."""

    body: str | None = None
    kind: str = "ordinary"
    number: int | None = None
    found_in: Block | None = None  # a paragraph, when neither the title nor the opening names the meeting


class _Parser:
    def __init__(self, text: str, gazetteer: Gazetteer) -> None:
        self.text = text
        self.gazetteer = gazetteer
        self.warnings: list[ParseWarning] = []
        self._warned: set[ParseWarning] = set()  # a long text may hold thousands

    def warn(self, line: int | None, message: str, unknown: bool = False) -> None:
        warning = ParseWarning(line, message, unknown)
        if warning not in self._warned:
            self._warned.add(warning)
            self.warnings.append(warning)

    def warn_unknown_state(self, line: int | None, match: Match) -> None:
        self.warn(
            line,
            gettext("%(name)s is not among the archive's states; add it under /staff/states/") % {"name": match.label},
            True,
        )

    @property
    def words(self) -> dict[str, str]:
        """The items' names for a warning: "noun" (one), "nouns" (several) and "heading"."""
        noun, nouns, heading = _ITEM_WORDS[self.item_noun]
        return {"noun": str(noun), "nouns": str(nouns), "heading": str(heading)}

    def parse(self) -> Parse:
        layout = text_blocks(self.text)
        blocks = layout.blocks
        if not blocks:
            raise Unreadable(gettext("the text is empty"))
        for line, note in layout.notes:
            self.warn(line, note.split(": ", 1)[-1] if note.startswith("line ") else note)
        self.language = _language(self.text)
        opening_index = _opening_index(blocks)
        if opening_index is None:
            raise Unreadable(
                gettext("lines 1-%(last)s: no opening paragraph (“The XVII Vice-Ministerial Meeting … was held in …”)")
                % {"last": blocks[-1].line}
            )
        header, opening = blocks[:opening_index], blocks[opening_index]
        opening = Block(_without_marker(opening), opening.line)
        body = blocks[opening_index + 1 :]
        chapeau, opening_text, body = self._chapeau(opening, body)
        named_kind = self._named_kind(header, opening, body)
        meeting = self._meeting(header, opening, body)
        numbered = meeting.body == VICE_MINISTERIAL and meeting.number
        self.own_meeting = (meeting.kind, meeting.number) if numbered else None
        kind = named_kind or "declaration"
        if kind == "declaration" and meeting.kind == "extraordinary":
            kind = "extraordinary_declaration"
        self.item_noun, self.items_heading = _ITEM_NOUNS.get(kind, ("decision", "Decisions"))
        heading_index = self._decisions_start(body, kind)
        paragraph_blocks = body[:heading_index] if heading_index is not None else body
        decision_blocks, heading, decisions_chapeau = [], "", ""
        if heading_index is not None:
            heading_block = body[heading_index]
            if DECISIONS_HEADING.match(heading_block.text) and len(heading_block.text) > _LONGEST_HEADING:
                # A whole sentence ending "... agreed:" is no heading: it leads into the decisions.
                decisions_chapeau = heading_block.text
                decision_blocks = body[heading_index + 1 :]
            elif DECISIONS_HEADING.match(heading_block.text):
                heading = heading_block.text
                decision_blocks = body[heading_index + 1 :]
            else:
                decision_blocks = body[heading_index:]
            if not decisions_chapeau and paragraph_blocks and _leads_in(paragraph_blocks[-1]):
                # "..., the Vice-Ministers and Heads of Delegation reached the following:" just before the heading.
                decisions_chapeau = paragraph_blocks.pop().text
        else:
            self.warn(
                body[-1].line if body else opening.line,
                gettext("no %(nouns)s found (no “%(heading)s” heading or numbered items)") % self.words,
            )
        decisions = self._decisions(decision_blocks)
        if meeting.body is None and not decisions and named_kind is None:
            raise Unreadable(
                gettext(
                    "lines 1-%(last)s: not an outcome document of the RCM: it names no RCM meeting or body, "
                    "no kind of document (declaration, joint communiqué, conclusions…) and no numbered items"
                )
                % {"last": blocks[-1].line}
            )
        mode = self._mode(header, opening)
        cities, host_country, venue_span = self._venue(header, opening, body, virtual=mode == "virtual")
        start_date, end_date = self._dates(header, opening, meeting)
        paragraphs = self._paragraphs(paragraph_blocks)
        data = {
            "schema": SCHEMA,
            "meeting": {
                "body": meeting.body,
                "kind": meeting.kind,
                "number": meeting.number,
                "mode": mode,
                "theme": self._theme(header, opening, meeting, kind),
                "cities": cities,
                "host_country": host_country,
                "start_date": start_date,
                "end_date": end_date,
                "presidency_pro_tempore": self._presidency(host_country, opening),
            },
            "language": self.language,
            "kind": kind,
            "title": self._title(header, opening),
            "status": "draft",
            "opening": opening_text,
            "chapeau": chapeau,
            "participants": self._participants(opening, venue_span, [*paragraph_blocks, *decision_blocks]),
            "paragraphs": [
                {"number": n, "verb": verb, "text": text} for n, (verb, text, _) in enumerate(paragraphs, 1)
            ],
            "decisions_chapeau": decisions_chapeau,
            "decisions_heading": heading,
            "decisions": decisions,
            "references": self._references(paragraphs),
        }
        self._flag_unknown_organizations(blocks)
        body_name = self.gazetteer.name(BODY, meeting.body) if meeting.body else ""
        missing = _meeting_missing(data["meeting"], virtual=mode == "virtual")
        return Parse(data, self.warnings, LooksLike(kind, meeting.body, body_name), missing)

    # The meeting ------------------------------------------------------------------------------

    def _named_kind(self, header: list[Block], opening: Block, body: list[Block]) -> str | None:
        """The kind of document the title names, or the opening ("adopt the following Joint Communiqué"), or
        the items' heading ("Conclusiones:"); None when nothing names it."""
        for block in header:
            if _QUOTED.match(block.text) and block.text[:1] in "“\"«‘'":
                continue  # the theme
            named = _DOCUMENT_KIND.search(block.text)
            if named:
                return named.lastgroup
        named = _KIND_IN_OPENING.search(opening.text)
        if named:
            return _DOCUMENT_KIND.search(named.group()).lastgroup
        heading = next((block for block in body if DECISIONS_HEADING.match(block.text)), None)
        if heading and re.search(r"conclus|recommend|recomend", heading.text, re.IGNORECASE):
            return "conclusions"
        return None

    def _meeting(self, header: list[Block], opening: Block, body: list[Block]) -> _Meeting:
        """Which body met, and, for the Vice-Ministerial Meeting, whether ordinary or extraordinary and its number.

        The title says it first, then the opening; the Conference's own name ("Regional Conference on Migration")
        heads the papers of all its bodies, so it decides only where no body is named. A text that names its
        meeting only further on does it "within the framework of the XIV Regional Conference".
        """
        meeting = _Meeting()
        named_in = [(block, self._meeting_named(block.text)) for block in [*header, opening]]
        for blocks in (named_in[:-1], named_in[-1:]):
            named = [evidence for _, evidences in blocks for evidence in evidences]
            if named:
                meeting.body = named[0][1]
                break
        if meeting.body is None and any(_RCM_NAME.search(block.text) for block in [*header, opening]):
            meeting.body = VICE_MINISTERIAL
        references = [
            (block, reference)
            for block, evidences in named_in
            for _, _, reference in evidences
            if reference is not None
        ]
        spans = {
            id(block): [reference.span() for other, reference in references if other is block]
            for block in [*header, opening]
        }
        extraordinary = [
            (block, found)
            for block in [*header, opening]
            for found in _EXTRAORDINARY_MEETING.finditer(block.text)
            if not _inside(found.start(), spans[id(block)])
        ]
        if meeting.body in (None, VICE_MINISTERIAL) and not references:
            further = self._meeting_further_on(body, numbered_only=meeting.body is not None)
            if further:
                block, (_, meeting.body, reference), words = further
                meeting.found_in = block
                references = [(Block(words, block.line), reference)] if reference else []
                self.warn(
                    block.line,
                    gettext("the meeting is named only here, not in the title or the opening: “%(words)s”; check it")
                    % {"words": words},
                )
        if meeting.body != VICE_MINISTERIAL:
            return meeting
        if extraordinary and (not references or _before(extraordinary[0], references[0], [*header, opening])):
            meeting.kind = "extraordinary"  # "an extraordinary virtual meeting", which has no number
            return meeting
        if references:
            block, reference = references[0]
            meeting.kind, meeting.number = self._conference_of(reference)
            for other_block, other in references[1:]:
                other_meeting = self._conference_of(other)
                if other_meeting != (meeting.kind, meeting.number) and other_meeting[0] == meeting.kind:
                    self.warn(
                        other_block.line,
                        gettext("names meeting %(other)s, the title %(number)s; %(number)s was taken")
                        % {"other": other_meeting[1], "number": meeting.number},
                    )
        elif meeting.kind == "ordinary":
            self.warn(opening.line, gettext("the text gives the meeting no number; it is known by its place and dates"))
        return meeting

    def _meeting_further_on(
        self, blocks: list[Block], numbered_only: bool
    ) -> tuple[Block, tuple[int, str, re.Match | None], str] | None:
        """The meeting a paragraph names "within the framework of" (its first few such phrases only, for the cost):
        the block, what names it, and its words."""
        phrases = ((block, found) for block in blocks for found in _FRAMEWORK.finditer(block.text))
        for block, found in itertools.islice(phrases, _FRAMEWORK_PHRASES):
            after = block.text[found.end() : found.end() + 200]
            named = [evidence for evidence in self._meeting_named(after) if evidence[0] == 0]
            if named and (named[0][2] is not None or not numbered_only):
                reference = named[0][2]
                return block, named[0], (after[: reference.end()] if reference else after[:80]).strip()
        return None

    def _meeting_named(self, text: str) -> list[tuple[int, str, re.Match | None]]:
        """Where a text names a body that meets: (position, body slug, the meeting's numbered name if any), in order.

        "XVII Regional Conference" and "Vice-Ministers" name the Vice-Ministerial Meeting; "the Regional
        Consultation Group on Migration" or "the Consular Protection Liaison Officers Network" another body.
        """
        found: list[tuple[int, str, re.Match | None]] = []
        references = list(CONFERENCE_REFERENCE.finditer(text))
        spans = [reference.span() for reference in references]
        for reference in references:
            if self._conference_of(reference) and not self._body_after(text, reference.end()):
                found.append((reference.start(), VICE_MINISTERIAL, reference))
        found += [
            (words.start(), VICE_MINISTERIAL, None)
            for words in _VICE_MINISTERS.finditer(text)
            if not _inside(words.start(), spans)
        ]
        found += [(match.start, match.key, None) for match in self.gazetteer.find(text, {BODY}) if self._meets(match)]
        return sorted(
            (
                evidence
                for evidence in found
                if not _NAMED_FOR_ANOTHER.search(text[max(0, evidence[0] - 60) : evidence[0]])
            ),
            key=lambda evidence: (evidence[0], evidence[2] is None),
        )

    def _meets(self, match: Match) -> bool:
        body = self.gazetteer.bodies.get(match.key) if match.kind == BODY else None
        return body is not None and body.kind in _MEETING_BODY_KINDS

    def _body_after(self, text: str, position: int) -> bool:
        """Whether "of the RCGM" follows: "the First Meeting of the RCGM" is no meeting of the Conference."""
        joint = _OF_A_BODY.match(text, position)
        if not joint:
            return False
        following = self.gazetteer.find(text[joint.end() : joint.end() + 150], {BODY})
        return bool(following) and following[0].start == 0 and self._meets(following[0])

    def _mode(self, header: list[Block], opening: Block) -> str:
        texts = [block.text for block in [*header, opening]]
        if any(_HYBRID.search(text) for text in texts):
            return "hybrid"
        if any(_VIRTUAL.search(text) for text in texts):
            return "virtual"
        return "in_person"

    def _theme(self, header: list[Block], opening: Block, meeting: _Meeting, kind: str) -> str:
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
        if meeting.body != VICE_MINISTERIAL or meeting.kind != "ordinary" or kind not in _STATES_THE_THEME:
            return ""  # the ordinary Vice-Ministerial Meeting has a theme, which its declaration states
        for block in header[1:]:
            if (
                not KIND_LINE.match(block.text)
                and not CONFERENCE_REFERENCE.search(block.text)
                and not _RCM_NAME.search(block.text)
                and not find_date_range(block.text)
                and mostly_capitals(block.text)
            ):
                self.warn(
                    block.line,
                    gettext("“%(text)s” was taken as the theme: it is in capitals, without quotes")
                    % {"text": block.text},
                )
                return block.text
        self.warn(header[0].line if header else opening.line, gettext("no theme found (in quotes, or after “Theme:”)"))
        return ""

    def _title(self, header: list[Block], opening: Block) -> str:
        """The title block's line naming the document ("CONCLUSIONES Y RECOMENDACIONES"), else its first line.

        The Conference's name alone is the letterhead of every body's papers, and a kind word alone
        ("DECLARATION") leaves the title to the line naming the meeting.
        """
        lines = [block for block in header if not _LETTERHEAD.match(block.text)] or header
        named = next(
            (block for block in lines if _DOCUMENT_KIND.search(block.text) and not _BARE_KIND.match(block.text)), None
        )
        if named or lines:
            return (named or lines[0]).text[:300]
        self.warn(opening.line, gettext("the text has no title block; its first sentence was taken as the title"))
        return re.split(r"(?<=[.;:])\s", opening.text, maxsplit=1)[0][:300]

    def _venue(
        self, header: list[Block], opening: Block, body: list[Block], virtual: bool
    ) -> tuple[list[str], str | None, tuple[int, int]]:
        place = find_place(opening.text, self.gazetteer)
        if place:
            return place.cities, place.host, place.span
        for block in header:
            place = find_place(block.text, self.gazetteer, line_start=True)
            if place:
                return place.cities, place.host, (0, 0)
        alone = find_place_alone(opening.text, self.gazetteer)
        if alone and alone[1]:
            self.warn(
                opening.line,
                gettext("the meeting's country, %(country)s, is named without a city") % {"country": alone[0]},
            )
            return [], alone[1], (0, 0)
        thanked = None if virtual else self._thanked_host(body)
        if alone:
            city = alone[0]
            if thanked:
                code, line = thanked
                self.warn(
                    opening.line,
                    gettext(
                        "the host country is not named after “%(city)s”; taken to be %(country)s, thanked for its "
                        "hospitality on line %(line)s"
                    )
                    % {"city": city, "country": self.gazetteer.name(STATE, code), "line": line},
                )
                return [city], code, (0, 0)
            capital = capital_of(city)
            if capital and capital in self.gazetteer.states:
                self.warn(
                    opening.line,
                    gettext(
                        "the host country is not named after “%(city)s”; taken to be %(country)s, whose capital it is"
                    )
                    % {"city": city, "country": self.gazetteer.name(STATE, capital)},
                )
                return [city], capital, (0, 0)
            self.warn(
                opening.line, gettext("the host country is not named after “%(city)s”; set it by hand") % {"city": city}
            )
            return [city], None, (0, 0)
        if thanked:
            code, line = thanked
            self.warn(
                opening.line,
                gettext(
                    "no place of the meeting found; the host country was taken to be %(country)s, thanked for its "
                    "hospitality on line %(line)s"
                )
                % {"country": self.gazetteer.name(STATE, code), "line": line},
            )
            return [], code, (0, 0)
        if not virtual:
            self.warn(opening.line, gettext("no host city and country found (“held in Panama City, Panama”)"))
        return [], None, (0, 0)

    def _thanked_host(self, blocks: list[Block]) -> tuple[str, int] | None:
        for block in blocks:
            thanked = thanked_host(block.text, self.gazetteer)
            if thanked:
                return thanked[0], block.line
        return None

    def _dates(self, header: list[Block], opening: Block, meeting: _Meeting) -> tuple[str | None, str | None]:
        for block in [opening, *header, *([meeting.found_in] if meeting.found_in else [])]:
            found = find_date_range(block.text)
            if found:
                return found.start.isoformat(), found.end.isoformat()
        self.warn(opening.line, gettext("no meeting dates found in the opening or the title"))
        return None, None

    def _presidency(self, host_country: str | None, opening: Block) -> str | None:
        named = re.search(
            r"(?:(?:Presidency\s+Pro[\s-]+T[eé]mpore|Pro[\s-]+T[eé]mpore\s+Presidency)\s+(?:of|held\s+by)"
            r"|Presidencia\s+Pro[\s-]+T[eé]mpore\s+(?:de|a\s+cargo\s+de))\s+(?:the\s+|la\s+)?",
            self.text,
            re.IGNORECASE,
        )
        if named:
            state = state_at(self.text, named.end(), self.gazetteer)
            if state and state.known:
                return state.key
        if host_country:
            self.warn(
                opening.line,
                gettext("the presidency pro tempore is not named; taken to be the host, %(country)s")
                % {"country": self.gazetteer.name(STATE, host_country)},
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
                    gettext("%(country)s is listed among the participants but is not an RCM member state")
                    % {"country": self.gazetteer.name(STATE, code)},
                )
        if not participants["member_states"]:
            self.warn(opening.line, gettext("no member states found in the opening paragraph"))
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
                    if pending and not _LIST_SEPARATOR.fullmatch(sentence[last_end : match.start]):
                        # A list ended: "Belize, ..., Panama met in ..., with the IOM as observer" keeps Panama.
                        for listed, listed_note in pending if default_role else []:
                            _give_role(roles, listed, default_role, listed_note)
                        pending = []
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
                    gettext(
                        "“%(name)s (%(acronym)s)” is not among the archive's organizations or bodies; "
                        "add it under /staff/organizations/ to link it"
                    )
                    % {"name": name, "acronym": acronym},
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

    def _decisions_start(self, body: list[Block], kind: str) -> int | None:
        for index, block in enumerate(body):
            if DECISIONS_HEADING.match(block.text):
                return index
        for index, block in enumerate(body):
            marker = block.marker
            # A numbered first block is the first paragraph, except in conclusions, which have none.
            if marker and marker["number"] in ("1", "a") and (index > 0 or kind == "conclusions"):
                self.warn(
                    block.line,
                    gettext("no “%(heading)s” heading; the numbered items from here on were taken as the %(nouns)s")
                    % self.words,
                )
                if index > 0 and _heading_like(body[index - 1]):
                    return index - 1  # the heading of the first section
                return index
        if kind == "conclusions":
            for index, block in enumerate(body):
                if block.marker and block.marker["bullet"]:
                    self.warn(
                        block.line,
                        gettext(
                            "no “Conclusions” heading; the bulleted items from here on were taken as the conclusions"
                        ),
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
                self.warn(block.line, gettext("“%(text)s” has no words; left out") % {"text": shorten(text, 60)})
                continue
            verb = _opening_verb(words)
            paragraphs.append((verb, text, block))
        return paragraphs

    def _decisions(self, blocks: list[Block]) -> list[dict[str, Any]]:
        items: list[tuple[int, str, Block, Block | None]] = []  # (number as written, text, first block, heading)
        style = None
        section: Block | None = None
        between: list[Block] = []  # blocks since the last item that are not part of it
        bulleted: Block | None = None
        for index, block in enumerate(blocks):
            marker = block.marker
            number = marker["number"] if marker and marker["number"] else None
            this_style = None if number is None else "digit" if number.isdigit() else "letter"
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            value = None
            if number is not None and style in (None, this_style):
                style = this_style
                value = int(number) if number.isdigit() else ord(number) - ord("a") + 1
            elif marker and marker["bullet"] and style in (None, "bullet"):
                style = "bullet"
                value = len(items) + 1
                bulleted = bulleted or block
            if value is not None:
                section = self._section(between, section, first=not items)
                between = []
                items.append((value, _without_marker(block), block, section))
            elif (
                items
                and not between
                and (marker or (_continues(items[-1][1], block.text) and not _heading_before(block, following)))
            ):
                number_, text, first, section_ = items[-1]
                # A sub-item or a new sentence keeps its line; a sentence cut by a stray break is joined.
                joiner = "\n" if marker or _ENDS_SENTENCE.search(text) else " "
                items[-1] = (number_, f"{text}{joiner}{block.text}", first, section_)
            else:
                between.append(block)
        for block in between:
            self.warn(
                block.line,
                gettext("“%(text)s” follows the last %(noun)s and was left out")
                % {**self.words, "text": shorten(block.text, 80)},
            )
        if bulleted:
            self.warn(
                bulleted.line,
                gettext("the %(nouns)s are bulleted, not numbered: numbered 1 to %(count)s in order")
                % {**self.words, "count": len(items)},
            )
        return [
            self._decision(number, text, block, section.text if section else "")
            for number, text, block, section in self._numbered(items)
        ]

    def _section(self, between: list[Block], section: Block | None, first: bool) -> Block | None:
        """The heading the next item stands under: the line right before it if a heading, else the one before."""
        heading = between[-1] if between and _heading_like(between[-1]) else None
        for block in between if heading is None else between[:-1]:
            if first:
                self.warn(
                    block.line,
                    gettext("“%(text)s” comes before the first numbered %(noun)s; left out")
                    % {**self.words, "text": shorten(block.text, 60)},
                )
            else:
                self.warn(
                    block.line,
                    gettext("“%(text)s” stands between two %(nouns)s and was left out")
                    % {**self.words, "text": shorten(block.text, 80)},
                )
        return heading or section

    def _numbered(
        self, items: list[tuple[int, str, Block, Block | None]]
    ) -> list[tuple[int, str, Block, Block | None]]:
        """The items numbered across the document: a section numbered from 1 again goes on from the one before."""
        numbered = []
        seen: dict[int, int] = {}
        offset = 0
        restarts: list[int] = []  # indexes of the items where numbering started again
        for index, (written, text, block, section) in enumerate(items):
            if index and written == 1 and section is not items[index - 1][3]:
                offset = numbered[-1][0]
                restarts.append(index)
            number = written + offset
            if number in seen:
                raise Unreadable(
                    gettext("line %(line)s: %(noun)s %(number)s appears twice (also on line %(other)s)")
                    % {**self.words, "line": block.line, "number": written, "other": seen[number]}
                )
            seen[number] = block.line
            if number != index + 1:
                self.warn(
                    block.line,
                    gettext("%(noun)s %(number)s comes where %(expected)s was expected")
                    % {**self.words, "number": number, "expected": index + 1},
                )
            numbered.append((number, text, block, section))
        for position, start in enumerate(restarts):
            end = restarts[position + 1] if position + 1 < len(restarts) else len(numbered)
            first, last = numbered[start][0], numbered[end - 1][0]
            numbers = gettext("%(first)s to %(last)s") % {"first": first, "last": last} if last > first else f"{first}"
            self.warn(
                numbered[start][2].line,
                gettext(
                    "the %(nouns)s under “%(heading)s” are numbered again from 1; numbered %(numbers)s, "
                    "in order across the document"
                )
                % {**self.words, "heading": shorten(numbered[start][3].text, 80), "numbers": numbers},
            )
        return numbered

    def _decision(self, number: int, text: str, block: Block, section: str) -> dict[str, Any]:
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
            if conference and conference != self.own_meeting and not self._body_after(text, reference.end()):
                meeting = {"body": VICE_MINISTERIAL, "kind": conference[0], "number": conference[1]}
                _add(links, {"kind": "refers_to", "meeting": meeting})
        self._mandate_future_host(text, links, mandated, mentioned)
        deadline = find_deadline(text, self.language)
        return {
            "number": number,
            "section": section,
            "text": text,
            "deadline": deadline[0].isoformat() if deadline else None,
            "deadline_text": deadline[1] if deadline else "",
            "mandated": mandated,
            "mentioned": mentioned,
            "links": links,
        }

    def _mandate_future_host(self, text: str, links: list, mandated: dict, mentioned: dict) -> None:
        """A state thanked for hosting, or offering to host, a later conference has that task."""
        if self.own_meeting is None:
            return
        kind, number = self.own_meeting
        later = any(
            "meeting" in link and link["meeting"]["kind"] == kind and link["meeting"]["number"] > number
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


def _meeting_missing(meeting: dict[str, Any], virtual: bool) -> tuple[str, ...]:
    """What a text lacks to say which meeting adopted it: the body, and the number or else the dates."""
    missing = [] if meeting["body"] else ["body"]
    if not meeting["number"] and not meeting["start_date"]:
        missing.append("dates")
        if not meeting["cities"] and not meeting["host_country"] and not virtual:
            missing.append("place")
    return tuple(missing)


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    """Whether a position falls within one of the spans, which are in order and do not overlap."""
    index = bisect.bisect_right(spans, (position, math.inf)) - 1
    return index >= 0 and position < spans[index][1]


def _before(first: tuple[Block, re.Match], second: tuple[Block, re.Match], blocks: list[Block]) -> bool:
    """Whether the first (block, match) comes before the second in the blocks' order."""
    order = {id(block): index for index, block in enumerate(blocks)}
    return (order[id(first[0])], first[1].start()) < (order[id(second[0])], second[1].start())


def _heading_like(block: Block) -> bool:
    """A section heading: a short line, no item number nor bullet, not ending as a sentence does ("PROTECTION")."""
    text = block.text
    return (
        not block.marker
        and len(text) <= _LONGEST_HEADING
        and len(text.split()) <= _HEADING_WORDS
        and (text[:1].isupper() or text[:1].isdigit())
        and not re.search(r"[.;,]\s*$", text)
    )


def _heading_before(block: Block, following: Block | None) -> bool:
    """Whether a block is the heading of the item that follows it, rather than the end of the item before."""
    return following is not None and following.marker is not None and _heading_like(block)


def _leads_in(block: Block) -> bool:
    """The sentence that leads into the decisions: the last block before them, no bullet nor number of a
    paragraph, ending with a colon ("..., the Vice-Ministers and Heads of Delegation reached the following:")."""
    return not block.marker and block.text.rstrip().endswith(":")
