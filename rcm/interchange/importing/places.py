"""Where a meeting was held, as texts say it in English and Spanish.

Openings say it in many ways: "was held in Panama City, Panama", "met in the city of San José, Costa
Rica", "took place in Tegucigalpa, M.D.C., Honduras", "se realizó en la Ciudad de Guatemala,
Guatemala", "reunidos en la ciudad de Managua, Nicaragua", "tuvo lugar en Omoa y San Pedro Sula,
Honduras"; a title line may start with the place ("San Salvador, El Salvador, 14 de mayo de 2009").
Some name only the city ("held in Washington, D.C., on ...") or only the country ("met in Costa Rica"),
and some name the host only where they thank it ("thanked the Government of Honduras for its
hospitality", "agradecen al Gobierno de Honduras por su hospitalidad"). `find_place` reads a place
named with its country; the parser falls back on the rest, and says when it guessed.
"""

import re
from dataclasses import dataclass

from rcm.interchange.importing.actors import STATE, Gazetteer, Match, fold

_CAPITAL = r"[A-ZÁÉÍÓÚÑ]"
_CITIES = (
    rf"(?P<cities>{_CAPITAL}[\w.'’-]*(?:\s+(?:(?:de|del|la|las|los|of|and|y|e)\s+)*{_CAPITAL}[\w.'’-]*)*"
    r"(?:,\s+[A-Z]\.(?:\s?[A-Z]\.)+)?)"  # "Washington, D.C.", "Tegucigalpa, M.D.C."
)
# "the city of", "the cities of", "la ciudad de", "la Ciudad de", "las ciudades de".
_CITY_OF = r"(?:(?:(?i:the|las?)\s+)?(?P<city_of>(?i:cit(?:y|ies)\s+of|ciudad(?:es)?\s+de))\s+)?"
# Verbs that say where a meeting was: "was held in", "took place in", "se realizó en", "reunidos en".
_PLACE_VERB = (
    r"(?i:held|took\s+place|met|meeting|gathered|convened|assembled|hosted|celebrad[oa]s?|se\s+celebr[oó]"
    r"|se\s+celebraron|realizad[oa]s?|se\s+realiz[oó]|se\s+realizaron|se\s+llev[oó]\s+a\s+cabo|llevad[oa]\s+a\s+cabo"
    r"|tuvo\s+lugar|reunid[oa]s|se\s+reuni[oó]|se\s+reunieron|reuni[eé]ndose|congregad[oa]s)"
)
_IN = r"(?i:in|en|at)\s+"
# "in Panama City, Panama": cities then the country, after the verb or any "in".
_PLACED = re.compile(rf"\b{_PLACE_VERB}(?:\s+\w+ly|\s+\w+mente)?\s+{_IN}{_CITY_OF}{_CITIES}\s*,\s*(?:the\s+|la\s+)?")
_IN_CITIES = re.compile(rf"\b{_IN}{_CITY_OF}{_CITIES}\s*,\s*(?:the\s+|la\s+)?")
_LINE_START = re.compile(rf"^{_CITIES}\s*,\s*(?:the\s+|la\s+)?")
# A place with no country after it: "held in Washington, D.C., on ...", "met in Costa Rica on ...".
_PLACED_ALONE = re.compile(
    rf"\b{_PLACE_VERB}(?:\s+\w+ly|\s+\w+mente)?\s+{_IN}{_CITY_OF}"
    rf"(?P<place>{_CAPITAL}[\w.'’ -]{{0,60}}?)(?=,|\s+(?i:on|from|between|during|el|los|del|durante|entre)\b|\.|$)"
)
_CITY_SEPARATOR = re.compile(r"\s*,(?!\s*[A-Z]\.)\s*|\s+(?:and|y|e)\s+")
# Thanks for hospitality name the host: "thanked the Government of Honduras for its hospitality".
_THANKS = re.compile(r"\b(?i:thank\w*|gratitude|gratefully|agradec\w*|agradecimiento)\b")
_HOSPITALITY = re.compile(r"\b(?i:hospitality|hospitalidad|warm\s+welcome|c[aá]lida\s+acogida)\b")
_SENTENCE_END = re.compile(r"[.;](?:\s|$)")

# Member states' capitals, for a city named without its country: a reader knows where Tegucigalpa is.
CAPITALS = {
    "belmopan": "BZ",
    "ottawa": "CA",
    "san jose": "CR",
    "santo domingo": "DO",
    "san salvador": "SV",
    "guatemala city": "GT",
    "ciudad de guatemala": "GT",
    "tegucigalpa": "HN",
    "mexico city": "MX",
    "ciudad de mexico": "MX",
    "managua": "NI",
    "panama city": "PA",
    "ciudad de panama": "PA",
    "washington": "US",
}


@dataclass(frozen=True)
class Place:
    cities: list[str]
    host: str | None  # ISO code
    span: tuple[int, int]  # where the cities and their country stand in the text searched


def find_place(text: str, gazetteer: Gazetteer, line_start: bool = False) -> Place | None:
    """The cities and country a text says a meeting was held in, or None.

    A place after a verb of meeting ("held in", "se realizó en") wins over one after any "in"; with
    `line_start`, the text is a title line that may open with the place ("Managua, Nicaragua, ...").
    """
    patterns = [_PLACED, _IN_CITIES, *([_LINE_START] if line_start else [])]
    for pattern in patterns:
        for venue in pattern.finditer(text):
            state = state_at(text, venue.end(), gazetteer)
            if state and state.known:
                cities = [city for city in _CITY_SEPARATOR.split(venue["cities"]) if city]
                if venue.groupdict().get("city_of") and len(cities) == 1 and _is_state_name(cities[0], gazetteer):
                    # "la Ciudad de Guatemala, Guatemala": the city is named after its country.
                    cities = [text[venue.start("city_of") : venue.end("cities")]]
                return Place(cities, state.key, (venue.start("cities"), state.end))
    return None


def find_place_alone(text: str, gazetteer: Gazetteer) -> tuple[str, str | None, int] | None:
    """A place named with no country after it: (the city, None, its start) or (the country's name, its code, start)."""
    for venue in _PLACED_ALONE.finditer(text):
        place = venue["place"].strip()
        matches = gazetteer.find(place)
        if matches and matches[0].kind == STATE and matches[0].known and matches[0].end == len(place):
            return place, matches[0].key, venue.start("place")
        if place and not matches:
            return place, None, venue.start("place")
    return None


def capital_of(city: str) -> str | None:
    """The member state whose capital the city is ("Tegucigalpa" -> "HN"), or None."""
    name = fold(re.sub(r",.*$", "", city)).strip()
    return CAPITALS.get(name)


def thanked_host(text: str, gazetteer: Gazetteer) -> tuple[str, int] | None:
    """The state a sentence thanks for its hospitality, and where that sentence starts; or None."""
    start = 0
    for end in [*(match.start() for match in _SENTENCE_END.finditer(text)), len(text)]:
        thanks = _THANKS.search(text, start, end)
        hospitality = _HOSPITALITY.search(text, thanks.end(), end) if thanks else None
        if hospitality:
            between = gazetteer.find(text[thanks.end() : hospitality.start()], {STATE})
            states = {match.key for match in between if match.known}
            if len(states) == 1:
                return states.pop(), thanks.start()
        start = end + 1
    return None


def state_at(text: str, position: int, gazetteer: Gazetteer) -> Match | None:
    """The state named right at `position` (its span in `text`), known to the archive or not; else None."""
    for match in gazetteer.find(text[position : position + 60]):
        if match.start == 0 and match.kind == STATE:
            return Match(STATE, match.key, position, position + match.end, match.known, match.label)
        break
    return None


def _is_state_name(name: str, gazetteer: Gazetteer) -> bool:
    matches = gazetteer.find(name)
    return len(matches) == 1 and matches[0].kind == STATE and (matches[0].start, matches[0].end) == (0, len(name))
