"""The one citation format of the archive, written and read here only: "RCM XVII/5", "RCM Ext. II/3",
"SYNTHETIC 3/2" for decisions, "RCM XVII, paragraph 3" for paragraphs.

Pure functions of a conference's kind and numbers (the values of `Conference.Kind`), with no models,
so that the models, the JSON schema, the importer and the forms all call the same code.
"""

import re

from rcm.lib.numerals import from_roman, to_roman

ORDINARY, EXTRAORDINARY, SYNTHETIC = "ordinary", "extraordinary", "synthetic"

_NUMBER = r"[1-9][0-9]*"  # no leading zero: one way to write each citation
_DECISION_CITATION = re.compile(
    rf"^(?:(?P<rcm>RCM )?(?P<ext>Ext\. )?(?P<numeral>[IVXLCDM]+)|SYNTHETIC (?P<synthetic>{_NUMBER}))"
    rf"/(?P<decision>{_NUMBER})$"
)


def conference_citation(kind: str, number: int) -> str:
    """ "RCM XVII", "RCM Ext. II", "SYNTHETIC 3": how the citations of a conference's texts start."""
    if kind == ORDINARY:
        return f"RCM {to_roman(number)}"
    if kind == EXTRAORDINARY:
        return f"RCM Ext. {to_roman(number)}"
    if kind == SYNTHETIC:
        return f"SYNTHETIC {number}"
    raise ValueError(f"{kind!r} is not a kind of conference ({ORDINARY}, {EXTRAORDINARY}, {SYNTHETIC})")


def decision_citation(kind: str, conference_number: int, decision_number: int) -> str:
    return f"{conference_citation(kind, conference_number)}/{decision_number}"


def paragraph_citation(kind: str, conference_number: int, position: int) -> str:
    return f"{conference_citation(kind, conference_number)}, paragraph {position}"


def parse_decision_citation(text: str, *, typed: bool = False) -> tuple[str, int, int]:
    """(kind, conference number, decision number): ("ordinary", 17, 5) for "RCM XVII/5".

    `typed` also takes a citation as editors type it, without its "RCM " ("XVII/5", "Ext. II/3").
    Raises ValueError, saying what a citation looks like, for anything else.
    """
    match = _DECISION_CITATION.match(text.strip())
    if match and (match["rcm"] or match["synthetic"] or typed):
        if match["synthetic"]:
            return SYNTHETIC, int(match["synthetic"]), int(match["decision"])
        try:
            conference_number = from_roman(match["numeral"])
        except ValueError:
            pass  # "RCM XIIII/5"
        else:
            return (EXTRAORDINARY if match["ext"] else ORDINARY), conference_number, int(match["decision"])
    raise ValueError(f'"{text}" is not a decision citation like "RCM XVII/5", "RCM Ext. II/3" or "SYNTHETIC 3/2"')
