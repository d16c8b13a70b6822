"""The text readers need no database when given the archive's actors: these tests have no `db` fixture,
so pytest-django fails any query they would make (as in test_outcome_documents.py)."""

from rcm.front.seed import SEEDS_DIR
from rcm.interchange.importing.parser import parse_declaration
from rcm.interchange.importing.sources import read_source

SEED_TEXT = SEEDS_DIR / "rcm-xvii-2012-declaration-en.txt"


def test_the_xvii_text_is_read_without_a_database(gazetteer):
    source = read_source("rcm-xvii-2012-declaration-en.txt", SEED_TEXT.read_bytes())
    data = parse_declaration(source.text, gazetteer).data
    assert (data["meeting"]["body"], data["meeting"]["number"]) == ("vice-ministerial", 17)
    assert data["meeting"]["host_country"] == "PA"
    assert [decision["number"] for decision in data["decisions"]] == list(range(1, 13))
    assert data["participants"]["member_states"] == ["BZ", "CA", "CR", "DO", "SV", "GT", "HN", "MX", "NI", "PA", "US"]
    assert data["decisions"][10]["mandated"]["states"] == ["NI"]  # "Thank Nicaragua for offering to host..."
    assert data["decisions"][5]["mentioned"]["bodies"] == ["consular-protection-network"]
