"""From a text's lines to its blocks: the title lines, paragraphs and numbered items it is made of.

Texts arrive as typed, as exported from Word, or as copied from a PDF: hard-wrapped at a fixed
width, with page numbers between the lines, or with every line break lost so that the whole
declaration is one line. Each block keeps the number of the line it starts on, for warnings.
Words are never changed: only line breaks are decided.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext

from rcm.interchange.importing.dates import find_date_range
from rcm.interchange.importing.ordinals import CONFERENCE_NUMBER_PATTERN

BULLETS = "·•▪●◦‣∙\uf0b7\uf0a7-–—*"
# A bullet, or a number or letter with its stop, opening a line: "· ", "1. ", "1) ", "(a) ", "a. ".
MARKER = re.compile(
    r"^\s*(?:(?P<bullet>[" + re.escape(BULLETS) + r"])\s*|\(?(?P<number>\d{1,3}|[a-z]|[ivx]{1,5})[.)]\s+(?=\S))",
)
# The words items go by: "Decisions", "Agreements", "Conclusions and Recommendations", "Conclusiones".
_ITEMS = (
    r"(?:decisions?|decisiones|acuerdos|agreements|resolutions|resoluciones|conclusions?|conclusiones"
    r"|recommendations|recomendaciones)"
)
DECISIONS_HEADING = re.compile(
    r"^\s*(?:"
    rf"{_ITEMS}(?:\s+(?:and|y)\s+{_ITEMS})?(?:\s+(?:adopted|adoptad[oa]s))?"
    r"(?:\s+(?:of\s+the|del|de\s+la)\s+(?:RCGM|GRCM|meeting|reuni[oó]n))?\s*[:.]?"
    r"|[\w\s,-]{0,100}?\b(?:agreed|agree|decided|decide|resolved|resolve|concluded|recommended|declare|declared|adopted"
    r"|acordaron|acordamos|acuerdan|acuerda|acord[oó]|decidieron|decidimos|deciden|resolvieron|resolvemos"
    r"|concluy[oó]|concluyeron|recomend[oó]|recomendaron|recomiendan|declaran|declaramos|declararon|adoptaron)"
    rf"(?:\s+(?:to|(?:on\s+)?the\s+following(?:\s+{_ITEMS}(?:\s+(?:and|y)\s+{_ITEMS})?)?"
    rf"|lo\s+siguiente|l[ao]s\s+siguientes\s+{_ITEMS}(?:\s+(?:and|y)\s+{_ITEMS})?))?\s*:"
    r")\s*$",
    re.IGNORECASE,
)
# A title line naming what the document is. The words since outcome documents other than declarations
# were read are matched as titles write them (capitals, or a capital first), to leave sentences whole.
KIND_LINE = re.compile(
    r"^(?:DECLARATION|DECLARACI[OÓ]N|JOINT\s+COMMUNIQU[EÉ]|COMUNICADO\s+CONJUNTO|EXTRAORDINARY\s+DECLARATION"
    r"|(?-i:CONCLUSIONS|Conclusions|CONCLUSIONES|Conclusiones|ACTION\s+PLAN|Action\s+Plan|PLAN\s+OF\s+ACTION"
    r"|Plan\s+of\s+Action|PLAN\s+DE\s+ACCI[OÓ]N|Plan\s+de\s+Acci[oó]n))\b",
    re.IGNORECASE,
)
PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–]\s*)?(?:(?:page|p[aá]gina)\s+)?\d{1,3}(?:\s*(?:of|de|/)\s*\d{1,3})?(?:\s*[-–])?\s*$", re.IGNORECASE
)
_SENTENCE_END = re.compile(r"[.:;!?”\"»)]\s*$")
_HARD_WRAP_SHARE = 0.3  # the share of lines near the longest length that marks a hard-wrapped text
_FLATTENED_LENGTH = 1500  # a line this long holding several paragraphs lost its line breaks
_FLATTENED_SHARE = 0.6  # or a line holding this much of a text, its items included
_SHORTEST_FLATTENED = 200


@dataclass
class Block:
    text: str
    line: int  # where it starts in the source, counting from 1

    @property
    def marker(self) -> re.Match | None:
        return MARKER.match(self.text)

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass
class Layout:
    blocks: list[Block]
    notes: list[tuple[int, str]]  # (line, what was decided about the layout that a person should check)


def text_blocks(text: str) -> Layout:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").lstrip("\ufeff")
    notes: list[tuple[int, str]] = []
    lines: list[tuple[int, str]] = []
    after_page_number = False
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.strip()
        pieces = split_flattened(line) if _may_be_flattened(line, text) else []
        if len(pieces) > 2 and (len(line) > _FLATTENED_LENGTH or any(MARKER.match(piece) for piece in pieces)):
            # A line that held several paragraphs, or a short text's items, lost its line breaks.
            notes.append(
                (
                    number,
                    gettext(
                        "%(count)s paragraphs were on this one line, without line breaks; "
                        "they were told apart by their bullets, numbers and headings"
                    )
                    % {"count": len(pieces)},
                )
            )
            lines += [(number, line) for piece in pieces for line in (piece, "")]
        elif PAGE_NUMBER.match(line) and line:
            notes.append((number, gettext("“%(line)s” looks like a page number and was left out") % {"line": line}))
            # A page may break mid-paragraph: the blank lines around its number do not end one.
            while lines and not lines[-1][1]:
                lines.pop()
            after_page_number = True
        elif not line and after_page_number:
            continue
        else:
            lines.append((number, line))
            after_page_number = False
    width = _wrap_width([line for _, line in lines])
    blocks: list[Block] = []
    previous = ""
    for number, line in lines:
        if not line:
            previous = ""
            continue
        if blocks and previous and not _starts_block(line, previous, width):
            joiner = "" if previous.endswith("-") and line[:1].islower() else " "
            blocks[-1].text += joiner + line
        else:
            blocks.append(Block(line, number))
        previous = line
    return Layout(blocks, notes)


def _may_be_flattened(line: str, text: str) -> bool:
    return len(line) > _FLATTENED_LENGTH or (
        len(line) > _SHORTEST_FLATTENED and len(line) > _FLATTENED_SHARE * len(text.strip())
    )


def _starts_block(line: str, previous: str, width: int | None) -> bool:
    if MARKER.match(line) or KIND_LINE.match(line) or DECISIONS_HEADING.match(line):
        return True
    if DECISIONS_HEADING.match(previous) or (KIND_LINE.match(previous) and len(previous) < 40):
        return True
    opens = line[:1].isupper() or line[:1] in '“"«'
    ends = bool(_SENTENCE_END.search(previous)) or mostly_capitals(previous)
    if width is not None:
        # In hard-wrapped text a full-width line ends mid-paragraph even after a full stop ("U.S."),
        # so only a line that stops short ends its paragraph.
        return len(previous) < 0.85 * width and (ends or (opens and not _ends_mid_sentence(previous)))
    return ends or (opens and len(previous) < 60 and not _ends_mid_sentence(previous))


def _ends_mid_sentence(line: str) -> bool:
    return line.rsplit(None, 1)[-1].lower() in _FUNCTION_WORDS


# Words a line does not end on unless its sentence goes on in the next line.
_FUNCTION_WORDS = {
    "the", "of", "and", "to", "in", "on", "for", "by", "with", "a", "an", "as", "at", "from",
    "de", "del", "la", "las", "el", "los", "y", "e", "en", "para", "por", "con", "que", "sobre",
}  # fmt: skip


def _wrap_width(lines: list[str]) -> int | None:
    """The width a hard-wrapped text was wrapped at, or None for a text with a line per paragraph."""
    lengths = sorted(len(line) for line in lines if line)
    if len(lengths) < 5:
        return None
    width = lengths[int(len(lengths) * 0.9)]
    near = sum(1 for length in lengths if length >= 0.85 * width)
    if 40 <= width <= 140 and near >= _HARD_WRAP_SHARE * len(lengths):
        return width
    return None


_KIND_WORD = (
    r"(?:EXTRAORDINARY\s+DECLARATION|DECLARACI[OÓ]N\s+EXTRAORDINARIA|DECLARATION|DECLARACI[OÓ]N|JOINT\s+COMMUNIQU[EÉ]"
    r"|COMUNICADO\s+CONJUNTO|CONCLUSIONS|CONCLUSIONES|ACTION\s+PLAN|PLAN\s+OF\s+ACTION|PLAN\s+DE\s+ACCI[OÓ]N)"
)
_HEADING_WORD = (
    r"(?:Decisions|DECISIONS|Decisiones|DECISIONES|Acuerdos|ACUERDOS|ACORDARON|Acordaron|They\s+agreed|THEY\s+AGREED"
    r"|We\s+decide|WE\s+DECIDE|Decidimos|DECIDIMOS|Agreements|AGREEMENTS|Conclusions|CONCLUSIONS|Conclusiones"
    r"|CONCLUSIONES|Recommendations|RECOMMENDATIONS|Recomendaciones|RECOMENDACIONES|DECLARAN|Declaran|DECLARE)"
)
_BULLETS = re.escape("·•▪●\uf0b7")
_BULLET_SPLIT = re.compile(r"\s+(?=[" + _BULLETS + r"]\s)")
_HEADING_SPLIT = re.compile(r"(?<=[.:;”])\s+(?=" + _HEADING_WORD + r"\s*:?(?:\s|$))")
_AFTER_HEADING = re.compile(r"^(" + _HEADING_WORD + r"\s*:?)\s+(?=\S)")
# A short lead-in ending in a colon after a sentence: "... 2013. The RCGM agreed on the following: 1) ...",
# "... 2012. The Vice-Ministers and Heads of Delegation: · ...".
_LEAD_IN_SPLIT = re.compile(r"(?<=[.;])\s+(?=[A-ZÁÉÍÓÚ][^.:;]{2,100}:\s+\S)")
_AFTER_LEAD_IN = re.compile(r"^([A-ZÁÉÍÓÚ][^.:;]{2,100}:)\s+(?=\S)")
_NUMBERED = re.compile(r"(?:(?<=[.;:!?”\"])|^)\s*(?P<marker>(?P<number>\d{1,3}|[a-z])[.)])\s+(?=[A-ZÁÉÍÓÚÑ“\"])")
# A section heading between items: "... in 2010. PROTECTION OF MIGRANTS 1. Renew ...", "... 2009. II. Protección 3. ..."
_SECTION_SPLIT = re.compile(
    r"(?:(?<=[.;:])\s+|^)(?P<heading>(?:[IVX]{1,5}\.\s+|[A-Z]\.\s+)?[A-ZÁÉÍÓÚÑ][^.;:!?\d“”\"]{2,100}?)"
    r"\s+(?=(?:\d{1,3}|[a-z])[.)]\s+[A-ZÁÉÍÓÚÑ“\"])"
)
# In a line without bullets, a sentence opening with a verb in the form paragraphs open with likely starts one.
_VERB_SENTENCE = re.compile(
    r"(?<=[.;:])\s+(?=(?:[A-Z][a-z]+(?:ed|ing)|[A-Z]+(?:ED|ING)|[A-ZÁÉÍÓÚ][a-záéíóúñ]+(?:aron|ieron|ando|iendo|amos|imos|emos)|We|Nosotros)\s+[a-záéíóúñ])"
)
# The title block of a flattened text: a run of words in capitals ("XVII REGIONAL CONFERENCE ON MIGRATION (RCM)"),
# a theme in quotes, a line naming the meeting with its acronym, a place and date ("San José, Costa Rica, ...").
_CAPITALS_RUN = re.compile(r"^(?:[^\s\w“\"«]*[A-ZÁÉÍÓÚÑÜ0-9][A-ZÁÉÍÓÚÑÜ0-9.,&'’-]*[^\s\w“\"«]*\s+)+")
_QUOTED_THEME = re.compile(r"^[“\"«][^”\"»]{3,300}[”\"»]\s+(?=[A-ZÁÉÍÓÚ])")
_NAMED_WITH_ACRONYM = re.compile(r"^[A-ZÁÉÍÓÚ][^.:;()“\"]{3,150}\([A-Z]{2,8}\)\s+(?=[A-ZÁÉÍÓÚ])")
# The last sentence, if it says where and when the text was signed: "Tegucigalpa, 26 de junio de 2015."
_CLOSING = re.compile(
    r"(?<=[.;])\s+(?=(?P<signed>(?:(?:Signed|Done|Adopted|Given|Dad[oa]|Firmad[oa]|Suscrit[oa]|Adoptad[oa])\s+"
    r"(?:in|at|en)\s+)?)[A-ZÁÉÍÓÚ][^.;]{2,80}?\d{4}\.?\s*$)"
)
# "Fifth Regional Conference on Migration" as a title line, in the case the words are written in.
_MEETING_NAME = re.compile(
    rf"^(?:{CONFERENCE_NUMBER_PATTERN})\s+(?:(?i:extraordinary|extraordinaria)\s+)?"
    r"(?:Regional\s+Conference\s+on\s+Migration|Vice-?\s?Ministerial\s+Meeting|Conferencia\s+Regional\s+sobre\s+Migraci[oó]n"
    r"|Reuni[oó]n\s+Viceministerial)(?:\s+\((?:RCM|CRM)\))?\s+(?=[A-ZÁÉÍÓÚ])"
)
_PLACE_BEFORE_DATE = re.compile(r"^[A-ZÁÉÍÓÚ][\w.'’-]*(?:[\s,]+(?:(?:de|del|la|of)\s+)?[A-ZÁÉÍÓÚ][\w.'’-]*)*\s*,\s*$")
_LETTERHEAD = re.compile(
    r"(?:REGIONAL\s+CONFERENCE\s+ON\s+MIGRATION|CONFERENCIA\s+REGIONAL\s+SOBRE\s+MIGRACI[OÓ]N)(?:\s+\((?:RCM|CRM)\))?"
)
_KIND_IN_TITLE = re.compile(_KIND_WORD + r"\b")
# A meeting's name, which starts a line of a title unless it goes on one ("DECLARACIÓN DE LA XX REUNIÓN").
_MEETING_IN_TITLE = re.compile(
    rf"{_LETTERHEAD.pattern}|REGIONAL\s+CONSULTATION\s+GROUP|GRUPO\s+REGIONAL\s+DE\s+CONSULTA"
    rf"|(?:{CONFERENCE_NUMBER_PATTERN})\s+(?:EXTRAORDINARY\s+|EXTRAORDINARIA\s+)?"
    r"(?:REGIONAL|VICE-?\s?MINISTERIAL|MEETING|CONFERENCE|CONFERENCIA|REUNI[OÓ]N)\b"
)
_NAME_GOES_ON = re.compile(rf"(?:\b(?:OF|THE|DE|LA|DEL|SOBRE)|{CONFERENCE_NUMBER_PATTERN})\s+$", re.IGNORECASE)


def split_flattened(line: str) -> list[str]:
    """A line that lost its breaks, cut where its title, headings, bullets and numbered items begin."""
    *title, rest = _split_header(line) or [""]
    result: list[str] = []
    for part in _BULLET_SPLIT.split(rest):
        result += _HEADING_SPLIT.split(part)
    result = [part for piece in result for part in _split_after_heading(piece)]
    result = [part for piece in result for part in _LEAD_IN_SPLIT.split(piece)]
    result = [part for piece in result for part in _split_after_lead_in(piece)]
    result = [part for piece in result for part in _split_sections(piece)]
    result = _split_numbered(result)
    # Before the decisions, a sentence opening with a verb as paragraphs open ("... effectively. Reaffirming
    # the principles ...") most likely starts the next paragraph; the caller warns that breaks were inferred.
    heading = next((index for index, piece in enumerate(result) if DECISIONS_HEADING.match(piece.strip())), len(result))
    result = [part for piece in result[:heading] for part in _VERB_SENTENCE.split(piece)] + result[heading:]
    if result:
        result[-1:] = _split_closing(result[-1])
    return [piece.strip() for piece in [*title, *result] if piece.strip()]


def _split_header(line: str) -> list[str]:
    """The title lines, theme in quotes, and place and date at the start of a flattened text, each a line."""
    pieces = []
    rest = line.strip()
    while rest:
        capitals = _CAPITALS_RUN.match(rest)
        run = capitals.group() if capitals else ""
        # A run ends on a word of two letters or more: "JOINT COMMUNIQUÉ A Regional Conference ..."
        run = re.sub(r"\s\S\s+$", " ", run)
        if re.search(r"[A-ZÁÉÍÓÚÑÜ]{2}", run):
            pieces += _title_lines(run.strip())
            rest = rest[len(run) :].lstrip()
            continue
        found = _QUOTED_THEME.match(rest) or _NAMED_WITH_ACRONYM.match(rest) or _MEETING_NAME.match(rest)
        end = found.end() if found else _place_and_date_end(rest)
        if not end:
            break
        pieces.append(rest[:end].strip())
        rest = rest[end:].lstrip()
    return [*pieces, rest] if rest else pieces


def _title_lines(title: str) -> list[str]:
    """A title in capitals cut into its lines: at each kind word ("... NETWORK CONCLUSIONS"), before a meeting's
    name ("JOINT COMMUNIQUÉ XIV REGIONAL CONFERENCE ..."), and after the Conference's name heading the page
    ("REGIONAL CONFERENCE ON MIGRATION REGIONAL CONSULTATION GROUP ..."); not where a name goes on
    ("DECLARATION OF TEGUCIGALPA", "MEETING OF THE REGIONAL CONFERENCE ON MIGRATION")."""
    cuts = {match.start() for match in _KIND_IN_TITLE.finditer(title)}
    for name in _MEETING_IN_TITLE.finditer(title):
        if not _NAME_GOES_ON.search(title[max(0, name.start() - 40) : name.start()]):
            cuts.add(name.start())
    cuts |= {name.end() for name in _LETTERHEAD.finditer(title) if name.start() == 0}
    cuts = sorted(cut for cut in cuts if 0 < cut < len(title))
    parts = [title[start:end].strip() for start, end in zip([0, *cuts], [*cuts, len(title)], strict=True)]
    return [part for part in parts if part]


def _split_closing(piece: str) -> list[str]:
    """The place and date a text closes with, apart: "... March 2020. Signed in San Pedro Sula, July 1, 2019." """
    closing = _CLOSING.search(piece)
    if closing:
        tail = piece[closing.end() :]
        found = find_date_range(tail)
        if found and _PLACE_BEFORE_DATE.match(tail[closing.end("signed") - closing.end() : found.span[0]]):
            return [piece[: closing.start()], tail]
    return [piece]


def _place_and_date_end(text: str) -> int | None:
    """Where "San José, Costa Rica, November 5 and 6, 2013" ends, if it opens the text before a capital."""
    found = find_date_range(text[:200])
    if not found or not _PLACE_BEFORE_DATE.match(text[: found.span[0]]):
        return None
    following = re.match(r"\s+(?=[A-ZÁÉÍÓÚ“\"«]|\d{1,3}[.)]\s)", text[found.span[1] :])
    return found.span[1] if following else None


def mostly_capitals(text: str) -> bool:
    """Whether a line is set in capitals, as titles and themes often are."""
    letters = [char for char in text if char.isalpha()]
    return bool(letters) and sum(char.isupper() for char in letters) > 0.7 * len(letters)


def _split_after_heading(piece: str) -> list[str]:
    match = _AFTER_HEADING.match(piece)
    return [match.group(1), piece[match.end() :]] if match else [piece]


def _split_after_lead_in(piece: str) -> list[str]:
    match = _AFTER_LEAD_IN.match(piece)
    return [match.group(1), piece[match.end() :]] if match else [piece]


def _split_sections(piece: str) -> list[str]:
    cuts = [position for match in _SECTION_SPLIT.finditer(piece) for position in (match.start("heading"), match.end())]
    return [piece[start:end] for start, end in zip([0, *cuts], [*cuts, len(piece)], strict=True)]


def _split_numbered(pieces: list[str]) -> list[str]:
    """Cut before "1. ", "2. ", "3. "... only where they count up, so that dates and amounts stay whole.

    The count goes on across pieces (a section heading may stand between "2." and "3.") and starts again
    at a "1." (a list of sub-items, or a section numbered from 1).
    """
    expected = 1
    result = []
    for piece in pieces:
        cuts = []
        for match in _NUMBERED.finditer(piece):
            number = match["number"]
            value = int(number) if number.isdigit() else ord(number) - ord("a") + 1
            if value == expected or (value == 1 and expected > 1):
                if match.start("marker") > 0:
                    cuts.append(match.start("marker"))
                expected = value + 1
        result += [piece[start:end] for start, end in zip([0, *cuts], [*cuts, len(piece)], strict=True)]
    return result
