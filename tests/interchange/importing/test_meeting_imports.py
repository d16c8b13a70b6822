"""Importing every kind of outcome document, through the command and the staff page, down to each stored field."""

import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from decisions.models import Decision, Link
from declarations.models import Conference, Declaration, OutcomeDocument

TEXTS = Path(__file__).parent / "texts"


def _run(*args) -> str:
    err = StringIO()
    call_command("import_declaration", *map(str, args), stdout=StringIO(), stderr=err)
    return err.getvalue()


def _flattened(path: Path, tmp_path: Path) -> Path:
    """The text as copied from a PDF that lost every line break."""
    flat = tmp_path / f"flat-{path.name}"
    flat.write_text(" ".join(line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()))
    return flat


def _stored(declaration: Declaration) -> dict:
    """What the archive holds of an imported text, field by field."""
    meeting, outcome = declaration.conference, declaration.outcome
    participants = {
        role: [p.actor_id for p in meeting.participations.filter(role=role).order_by("position")]
        for role in ("member_state", "observer_organization")
    }
    return {
        "meeting": (meeting.body.slug, meeting.kind, meeting.number, meeting.mode, meeting.cities,
                    meeting.host_country_id and meeting.host_country.code, meeting.start_date, meeting.end_date),
        "document": (outcome.kind, outcome.position, declaration.language, declaration.status, declaration.title,
                     declaration.decisions_heading),
        "participants": (len(participants["member_state"]), len(participants["observer_organization"])),
        "paragraphs": [p.text for p in declaration.paragraphs.order_by("position")],
        "items": [
            (d.citation, d.section_in(declaration.language), d.text_in(declaration.language), d.deadline,
             sorted(m.actor_kind.word + ":" + str(m.actor) for m in d.mentions.filter(role="mandated")))
            for d in outcome.decisions.order_by("number")
        ],
    }  # fmt: skip


@pytest.fixture(params=["command", "staff page"])
def imported(request, client, editor, seeded):
    """Import a text through the command, or through the staff page's preview and confirm: the draft made."""

    def imported(path: Path, meeting: Conference | None = None) -> Declaration:
        if request.param == "command":
            err = _run(path, *(["--meeting", meeting.get_absolute_url().strip("/")] if meeting else []))
            assert "imported" in err
            return Declaration.objects.order_by("-pk").first()
        client.force_login(editor)
        return _staff_import(client, path.read_text(encoding="utf-8"), **({"meeting": meeting.pk} if meeting else {}))

    return imported


def test_rcgm_conclusions_in_english(imported):
    declaration = imported(TEXTS / "rcgm-conclusions-en.txt")
    assert (declaration.conference.body.slug, str(declaration.conference.start_date)) == ("rcgm", "2013-11-05")
    stored = _stored(declaration)
    assert stored["meeting"] == (
        "rcgm", "ordinary", None, "in_person", ["San José"], "CR", datetime.date(2013, 11, 5),
        datetime.date(2013, 11, 6),
    )  # fmt: skip
    assert stored["document"] == (
        "conclusions",
        1,
        "en",
        "draft",
        "CONCLUSIONS AND RECOMMENDATIONS",
        "The RCGM agreed on the following:",
    )
    assert stored["participants"] == (11, 2)
    assert len(stored["paragraphs"]) == 1
    citations = [item[0] for item in stored["items"]]
    assert citations == [f"RCGM 2013-11-05/{n}" for n in range(1, 6)]
    assert stored["items"][1][3] == datetime.date(2014, 3, 30)
    assert stored["items"][1][4] == ["body:Consular Protection Liaison Officers Network"]
    # Conclusion 3 refers to the XIX conference, in the calendar; XVIII/6 is not in the archive: no link.
    links = Link.objects.filter(source__outcome=declaration.outcome)
    assert [(link.source.number, link.kind, link.target_conference.number) for link in links] == [(3, "refers_to", 19)]


def test_a_link_to_a_decision_not_in_the_archive_is_left_out_with_a_warning(seeded):
    err = _run(TEXTS / "rcgm-conclusions-en.txt")
    assert "the conclusions and recommendations of the rcgm meeting of 2013-11-05" in err
    assert "refers to decision RCM XVIII/6, which is not in the archive; no link made" in err


def test_the_same_conclusions_without_line_breaks_are_stored_the_same(imported, tmp_path):
    _run(TEXTS / "rcgm-conclusions-en.txt")
    expected = _stored(Declaration.objects.get(conference__start_date="2013-11-05"))
    Link.objects.filter(source__conference__start_date="2013-11-05").delete()
    Decision.objects.filter(conference__start_date="2013-11-05").delete()
    Declaration.objects.filter(conference__start_date="2013-11-05").delete()
    flat = imported(_flattened(TEXTS / "rcgm-conclusions-en.txt", tmp_path))
    # A paragraph that opens with no verb cannot be told from the opening once the breaks are lost: its
    # words stay, in the opening (docs/importing.md).
    assert {**_stored(flat), "paragraphs": expected["paragraphs"]} == expected
    assert flat.opening.endswith(expected["paragraphs"][0])


def _staff_import(client, text: str, **fields) -> Declaration:
    """Paste, check the preview, confirm: the draft created."""
    preview = client.post("/staff/import/", {"text": text, "encoding": "utf-8", **fields})
    assert "Check what was read" in preview.content.decode(), preview.content.decode()
    created = client.post("/staff/import/", {"confirm": "1", "reading": preview.context["signed"]})
    assert created.status_code == 302
    return Declaration.objects.get(pk=int(created["Location"].rstrip("/").rsplit("/", 1)[1]))


def test_rcgm_conclusions_in_spanish(imported, client, editor):
    declaration = imported(TEXTS / "rcgm-conclusiones-es.txt")
    stored = _stored(declaration)
    assert stored["meeting"] == (
        "rcgm", "ordinary", None, "in_person", [], "HN", datetime.date(2016, 3, 10), datetime.date(2016, 3, 11)
    )  # fmt: skip
    assert stored["document"] == (
        "conclusions", 1, "es", "draft", "CONCLUSIONES Y RECOMENDACIONES", "Conclusiones:"
    )  # fmt: skip
    assert stored["participants"] == (10, 2)
    assert [item[0] for item in stored["items"]] == ["RCGM 2016-03-10/1", "RCGM 2016-03-10/2", "RCGM 2016-03-10/3"]
    assert stored["items"][1][3] == datetime.date(2016, 6, 30)
    client.force_login(editor)  # the import is a draft
    assert client.get("/bodies/rcgm/meetings/2016-03-10/conclusions/es/").status_code == 200


def test_a_joint_communique_in_two_headed_sections(imported):
    declaration = imported(TEXTS / "comunicado-secciones-es.txt")
    stored = _stored(declaration)
    assert stored["meeting"][:3] == ("vice-ministerial", "ordinary", 14)
    assert stored["meeting"][4:] == (["San Salvador"], "SV", datetime.date(2009, 5, 14), datetime.date(2009, 5, 15))
    assert stored["document"][:4] == ("joint_communique", 1, "es", "draft")
    assert [(citation, section) for citation, section, *_ in stored["items"]] == [
        ("RCM XIV/1", "I. Migración y desarrollo"),
        ("RCM XIV/2", "I. Migración y desarrollo"),
        ("RCM XIV/3", "II. Protección de las personas migrantes"),
    ]
    assert Decision.objects.get(conference__number=14, number=3).section_es.startswith("II.")


def test_an_unnumbered_extraordinary_declaration_placed_with_the_meeting_chosen(imported, tmp_path):
    text = (TEXTS / "extraordinary-virtual-en.txt").read_text(encoding="utf-8")
    undated = tmp_path / "undated.txt"
    undated.write_text(text.replace(" on April 22, 2020,", ""), encoding="utf-8")
    with pytest.raises(CommandError, match="This looks like an extraordinary declaration, but it does not say"):
        _run(undated)
    day = datetime.date(2020, 4, 22)
    meeting = Conference.objects.create(kind="extraordinary", start_date=day, end_date=day, mode="virtual")
    imported(undated, meeting)
    outcome = OutcomeDocument.objects.get(conference=meeting)
    stored = _stored(outcome.texts.get())
    assert stored["meeting"] == ("vice-ministerial", "extraordinary", None, "virtual", [], None, day, day)
    assert stored["document"][:3] == ("extraordinary_declaration", 1, "en")
    assert [item[0] for item in stored["items"]] == ["RCM Ext. 2020-04-22/1", "RCM Ext. 2020-04-22/2"]
    assert stored["items"][1][4] == ["body:Consular Protection Liaison Officers Network"]


def test_it_gives_each_mandated_actor_a_mandate(seeded):
    from followup.models import Mandate
    from tests.factories import conference_with_declaration

    conference = conference_with_declaration(31, decisions=2).conference
    mandates = Mandate.objects.filter(mention__decision__conference=conference)
    assert sorted((m.decision.number, str(m.actor), m.status) for m in mandates) == [
        (1, "Technical Secretariat", "pending"),
        (2, "Technical Secretariat", "pending"),
    ]
