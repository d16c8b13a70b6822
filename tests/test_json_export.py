import json

from rcm.front.seed import SEEDS_DIR
from rcm.interchange.schema import SCHEMA, upgraded

SEED_JSON = json.loads((SEEDS_DIR / "rcm-xvii-2012-declaration-en.json").read_text(encoding="utf-8"))


def test_it_is_the_seed_exactly(client, seeded):
    """The seed is written in version 1 of the schema; the export, in the current one, says the same."""
    response = client.get("/conferences/17/declaration.json")
    assert response["Content-Type"] == "application/json"
    assert SEED_JSON["schema"] == "rcm-declaration/1"
    assert response.json() == upgraded(SEED_JSON)
    assert response.json()["schema"] == SCHEMA


def test_it_carries_the_required_keys(client, seeded):
    data = client.get("/conferences/17/declaration.json").json()
    assert data["meeting"] == {
        "body": "vice-ministerial", "kind": "ordinary", "number": 17, "mode": "in_person",
        "theme": "Security within the Framework of Human Rights and Mixed Migration Flows",
        "cities": ["Panama City"], "host_country": "PA", "start_date": "2012-06-21", "end_date": "2012-06-22",
        "presidency_pro_tempore": "PA",
    }  # fmt: skip
    assert data["participants"]["member_states"] == ["BZ", "CA", "CR", "DO", "SV", "GT", "HN", "MX", "NI", "PA", "US"]
    assert data["participants"]["special_guests"][0] == {
        "code": "BR",
        "as": "representative of the South American Conference on Migration",
    }
    assert [d["citation"] for d in data["decisions"]] == [f"RCM XVII/{n}" for n in range(1, 13)]
    assert data["decisions"][7]["deadline"] == "2013-07-31"


def test_it_keeps_accents_readable(client, seeded):
    body = client.get("/conferences/17/declaration.json").content.decode("utf-8")
    assert "Pro Témpore´s" in body
    assert "“Panama Crisol de Razas”" in body
