"""Finding the states, organizations, RCM bodies and documents a text names, in English or Spanish.

Names come from the archive's own records (both languages, and acronyms), plus the variants real
texts use that the records cannot hold ("U.S.", "EE.UU.", "ICHR", "International Labor
Organization"). Matching ignores case and accents and tolerates the line breaks and double spaces
of copied text; acronyms must be written in capitals. States the archive does not hold yet are still
recognised from a list of the Americas' names, so that the importer can say "add Cuba first"
instead of silently dropping it.
"""

import re
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from rcm.base import models as base
from rcm.base.models import Body, Country, ExternalDocument, Organization
from rcm.lib.citations import VICE_MINISTERIAL

# What a match is: a kind of actor by its word (rcm.base.models.ActorKind), or a document.
STATE, ORGANIZATION, BODY, DOCUMENT = base.STATE.word, base.ORGANIZATION.word, base.BODY.word, "document"

# Spellings of states that neither name in the records covers.
STATE_VARIANTS = {
    "US": ["United States", "U.S.", "U.S.A.", "USA", "Estados Unidos", "EE.UU.", "EE. UU.", "EEUU", "EUA"],
    "DO": ["Dominican Rep."],
    "MX": ["Méjico", "Estados Unidos Mexicanos"],
}

# States that take part in or observe RCM meetings, for recognising one the archive lacks:
# (ISO code, English name, Spanish name).
AMERICAS = [
    ("AG", "Antigua and Barbuda", "Antigua y Barbuda"),
    ("AR", "Argentina", "Argentina"),
    ("BS", "Bahamas", "Bahamas"),
    ("BB", "Barbados", "Barbados"),
    ("BZ", "Belize", "Belice"),
    ("BO", "Bolivia", "Bolivia"),
    ("BR", "Brazil", "Brasil"),
    ("CA", "Canada", "Canadá"),
    ("CL", "Chile", "Chile"),
    ("CO", "Colombia", "Colombia"),
    ("CR", "Costa Rica", "Costa Rica"),
    ("CU", "Cuba", "Cuba"),
    ("DM", "Dominica", "Dominica"),
    ("DO", "Dominican Republic", "República Dominicana"),
    ("EC", "Ecuador", "Ecuador"),
    ("SV", "El Salvador", "El Salvador"),
    ("GD", "Grenada", "Granada"),
    ("GT", "Guatemala", "Guatemala"),
    ("GY", "Guyana", "Guyana"),
    ("HT", "Haiti", "Haití"),
    ("HN", "Honduras", "Honduras"),
    ("JM", "Jamaica", "Jamaica"),
    ("MX", "Mexico", "México"),
    ("NI", "Nicaragua", "Nicaragua"),
    ("PA", "Panama", "Panamá"),
    ("PY", "Paraguay", "Paraguay"),
    ("PE", "Peru", "Perú"),
    ("KN", "Saint Kitts and Nevis", "San Cristóbal y Nieves"),
    ("LC", "Saint Lucia", "Santa Lucía"),
    ("VC", "Saint Vincent and the Grenadines", "San Vicente y las Granadinas"),
    ("SR", "Suriname", "Surinam"),
    ("TT", "Trinidad and Tobago", "Trinidad y Tobago"),
    ("US", "United States of America", "Estados Unidos de América"),
    ("UY", "Uruguay", "Uruguay"),
    ("VE", "Venezuela", "Venezuela"),
    ("ES", "Spain", "España"),
]

# Names and acronyms of organizations that the records' names do not cover, by English acronym.
ORGANIZATION_VARIANTS = {
    "IACHR": ["ICHR", "Inter-American Commission for Human Rights", "CIDH"],
    "UNHCR": [
        "United Nations High Commissioner for Refugees",
        "UN Refugee Agency",
        "Agencia de la ONU para los Refugiados",
    ],
    "IOM": ["UN Migration", "Organización Internacional para las Migraciones"],
    "ILO": ["International Labour Office", "Oficina Internacional del Trabajo"],
    "SACM": ["South American Conference on Migrations", "Conferencia Sudamericana sobre Migraciones"],
}

BODY_VARIANTS = {
    "rcgm": ["GRCM", "Regional Consultation Group on Migration", "Grupo Regional de Consulta sobre Migración"],
    "presidency-pro-tempore": ["PPT", "Pro Tempore Presidency", "Presidencia Pro Tempore", "Presidencia Pro-Tempore"],
    "technical-secretariat": ["Technical Secretariat", "Secretaría Técnica", "STCRM"],
    "consular-protection-network": [
        "Network of Liaison Officers for Consular Protection",
        "Red de Funcionarios de Enlace de Protección Consular",
    ],
    "trafficking-smuggling-network": [
        "Liaison Officers Network to Combat Trafficking in Persons and Migrant Smuggling",
        "Red de Funcionarios de Enlace para el Combate a la Trata de Personas y el Tráfico Ilícito de Migrantes",
    ],
}

# Words that turn a state's name into a city's ("Panama City", "Ciudad de México", "Guatemala City").
_CITY_AFTER = re.compile(r"\s+City\b")
_CITY_BEFORE = re.compile(r"(?:Ciudad\s+de|City\s+of)\s+$", re.IGNORECASE)
# "(XYZ)" after a name: an acronym, which may be an organization the archive does not know.
_ACRONYM_IN_PARENTHESES = re.compile(
    r"(?P<name>(?:[A-ZÁÉÍÓÚÑ][\w'’-]*\s+(?:(?:of|the|for|on|and|de|la|las|los|del|para|y|el|en|sobre)\s+)*){1,10})\((?P<acronym>[A-Z][A-Za-z]{1,9})\)"
)


def fold(text: str) -> str:
    """The text in lower case without accents, the same length as the text, so that spans carry over."""
    return "".join(unicodedata.normalize("NFD", char)[0].lower()[:1] or char for char in text)


@dataclass(frozen=True)
class Match:
    kind: str  # STATE, ORGANIZATION, BODY or DOCUMENT
    key: str  # ISO code, English acronym or slug
    start: int
    end: int
    known: bool = True  # False for a state recognised from AMERICAS that the archive lacks
    label: str = ""  # how the text wrote it


def _name_pattern(name: str) -> str:
    """A pattern for a name in folded text: any spacing, hyphen or space, British or American spelling."""
    words = re.split(r"[\s-]+", fold(name).strip())
    escaped = []
    for word in words:
        word = re.escape(word)
        word = word.replace("organization", "organi[sz]ation").replace("labor", "labou?r")
        escaped.append(word)
    return r"(?<![\w])" + r"[\s-]+".join(escaped) + r"(?![\w])"


def _acronym_pattern(acronym: str) -> str:
    return r"(?<![\w.])" + re.escape(acronym) + r"(?![\w])"


class Gazetteer:
    """Everything the archive can name, compiled once per import from its records.

    Given the records, it reads no database (nor does the parser that uses it): `from_archive()` reads
    them from the database, and a test can give unsaved ones.
    """

    def __init__(
        self,
        *,
        states: Iterable[Country],
        organizations: Iterable[Organization],
        bodies: Iterable[Body],
        documents: Iterable[ExternalDocument],
    ) -> None:
        self.states = {country.code: country for country in states}
        self.organizations = {organization.acronym: organization for organization in organizations}
        self.bodies = {body.slug: body for body in bodies}
        self.documents = {document.slug: document for document in documents}
        names: list[tuple[str, str, str]] = []  # (kind, key, name) matched in folded text
        acronyms: list[tuple[str, str, str]] = []  # (kind, key, acronym) matched as written
        for code, name_en, name_es in AMERICAS:
            names += [(STATE, code, name_en), (STATE, code, name_es)]
        for code, country in self.states.items():
            names += [(STATE, code, country.name_en), (STATE, code, country.name_es)]
            for variant in STATE_VARIANTS.get(code, []):
                (acronyms if variant.replace(".", "").replace(" ", "").isupper() else names).append(
                    (STATE, code, variant)
                )
        for acronym, organization in self.organizations.items():
            names += [(ORGANIZATION, acronym, organization.name_en), (ORGANIZATION, acronym, organization.name_es)]
            acronyms += [(ORGANIZATION, acronym, acronym), (ORGANIZATION, acronym, organization.acronym_es)]
            for variant in ORGANIZATION_VARIANTS.get(acronym, []):
                (acronyms if variant.isupper() else names).append((ORGANIZATION, acronym, variant))
        for slug, body in self.bodies.items():
            names += [(BODY, slug, body.name_en), (BODY, slug, body.name_es)]
            if len(body.acronym) > 2:  # "ST" is too short to tell from other words
                acronyms.append((BODY, slug, body.acronym))
            for variant in BODY_VARIANTS.get(slug, []):
                (acronyms if variant.isupper() else names).append((BODY, slug, variant))
        for slug, document in self.documents.items():
            names += [(DOCUMENT, slug, document.title_en), (DOCUMENT, slug, document.title_es)]
        # (kind, key, pattern, whether it reads the folded text or the text as written)
        self._patterns = [
            (kind, key, re.compile(_name_pattern(name)), True) for kind, key, name in names if name.strip()
        ] + [(kind, key, re.compile(_acronym_pattern(acronym)), False) for kind, key, acronym in acronyms if acronym]

    @classmethod
    def from_archive(cls) -> "Gazetteer":
        return cls(
            states=Country.objects.all(),
            organizations=Organization.objects.all(),
            bodies=Body.objects.exclude(slug=VICE_MINISTERIAL),  # a meeting is linked to, not named as an actor
            documents=ExternalDocument.objects.all(),
        )

    def find(self, text: str, kinds: Collection[str] | None = None) -> list[Match]:
        """Every actor and document named in the text, in order, the longest name winning where names overlap.

        `kinds` (STATE, ORGANIZATION, BODY, DOCUMENT) looks for those only, at a fraction of the cost.
        """
        folded = fold(text)
        found = []
        for kind, key, pattern, folds in self._patterns:
            if kinds is not None and kind not in kinds:
                continue
            for match in pattern.finditer(folded if folds else text):
                start, end = match.span()
                if kind == STATE and (
                    _CITY_AFTER.match(text, end) or _CITY_BEFORE.search(text[max(0, start - 12) : start])
                ):
                    continue
                known = kind != STATE or key in self.states
                found.append(Match(kind, key, start, end, known, text[start:end]))
        found.sort(key=lambda match: (match.start, -(match.end - match.start)))
        chosen: list[Match] = []
        for match in found:
            if chosen and match.start < chosen[-1].end:
                continue
            chosen.append(match)
        return chosen

    def unknown_acronyms(self, text: str) -> list[tuple[str, str]]:
        """(name, acronym) pairs like "Regional Network of ... (RNCOM)" that name nothing in the archive."""
        known = {match.label for match in self.find(text)}
        unknown = []
        for match in _ACRONYM_IN_PARENTHESES.finditer(text):
            acronym = match["acronym"]
            if acronym in known or acronym in {"RCM", "CRM"} or self.find(match.group(0)):
                continue
            unknown.append((match["name"].strip(), acronym))
        return unknown

    def knows(self, kind: str, key: str) -> bool:
        return key in self._records(kind)

    def _records(self, kind: str) -> dict:
        return {STATE: self.states, ORGANIZATION: self.organizations, BODY: self.bodies, DOCUMENT: self.documents}[kind]

    def name(self, kind: str, key: str) -> str:
        """How a page names what a code, acronym or slug stands for; the key itself if nothing is known of it."""
        record = self._records(kind).get(key)
        if record is not None:
            return str(record)
        return next((name for code, name, _ in AMERICAS if code == key and kind == STATE), key)
