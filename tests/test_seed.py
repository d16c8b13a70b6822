import json
import os
from pathlib import Path

import pytest
from django.core import serializers
from django.core.management import call_command

from decisions.models import Decision, Link, Mention
from declarations.models import Conference, Declaration, Paragraph, Participation
from rcm.base.models import Body, Country, ExternalDocument, Organization
from rcm.front.seed import SEEDS_DIR, seed_load

SHARED_SEED_TEXT = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "rcm-xvii-2012-declaration-en.txt"
SEED_TEXT = (SEEDS_DIR / "rcm-xvii-2012-declaration-en.txt").read_text(encoding="utf-8")
SEED_JSON = json.loads((SEEDS_DIR / "rcm-xvii-2012-declaration-en.json").read_text(encoding="utf-8"))
ALL_MODELS = [Country, Organization, Body, ExternalDocument, Conference, Participation, Declaration, Paragraph]
ALL_MODELS += [Decision, Mention, Link]


def _dump() -> str:
    return serializers.serialize("json", [obj for model in ALL_MODELS for obj in model.objects.order_by("pk")])


def test_it_loads_the_xvii_declaration(seeded):
    conference = Conference.objects.get(number=17, kind="ordinary")
    declaration = conference.declarations.get()
    assert declaration.status == "published"
    assert declaration.paragraphs.count() == 6
    assert declaration.decisions_chapeau.endswith("the Vice-Ministers and Heads of Delegation reached the following:")
    assert conference.decisions.count() == 12
    roles = {role: conference.participations.filter(role=role).count() for role in Participation.Role.values}
    assert roles == {"member_state": 11, "observer_state": 0, "observer_organization": 4, "special_guest": 4}


def test_it_knows_the_eleven_member_states(seeded):
    codes = set(Country.objects.filter(is_member=True).values_list("code", flat=True))
    assert codes == {"BZ", "CA", "CR", "DO", "SV", "GT", "HN", "MX", "NI", "PA", "US"}


def test_second_load_changes_nothing(seeded):
    before = _dump()
    report = seed_load()
    assert report.created == []
    assert _dump() == before


def test_load_keeps_an_editors_correction(seeded):
    Country.objects.filter(code="BZ").update(name_es="Belice (corregido)")
    seed_load()
    assert Country.objects.get(code="BZ").name_es == "Belice (corregido)"


def test_load_seed_command_says_what_it_did(empty_db, capsys):
    call_command("load_seed")
    assert "records created" in capsys.readouterr().out
    call_command("load_seed")
    assert "nothing changed" in capsys.readouterr().out


def test_the_repository_copy_is_the_shared_seed():
    # The shared seed is beside the checkout in the workplace and in CI; a lone clone has only its copy.
    if not SHARED_SEED_TEXT.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{SHARED_SEED_TEXT} is missing: CI checks the repository's seed against it", pytrace=False)
        pytest.skip(f"no shared seed at {SHARED_SEED_TEXT} to compare the repository's copy with")
    assert SHARED_SEED_TEXT.read_text(encoding="utf-8") == SEED_TEXT


def test_every_text_is_word_for_word_from_the_adopted_declaration():
    lines = [line.strip().removeprefix("· ") for line in SEED_TEXT.splitlines()]
    texts = [SEED_JSON["title"], SEED_JSON["opening"], SEED_JSON["chapeau"], SEED_JSON["decisions_heading"]]
    texts += [paragraph["text"] for paragraph in SEED_JSON["paragraphs"]]
    texts += [f"{decision['number']}. {decision['text']}" for decision in SEED_JSON["decisions"]]
    missing = [text for text in texts if text not in lines]
    assert missing == []
    assert f"“{SEED_JSON['conference']['theme']}”" in lines


def test_the_typos_of_the_adopted_text_are_kept(seeded):
    first = Paragraph.objects.get(declaration__conference__number=17, position=1)
    assert "Pro Témpore´s" in first.text
    assert "Regional Conference of Migration" in first.text
    assert "(ICHR)" in Decision.objects.get(conference__number=17, number=9).text_en
