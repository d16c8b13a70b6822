"""From a text's lines to its blocks: the title lines, paragraphs and numbered items it is made of.

Texts arrive as typed, as exported from Word, or as copied from a PDF: hard-wrapped at a fixed
width, with page numbers between the lines, or with every line break lost so that the whole
declaration is one line. Each block keeps the number of the line it starts on, for warnings.
Words are never changed: only line breaks are decided.
"""

import re
from dataclasses import dataclass

BULLETS = "·•▪●◦‣∙\uf0b7\uf0a7-–—*"
# A bullet, or a number or letter with its stop, opening a line: "· ", "1. ", "1) ", "(a) ", "a. ".
MARKER = re.compile(
    r"^\s*(?:(?P<bullet>[" + re.escape(BULLETS) + r"])\s*|\(?(?P<number>\d{1,3}|[a-z]|[ivx]{1,5})[.)]\s+(?=\S))",
)
DECISIONS_HEADING = re.compile(
    r"^\s*(?:"
    r"(?:decisions?|decisiones|acuerdos|agreements|resolutions|resoluciones)(?:\s+(?:adopted|adoptad[oa]s))?\s*[:.]?"
    r"|[\w\s,-]{0,100}?\b(?:agreed|agree|decided|decide|resolved|resolve|acordaron|acordamos|acuerdan|acuerda"
    r"|decidieron|decidimos|deciden|resolvieron|resolvemos)(?:\s+(?:to|the\s+following|lo\s+siguiente))?\s*:"
    r")\s*$",
    re.IGNORECASE,
)
KIND_LINE = re.compile(r"^(?:DECLARATION|DECLARACI[OÓ]N|JOINT\s+COMMUNIQU[EÉ]|COMUNICADO\s+CONJUNTO)\b", re.IGNORECASE)
PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–]\s*)?(?:(?:page|p[aá]gina)\s+)?\d{1,3}(?:\s*(?:of|de|/)\s*\d{1,3})?(?:\s*[-–])?\s*$", re.IGNORECASE
)
_SENTENCE_END = re.compile(r"[.:;!?”\"»)]\s*$")
_HARD_WRAP_SHARE = 0.3  # the share of lines near the longest length that marks a hard-wrapped text
_FLATTENED_LENGTH = 1500  # a line this long holding several paragraphs lost its line breaks


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
        pieces = split_flattened(line) if len(line) > _FLATTENED_LENGTH else []
        if len(pieces) > 2:  # a line that held several paragraphs lost its line breaks
            notes.append(
                (
                    number,
                    f"{len(pieces)} paragraphs were on this one line, without line breaks; "
                    "they were told apart by their bullets, numbers and headings",
                )
            )
            lines += [(number, piece) for piece in pieces]
            lines.append((number, ""))
        elif PAGE_NUMBER.match(line) and line:
            notes.append((number, f"“{line}” looks like a page number and was left out"))
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


_KIND_WORD = r"(?:DECLARATION|DECLARACI[OÓ]N|JOINT\s+COMMUNIQU[EÉ]|COMUNICADO\s+CONJUNTO)"
_HEADING_WORD = (
    r"(?:Decisions|DECISIONS|Decisiones|DECISIONES|Acuerdos|ACUERDOS|ACORDARON|Acordaron|They\s+agreed|THEY\s+AGREED"
    r"|We\s+decide|WE\s+DECIDE|Decidimos|DECIDIMOS)"
)
_BULLET_SPLIT = re.compile(r"\s+(?=[" + re.escape("·•▪●\uf0b7") + r"]\s)")
_KIND_SPLIT = re.compile(r"(?<=\S)\s+(?=" + _KIND_WORD + r"(?:\s|$))|(?<=^" + r")" + _KIND_WORD + r"\s+(?=[A-Z])")
_HEADING_SPLIT = re.compile(r"(?<=[.:;”])\s+(?=" + _HEADING_WORD + r"\s*:?\s)")
_AFTER_HEADING = re.compile(r"^(" + _HEADING_WORD + r"\s*:?)\s+(?=\S)")
# A lead-in ending in a colon right before the paragraphs: "... 2012. The Vice-Ministers and Heads of Delegation: · ..."
_CHAPEAU_SPLIT = re.compile(r"(?<=[.])\s+(?=[A-ZÁÉÍÓÚ][^.:]{5,160}:\s+[" + re.escape("·•▪●\uf0b7") + r"])")
_NUMBERED = re.compile(r"(?:(?<=[.;:!?”\"])|^)\s*(?P<marker>(?P<number>\d{1,3}|[a-z])[.)])\s+(?=[A-ZÁÉÍÓÚÑ“\"])")
# In a line without bullets, a sentence opening with a verb in the form paragraphs open with likely starts one.
_VERB_SENTENCE = re.compile(
    r"(?<=[.;])\s+(?=(?:[A-Z][a-z]+(?:ed|ing)|[A-ZÁÉÍÓÚ][a-záéíóúñ]+(?:aron|ieron|ando|iendo|amos|imos|emos)|We|Nosotros)\s+[a-záéíóúñ])"
)


def split_flattened(line: str) -> list[str]:
    """A line that lost its breaks, cut where its title, headings, bullets and numbered items begin."""
    pieces = _split_header(line)
    result: list[str] = []
    for piece in pieces:
        for part in _BULLET_SPLIT.split(piece):
            result += _HEADING_SPLIT.split(part)
    result = [part for piece in result for part in _split_after_heading(piece)]
    result = [part for piece in result for part in _CHAPEAU_SPLIT.split(piece)]
    result = [part for piece in result for part in _split_numbered(piece)]
    # Before the decisions, a sentence opening with a verb as paragraphs open ("... effectively. Reaffirming
    # the principles ...") most likely starts the next paragraph; the caller warns that breaks were inferred.
    heading = next((index for index, piece in enumerate(result) if DECISIONS_HEADING.match(piece.strip())), len(result))
    result = [part for piece in result[:heading] for part in _VERB_SENTENCE.split(piece)] + result[heading:]
    return [piece.strip() for piece in result if piece.strip()]


def _split_header(line: str) -> list[str]:
    """Title, theme in quotes and kind word at the start of a flattened text become lines of their own."""
    pieces = []
    for piece in _KIND_SPLIT.split(line, maxsplit=2):
        kind_word = re.match(_KIND_WORD + r"(?=\s+[A-ZÁÉÍÓÚ][a-záéíóúñ])", piece)
        pieces += [kind_word.group(0), piece[kind_word.end() :]] if kind_word else [piece]
    head, rest = pieces[0], pieces[1:]
    quote = re.search(r"\s+(?=[“\"«])", head[:600])
    if quote and mostly_capitals(head[: quote.start()]):
        closing = re.search(r"[”\"»]\s+(?=[A-ZÁÉÍÓÚ])", head[quote.end() :])
        if closing:
            middle = quote.end() + closing.end()
            return [head[: quote.start()], head[quote.end() : middle], head[middle:], *rest]
        return [head[: quote.start()], head[quote.end() :], *rest]
    return [head, *rest]


def mostly_capitals(text: str) -> bool:
    """Whether a line is set in capitals, as titles and themes often are."""
    letters = [char for char in text if char.isalpha()]
    return bool(letters) and sum(char.isupper() for char in letters) > 0.7 * len(letters)


def _split_after_heading(piece: str) -> list[str]:
    match = _AFTER_HEADING.match(piece)
    return [match.group(1), piece[match.end() :]] if match else [piece]


def _split_numbered(piece: str) -> list[str]:
    """Cut before "1. ", "2. ", "3. "... only where they count up from 1, so that dates and amounts stay whole."""
    cuts, expected = [], 1
    for match in _NUMBERED.finditer(piece):
        number = match["number"]
        value = int(number) if number.isdigit() else ord(number) - ord("a") + 1
        if value == expected:
            cuts.append(match.start("marker"))
            expected += 1
        elif value == 1 and expected > 1:  # a second list, e.g. sub-items after the decisions
            cuts.append(match.start("marker"))
            expected = 2
    if len(cuts) < 2:
        return [piece]
    return [piece[start:end] for start, end in zip([0, *cuts], [*cuts, len(piece)], strict=True)]
