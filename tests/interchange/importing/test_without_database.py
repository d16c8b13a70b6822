"""The text readers need no database when given the archive's actors: these tests have no `db` fixture,
so pytest-django fails any query they would make."""

from rcm.base.models import Body, Country, ExternalDocument, Organization
from rcm.front.seed import BODIES, COUNTRIES, DOCUMENTS, ORGANIZATIONS, SEEDS_DIR
from rcm.interchange.importing.actors import Gazetteer
from rcm.interchange.importing.parser import parse_declaration
from rcm.interchange.importing.sources import read_source

SEED_TEXT = SEEDS_DIR / "rcm-xvii-2012-declaration-en.txt"


def _seed_gazetteer() -> Gazetteer:
    """The seed's states, organizations, bodies and documents, as unsaved records."""
    return Gazetteer(
        states=[Country(code=code, name_en=en, name_es=es, is_member=member) for code, en, es, member in COUNTRIES],
        organizations=[
            Organization(acronym=acronym, acronym_es=acronym_es, name_en=en, name_es=es, kind=kind)
            for acronym, acronym_es, en, es, kind in ORGANIZATIONS
        ],
        bodies=[
            Body(slug=slug, acronym=acronym, name_en=en, name_es=es, kind=kind)
            for slug, acronym, en, es, kind, _ in BODIES
        ],
        documents=[
            ExternalDocument(slug=slug, title_en=en, title_es=es, kind=kind) for slug, en, es, kind in DOCUMENTS
        ],
    )


def test_the_xvii_text_is_read_without_a_database():
    source = read_source("rcm-xvii-2012-declaration-en.txt", SEED_TEXT.read_bytes())
    data = parse_declaration(source.text, _seed_gazetteer()).data
    assert (data["meeting"]["body"], data["meeting"]["number"]) == ("vice-ministerial", 17)
    assert data["meeting"]["host_country"] == "PA"
    assert [decision["number"] for decision in data["decisions"]] == list(range(1, 13))
    assert data["participants"]["member_states"] == ["BZ", "CA", "CR", "DO", "SV", "GT", "HN", "MX", "NI", "PA", "US"]
    assert data["decisions"][10]["mandated"]["states"] == ["NI"]  # "Thank Nicaragua for offering to host..."
    assert data["decisions"][5]["mentioned"]["bodies"] == ["consular-protection-network"]
