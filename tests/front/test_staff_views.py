"""The Secretariat's dashboard, reference lists and history pages, in the reader's language."""

import lxml.html
import pytest
from django.apps import apps
from django.urls import reverse
from django.utils.functional import Promise

from decisions.models import Decision, Link


def _decision() -> Decision:
    return Decision.objects.get(conference__kind="ordinary", conference__number=17, number=5)


def test_the_dashboard_speaks_the_readers_language(client, seeded, editor):
    """Needs the Spanish catalogue (locale/es)."""
    client.force_login(editor)
    content = client.get(reverse("staff_dashboard"), HTTP_ACCEPT_LANGUAGE="es-MX").content.decode()
    assert "<h1>Panel</h1>" in content and "Cambios recientes" in content


def test_the_history_speaks_the_readers_language(client, seeded, editor):
    """Needs the Spanish catalogue (locale/es)."""
    client.force_login(editor)
    url = reverse("staff_history", args=["decision", _decision().pk])
    content = client.get(url, HTTP_ACCEPT_LANGUAGE="es-MX").content.decode()
    assert "Historial de" in content and "el sistema" in content


def test_the_history_is_in_english_by_default(client, seeded, editor):
    client.force_login(editor)
    content = client.get(reverse("staff_history", args=["decision", _decision().pk])).content.decode()
    assert "History of" in content and "the system" in content


def _change_deadline_text(decision: Decision) -> None:
    decision.deadline_text = "until July 2013"
    decision.save()


def test_a_change_is_named_by_its_field(client, seeded, editor):
    decision = _decision()
    _change_deadline_text(decision)
    client.force_login(editor)
    content = client.get(reverse("staff_history", args=["decision", decision.pk])).content.decode()
    assert "<dt>Deadline text</dt>" in content


def test_a_change_is_named_in_the_readers_language(client, seeded, editor):
    """Needs the Spanish catalogue (locale/es)."""
    decision = _decision()
    _change_deadline_text(decision)
    client.force_login(editor)
    url = reverse("staff_history", args=["decision", decision.pk])
    content = client.get(url, HTTP_ACCEPT_LANGUAGE="es-MX").content.decode()
    assert "<dt>Texto del plazo</dt>" in content


@pytest.mark.parametrize("label", ["rcm", "declarations", "decisions", "followup"])
def test_every_field_has_a_name_to_translate(label):
    """A field named only by Django (from its attribute) would show in English to every reader."""
    untranslatable = [
        f"{model.__name__}.{field.name}"
        for model in apps.get_app_config(label).get_models()
        # The history tables' own columns and the through table of a history of members are django-simple-history's.
        if not model.__name__.startswith("HistoricalBody_")
        for field in model._meta.concrete_fields
        if field.name != "id" and not field.name.startswith("history_")
        if not isinstance(field.verbose_name, Promise)
    ]
    assert untranslatable == []


def _history_back(client, kind: str, pk: int) -> str:
    page = lxml.html.fromstring(client.get(reverse("staff_history", args=[kind, pk])).content)
    return page.xpath("//nav[@class='breadcrumbs']/a")[0].get("href")


def test_the_history_leads_back_to_the_records_page(client, seeded, editor):
    client.force_login(editor)
    decision = _decision()
    text = decision.outcome.texts.get()
    link = Link.objects.filter(source__conference=decision.conference).first()
    assert _history_back(client, "decision", decision.pk) == reverse("staff_decision_edit", args=[decision.pk])
    # A part's history leads to its whole's page.
    paragraph = text.paragraphs.get(position=1)
    assert _history_back(client, "paragraph", paragraph.pk) == reverse("staff_declaration_edit", args=[text.pk])
    assert _history_back(client, "link", link.pk) == reverse("staff_decision_edit", args=[link.source_id])


def test_a_new_texts_page_leads_back_to_its_meeting(client, seeded, editor):
    client.force_login(editor)
    conference = _decision().conference
    content = client.get(reverse("staff_declaration_new", args=[conference.pk])).content.decode()
    assert f'<a href="{reverse("staff_conference_edit", args=[conference.pk])}">' in content
