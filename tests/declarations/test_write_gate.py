"""Only a publisher changes what is published, whatever the path, and readers see that it was corrected.

Every path that writes a text's records is tried on the published XVII: an editor's attempt is refused
and changes nothing; a publisher's goes through and marks the text "corrected on". The forms are
posted as the pages fill them (read from the page), with one change.
"""

import json

import lxml.html
import pytest
from django.core import serializers
from django.core.management import CommandError, call_command
from django.urls import reverse

from decisions.models import Decision, Link, Mention
from decisions.selectors import published_decisions
from declarations.access import PublishedTextLocked, acting_as
from declarations.models import Conference, Declaration, Paragraph, Participation
from declarations.services import declaration_unpublish
from followup.models import Mandate
from rcm.base.models import Country

ARCHIVE = [Conference, Participation, Declaration, Paragraph, Decision, Mention, Link, Mandate]


def _snapshot() -> str:
    """Every record of the texts and their mandates, as stored."""
    return "".join(serializers.serialize("json", model.objects.order_by("pk")) for model in ARCHIVE)


def _xvii() -> Conference:
    return Conference.objects.get(kind="ordinary", number=17)


def _decision(number: int) -> Decision:
    return Decision.objects.get(conference=_xvii(), number=number)


def _filled(client, url: str, **changes) -> dict:
    """The values of the page's form that has the changed fields, as a browser would post them, with `changes` made."""
    page = lxml.html.fromstring(client.get(url).content)
    form = next(form for form in page.forms if set(changes) <= set(form.fields.keys()))
    data: dict[str, list[str]] = {}
    for name, value in form.form_values():
        data.setdefault(name, []).append(value)
    data.update({name: value if isinstance(value, list) else [value] for name, value in changes.items()})
    return data


def _conference_edit(client):
    url = reverse("staff_conference_edit", args=[_xvii().pk])
    return client.post(url, _filled(client, url, theme_en="A theme nobody adopted"))


def _declaration_edit(client):
    url = reverse("staff_declaration_edit", args=[_xvii().declarations.get().pk])
    return client.post(url, _filled(client, url, **{"paragraphs-0-text": "Recognized nothing at all."}))


def _decision_edit(client):
    url = reverse("staff_decision_edit", args=[_decision(4).pk])
    return client.post(url, _filled(client, url, text_en="Approve nothing."))


def _decision_new(client):
    url = reverse("staff_decision_new", args=[_xvii().pk])
    return client.post(url, _filled(client, url, number="50", text_en="Decide something new."))


def _link_new(client):
    url = reverse("staff_link_new", args=[_decision(4).pk])
    return client.post(url, {"kind": "follows_up_on", "decision": "RCM XVII/1"})


def _link_delete(client):
    return client.post(reverse("staff_link_delete", args=[Link.objects.get(source=_decision(4)).pk]))


def _mandate_add(client):
    """The United States, which XVII/4 only mentions, mandated: a mandate that would make the text mandate them."""
    url = reverse("staff_decision_edit", args=[_decision(4).pk])
    united_states = str(Country.objects.get(code="US").pk)
    return client.post(
        url, _filled(client, url, mandated_states=[united_states], mentioned_states=[], text_en="Report on it.")
    )


def _restore_decision(client):
    """XVII/4 as it was before a publisher corrected it."""
    decision = _decision(4)
    first = decision.history.earliest()
    url = reverse("staff_history_restore", args=["decision", decision.pk, first.history_id])
    return client.post(url, {"revision": decision.revision})


def _import(client):
    """A Spanish text of the XVII with a decision 50 that mandates Mexico and supersedes decision 1."""
    document = json.loads((_seed_json()).read_text(encoding="utf-8"))
    document.update(language="es", status="draft", title="DECLARACIÓN")
    document["decisions"] = [
        *({**d, "text": f"Texto de la decisión {d['number']}."} for d in document["decisions"]),
        {
            "number": 50,
            "text": "Sustituir la decisión 1.",
            "mandated": {"states": ["MX"]},
            "links": [{"kind": "supersedes", "decision": "RCM XVII/1"}],
        },
    ]
    preview = client.post(
        reverse("staff_import"), {"text": json.dumps(document, ensure_ascii=False), "encoding": "utf-8"}
    )
    signed = lxml.html.fromstring(preview.content).xpath("//input[@name='reading']/@value")[0]
    return client.post(reverse("staff_import"), {"confirm": "1", "reading": signed})


def _theme_translation(client):
    conference = _xvii()
    url = reverse("staff_translation_name", args=["meeting", conference.pk])
    return client.post(url, {"language": "en", "revision": conference.revision, "value": "A theme nobody adopted"})


def _seed_json():
    from rcm.front.seed import SEEDS_DIR

    return SEEDS_DIR / "rcm-xvii-2012-declaration-en.json"


STAFF_PATHS = {
    "conference edit": _conference_edit,
    "declaration edit": _declaration_edit,
    "decision edit": _decision_edit,
    "decision new": _decision_new,
    "link new": _link_new,
    "link delete": _link_delete,
    "mandate add": _mandate_add,
    "import": _import,
    "theme translation": _theme_translation,
}


@pytest.fixture
def corrected_once(seeded, publisher, client):
    """XVII/4 corrected by a publisher, so that it has an earlier version to restore."""
    client.force_login(publisher)
    _decision_edit(client)
    client.logout()
    Declaration.objects.filter(conference=_xvii()).update(corrected_at=None)


@pytest.mark.parametrize("path", STAFF_PATHS)
def test_an_editor_cannot_change_a_published_text(client, seeded, editor, path):
    client.force_login(editor)
    before = _snapshot()
    response = STAFF_PATHS[path](client)
    assert response.status_code in (200, 302, 403)
    assert _snapshot() == before


@pytest.mark.parametrize("path", STAFF_PATHS)
def test_a_publisher_changes_a_published_text_and_it_shows_as_corrected(client, seeded, publisher, path):
    client.force_login(publisher)
    before = _snapshot()
    STAFF_PATHS[path](client)
    assert _snapshot() != before
    english = _xvii().declarations.get(language="en")
    assert english.corrected_at is not None
    assert "corrected on" in client.get("/conferences/17/declaration/").content.decode()


def test_the_editor_is_told_why_and_keeps_what_was_typed(client, seeded, editor):
    client.force_login(editor)
    content = _mandate_add(client).content.decode()
    assert "is published: only a publisher may change it" in content
    assert "Report on it." in content


def test_an_editor_s_import_says_what_it_would_have_changed(client, seeded, editor):
    client.force_login(editor)
    page = client.get(_import(client)["Location"]).content.decode()
    assert "Nothing was created: this adds decision RCM XVII/50, part of a published text" in page


def test_an_editor_cannot_restore_an_earlier_version_of_a_published_decision(client, corrected_once, editor):
    client.force_login(editor)
    before = _snapshot()
    assert _restore_decision(client).status_code == 403
    assert _snapshot() == before


def test_a_publisher_restores_one_and_it_shows_as_corrected(client, corrected_once, publisher):
    client.force_login(publisher)
    _restore_decision(client)
    assert _decision(4).text_en.startswith("Approve the proposal from the United States")
    assert _xvii().declarations.get().corrected_at is not None


def test_restoring_the_published_version_of_an_unpublished_text_does_not_publish_it(client, seeded, editor):
    declaration = _xvii().declarations.get()
    declaration_unpublish(declaration=declaration, revision=declaration.revision, reason="A typo in the title.")
    declaration.refresh_from_db()
    published = declaration.history.filter(status="published").first()
    client.force_login(editor)
    response = client.post(
        reverse("staff_history_restore", args=["declaration", declaration.pk, published.history_id]),
        {"revision": declaration.revision},
    )
    assert response.status_code == 302
    declaration.refresh_from_db()
    assert declaration.status == "draft"
    assert client.get("/conferences/17/declaration/").status_code == 200  # the editor reads the draft
    client.logout()
    assert client.get("/conferences/17/declaration/").status_code == 404


def test_the_restore_page_offers_the_button_to_those_who_may_restore(client, corrected_once, editor, publisher):
    decision = _decision(4)
    url = reverse("staff_history_restore", args=["decision", decision.pk, decision.history.earliest().history_id])
    client.force_login(editor)
    content = client.get(url).content.decode()
    assert "RCM XVII/4" in content and "is published: only a publisher may change it" in content
    assert ">Restore</button>" not in content
    client.force_login(publisher)
    assert ">Restore</button>" in client.get(url).content.decode()


def test_the_import_command_cannot_change_a_published_text_without_a_publisher(seeded, tmp_path, publisher):
    document = json.loads(_seed_json().read_text(encoding="utf-8"))
    document.update(language="es", status="draft", title="DECLARACIÓN")
    document["decisions"] = [{"number": 50, "text": "Decidir algo nuevo.", "mandated": {"states": ["MX"]}}]
    path = tmp_path / "xvii-es.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    before = _snapshot()
    with pytest.raises(CommandError, match="part of a published text: only a publisher may do that"), acting_as(None):
        call_command("import_declaration", str(path))
    assert _snapshot() == before
    call_command("import_declaration", str(path), "--user", publisher.username)
    assert _decision(50).text_es == "Decidir algo nuevo."
    assert _xvii().declarations.get(language="en").corrected_at is not None


def test_a_write_with_nobody_acting_is_refused(seeded):
    decision = _decision(4)
    decision.text_en = "Changed from the shell."
    with pytest.raises(PublishedTextLocked), acting_as(None):
        decision.save()
    assert _decision(4).text_en.startswith("Approve the proposal")


def test_a_draft_translation_of_a_published_text_is_the_editors_to_make(client, seeded, editor):
    """Decision texts in a language whose declaration is not published are not part of a published text."""
    client.force_login(editor)
    decision = _decision(4)
    url = reverse("staff_decision_edit", args=[decision.pk])
    with acting_as(editor):
        decision.text_es = "Aprobar la propuesta."
        decision.save()
    assert _decision(4).text_es == "Aprobar la propuesta."
    assert _xvii().declarations.get().corrected_at is None
    assert client.get(url).status_code == 200


def test_a_decision_fetched_for_reading_is_never_saved(seeded):
    """Its texts in languages its reader may not read are blanked: saving it would erase them."""
    Decision.objects.filter(pk=_decision(4).pk).update(text_es="Aprobar la propuesta.")
    read = published_decisions().get(conference=_xvii(), number=4)
    assert read.text_es == ""
    with pytest.raises(ValueError, match="fetched for reading"):
        read.save()
    assert _decision(4).text_es == "Aprobar la propuesta."
