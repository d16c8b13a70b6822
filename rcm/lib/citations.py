"""The one citation format of the archive, written and read here only (docs/citations.md).

A citation names a meeting, then, for any document but the meeting's principal one, the document, then
the item: "RCM XVII/5" (decision 5 of the XVII's declaration), "RCM Ext. II/3", "RCM XXIII JC/4" (agreement
4 of the joint communiqué adopted beside the XXIII's declaration), "RCGM 2012-06-19/4" (conclusion 4 of the
RCGM meeting that opened on 19 June 2012), "RCM Ext. 2020-05-14/2" (an unnumbered extraordinary meeting),
"SYNTHETIC 3/2" (generated test data). Paragraphs: "RCM XVII, paragraph 3". In Spanish the codes are the
Spanish acronyms and words: "CRM XVII/5", "GRCM 2012-06-19/4", "CRM XXIII CC/4", "CRM XVII, párrafo 3".

Pure functions of a meeting's code (its body's acronym in the language), kind, number or start date, with
no models, so that the models, the JSON schema, the importer and the forms all call the same code.
"""

import datetime
import re
from typing import NamedTuple

from rcm.lib.numerals import from_roman, to_roman

ORDINARY, EXTRAORDINARY, SYNTHETIC = "ordinary", "extraordinary", "synthetic"
# The slug of the Vice-Ministerial Meeting's body (rcm.base.models.Body): its meetings are the conferences,
# addressed as /conferences/17/; every other body's meetings are addressed under the body.
VICE_MINISTERIAL = "vice-ministerial"
RCGM = "rcgm"  # the Regional Consultation Group on Migration's, whose conclusions prepare each conference
# The Vice-Ministerial Meeting: the annual conference, whose meetings are cited by the RCM's own acronym.
CONFERENCE_CODES = {"en": "RCM", "es": "CRM"}

# The kinds of outcome documents (declarations.models.OutcomeDocument.Kind's values), and how a citation
# names a document that is not its meeting's principal one, in each language.
DECLARATION, JOINT_COMMUNIQUE, EXTRAORDINARY_DECLARATION = (
    "declaration",
    "joint_communique",
    "extraordinary_declaration",
)
CONCLUSIONS, ACTION_PLAN, OTHER = "conclusions", "action_plan", "other"
DOCUMENT_CODES = {
    DECLARATION: {"en": "Decl.", "es": "Decl."},
    JOINT_COMMUNIQUE: {"en": "JC", "es": "CC"},
    EXTRAORDINARY_DECLARATION: {"en": "Ext. Decl.", "es": "Decl. Ext."},
    CONCLUSIONS: {"en": "Concl.", "es": "Concl."},
    ACTION_PLAN: {"en": "AP", "es": "PA"},
    OTHER: {"en": "Doc.", "es": "Doc."},
}
PARAGRAPH_WORDS = {"en": "paragraph", "es": "párrafo"}

_NUMBER = r"[1-9][0-9]*"  # no leading zero: one way to write each citation
_DOCUMENT = "|".join(
    sorted({re.escape(code) for codes in DOCUMENT_CODES.values() for code in codes.values()}, key=len, reverse=True)
)
_MEETING = (
    r"(?:(?!SYNTHETIC )(?P<code>[A-Z][A-Za-z0-9-]*) )?(?P<ext>Ext\. )?"
    r"(?:(?P<numeral>[IVXLCDM]+)|(?P<date>\d{4}-\d{2}-\d{2}))"
)
_DECISION_CITATION = re.compile(
    rf"^(?:SYNTHETIC (?P<synthetic>{_NUMBER})|{_MEETING})"
    rf"(?: (?P<document>{_DOCUMENT})(?: (?P<ordinal>[2-9]|[1-9][0-9]+))?)?"
    rf"/(?P<decision>{_NUMBER})$"
)


class DecisionCitation(NamedTuple):
    """What a citation says: ("RCM", "ordinary", 17, None, None, 1, 5) for "RCM XVII/5"."""

    code: str  # the meeting's body's acronym as written: "RCM", "CRM", "RCGM", "GRCM"
    kind: str
    number: int | None
    start_date: datetime.date | None
    document: str | None  # None for the meeting's principal document, else a kind of document
    ordinal: int  # which document of that kind at the meeting: 1 for the first
    decision: int

    @property
    def is_conference(self) -> bool:
        """Whether it cites a meeting of the Vice-Ministerial Meeting (the conference), in either language."""
        return self.code in CONFERENCE_CODES.values() or self.kind == SYNTHETIC


def meeting_citation(code: str, kind: str, number: int | None, start_date: datetime.date | None = None) -> str:
    """ "RCM XVII", "RCM Ext. II", "RCM Ext. 2020-05-14", "RCGM 2012-06-19", "SYNTHETIC 3": how the citations
    of a meeting's texts start. A meeting without a number is cited by the day it opened."""
    if kind == SYNTHETIC:
        return f"SYNTHETIC {number}"
    if kind not in (ORDINARY, EXTRAORDINARY):
        raise ValueError(f"{kind!r} is not a kind of meeting ({ORDINARY}, {EXTRAORDINARY}, {SYNTHETIC})")
    if number is not None:
        ordinal = to_roman(number)
    elif start_date is not None:
        ordinal = start_date.isoformat()
    else:
        raise ValueError("A meeting without a number is cited by its start date, which it lacks.")
    return f"{code} {'Ext. ' if kind == EXTRAORDINARY else ''}{ordinal}"


def conference_citation(kind: str, number: int, language: str = "en") -> str:
    """ "RCM XVII", "CRM XVII", "RCM Ext. II", "SYNTHETIC 3": a numbered meeting of the conference."""
    return meeting_citation(CONFERENCE_CODES[language], kind, number)


def document_citation(meeting: str, kind: str | None, ordinal: int = 1, language: str = "en") -> str:
    """ "RCM XXIII JC", "RCM XIX Decl. 2": how a document's citations start; the meeting's principal
    document (kind None) is cited as its meeting."""
    if kind is None:
        return meeting
    return f"{meeting} {DOCUMENT_CODES[kind][language]}{f' {ordinal}' if ordinal > 1 else ''}"


def decision_citation(kind: str, conference_number: int, decision_number: int) -> str:
    """ "RCM XVII/5": a decision of a numbered conference's principal document, as texts cite them."""
    return f"{conference_citation(kind, conference_number)}/{decision_number}"


def item_citation(document: str, number: int) -> str:
    return f"{document}/{number}"


def paragraph_citation(document: str, position: int, language: str = "en") -> str:
    return f"{document}, {PARAGRAPH_WORDS[language]} {position}"


def parse_decision_citation(text: str, *, typed: bool = False) -> DecisionCitation:
    """What a citation says, in either language: "RCM XVII/5", "CRM XXIII CC/4", "RCGM 2012-06-19/4".

    `typed` also takes a conference's citation as editors type it, without its "RCM " ("XVII/5",
    "Ext. II/3"). Raises ValueError, saying what a citation looks like, for anything else.
    """
    match = _DECISION_CITATION.match(text.strip())
    if match and (match["code"] or match["synthetic"] or typed):
        document = _document_kind(match["document"])
        ordinal = int(match["ordinal"]) if match["ordinal"] else 1
        decision = int(match["decision"])
        if match["synthetic"]:
            return DecisionCitation("SYNTHETIC", SYNTHETIC, int(match["synthetic"]), None, document, ordinal, decision)
        kind = EXTRAORDINARY if match["ext"] else ORDINARY
        code = match["code"] or CONFERENCE_CODES["en"]
        try:
            if match["numeral"]:
                return DecisionCitation(code, kind, from_roman(match["numeral"]), None, document, ordinal, decision)
            return DecisionCitation(
                code, kind, None, datetime.date.fromisoformat(match["date"]), document, ordinal, decision
            )
        except ValueError:
            pass  # "RCM XIIII/5", "RCGM 2012-13-45/1"
    raise ValueError(
        f'"{text}" is not a decision citation like "RCM XVII/5", "RCM Ext. II/3", "RCM XXIII JC/4" '
        'or "RCGM 2012-06-19/4"'
    )


def write_decision_citation(citation: DecisionCitation, language: str = "en") -> str:
    """The citation as this module writes it: parse_decision_citation's inverse."""
    meeting = meeting_citation(citation.code, citation.kind, citation.number, citation.start_date)
    document = document_citation(meeting, citation.document, citation.ordinal, language)
    return item_citation(document, citation.decision)


def _document_kind(code: str | None) -> str | None:
    if code is None:
        return None
    return next(kind for kind, codes in DOCUMENT_CODES.items() if code in codes.values())


# A citation in running text: as this module writes it ("RCM XVII/5", "CRM XXIII CC/4", "RCGM 2012-06-19/4"),
# as editors type it ("XVII/5"), or in words ("decision 5 of the XVII Conference", "acuerdo 5 de la XVII CRM").
# Only an acronym in capitals is taken as the meeting's code, so that "Approve XVII/5" cites "XVII/5".
_CITED = re.compile(
    rf"(?<![\w/.-])(?:[A-Z][A-Z0-9-]+ )?(?:Ext\. )?(?:[IVXLCDM]+|\d{{4}}-\d{{2}}-\d{{2}})"
    rf"(?: (?:{_DOCUMENT})(?: [0-9]+)?)?/[0-9]+(?![\w/])"
)
_CITED_IN_WORDS = re.compile(
    r"\b(?:decision|decisi[oó]n|acuerdo)\s+(?:No\.\s*|n\.?º\s*)?(?P<decision>[1-9][0-9]{0,2})\s+(?:of|de)\s+"
    r"(?:the|la|el)\s+(?P<numeral>(?-i:[IVXLC]+))\s+(?P<ext>(?:Extraordinary|Extraordinaria)\s+)?"
    r"(?:Regional\s+Conference(?:\s+on\s+Migration)?|Conferencia\s+Regional(?:\s+sobre\s+Migraci[oó]n)?"
    r"|Vice-?Ministerial\s+(?:Meeting|Conference)|Reuni[oó]n\s+Viceministerial|Conference|Conferencia"
    r"|(?-i:RCM|CRM))(?![\w-])",
    re.IGNORECASE,
)


def citations_in(text: str) -> list[tuple[int, int, DecisionCitation]]:
    """Where `text` cites a decision, in order: (start, end, what it cites). Whether the decision exists,
    and whether a reader may see it, is for the caller to ask."""
    found = []
    for match in _CITED.finditer(text):
        try:
            found.append((match.start(), match.end(), parse_decision_citation(match.group(), typed=True)))
        except ValueError:
            continue  # "C/3", a numeral this module does not write
    taken = [(start, end) for start, end, _ in found]
    for match in _CITED_IN_WORDS.finditer(text):
        if any(start < match.end() and match.start() < end for start, end in taken):
            continue
        try:
            number = from_roman(match["numeral"])
        except ValueError:
            continue
        kind = EXTRAORDINARY if match["ext"] else ORDINARY
        citation = DecisionCitation(CONFERENCE_CODES["en"], kind, number, None, None, 1, int(match["decision"]))
        found.append((match.start(), match.end(), citation))
    return sorted(found, key=lambda item: item[0])
