"""[Test data] An outcome document held in English and in Spanish, written for the tests: never an RCM text.

Every text says "[Test data]" ("[Datos de prueba]" would not be found by a reader who searches in English),
so that nobody takes a test page or PDF for an official translation.
"""

from declarations.models import Declaration
from rcm.interchange.schema import read_declaration_json
from rcm.interchange.services import declaration_import
from tests.factories import declaration_document

PARAGRAPHS_EN = [
    "Recognized [Test data] the first English paragraph.",
    "Reaffirming [Test data] the second English paragraph.",
    "Welcomed [Test data] the third English paragraph.",
]
PARAGRAPHS_ES = [
    "Reconocieron [Test data] el primer párrafo en español.",
    "Reafirmando [Test data] el segundo párrafo en español.",
    "Acogieron [Test data] el tercer párrafo en español.",
]
DECISIONS_EN = ["[Test data] English decision one.", "[Test data] English decision two."]
DECISIONS_ES = ["[Test data] Decisión uno en español.", "[Test data] Decisión dos en español."]


def english(number: int, *, status: str = "published", paragraphs=None, decisions=None, **changes) -> dict:
    document = declaration_document(
        number,
        len(DECISIONS_EN if decisions is None else decisions),
        title=f"[Test data] CONFERENCE {number}",
        opening="[Test data] The English opening.",
        chapeau="[Test data] The Vice-Ministers:",
        status=status,
        **changes,
    )
    paragraphs = PARAGRAPHS_EN if paragraphs is None else paragraphs
    _fill(document, paragraphs, DECISIONS_EN if decisions is None else decisions)
    return document


def spanish(number: int, *, status: str = "published", paragraphs=None, decisions=None, **changes) -> dict:
    document = declaration_document(
        number,
        len(DECISIONS_ES if decisions is None else decisions),
        language="es",
        title=f"[Test data] CONFERENCIA {number}",
        opening="[Test data] La apertura en español.",
        chapeau="[Test data] Los Viceministros:",
        decisions_heading="Decisiones",
        status=status,
        **changes,
    )
    document["conference"]["theme"] = f"[Test data] Tema de la conferencia {number}"
    paragraphs = PARAGRAPHS_ES if paragraphs is None else paragraphs
    _fill(document, paragraphs, DECISIONS_ES if decisions is None else decisions)
    return document


def _fill(document: dict, paragraphs: list[str], decisions: list[str | tuple[int, str]]) -> None:
    document["paragraphs"] = [{"verb": text.split()[0], "text": text} for text in paragraphs]
    document["references"] = []
    numbered = [item if isinstance(item, tuple) else (i, item) for i, item in enumerate(decisions, start=1)]
    document["decisions"] = [
        {**template, "number": number, "text": text}
        for template, (number, text) in zip(document["decisions"], numbered, strict=True)
    ]


def imported(document: dict) -> Declaration:
    return declaration_import(data=read_declaration_json(document), publish=document["status"] == "published")


def bilingual(number: int, *, en_status: str = "published", es_status: str = "published", **spanish_changes):
    """Conference `number` with its declaration in both languages; (english, spanish) declarations."""
    return imported(english(number, status=en_status)), imported(spanish(number, status=es_status, **spanish_changes))
