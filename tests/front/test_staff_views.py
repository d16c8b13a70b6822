"""The Secretariat's dashboard, reference lists and history pages, in the reader's language."""

import re

import lxml.html
import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise

from decisions.models import Decision, Link
from declarations.models import Declaration
from rcm.base.models import Body, Country
from tests.declarations.test_staff import _paragraph_forms
from tests.factories import conference_with_declaration


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


@pytest.fixture
def published_after_an_empty_save(client, seeded, editor, publisher):
    """The XXX declaration imported as a draft, saved by the editor without a change, published by María Solano."""
    publisher.first_name, publisher.last_name = "María", "Solano"
    publisher.save()
    declaration = conference_with_declaration(30, status="draft")
    texts = [paragraph.text for paragraph in declaration.paragraphs.order_by("position")]
    client.force_login(editor)
    client.post(
        reverse("staff_declaration_edit", args=[declaration.pk]),
        _paragraph_forms(declaration, texts, declaration.revision),
    )
    declaration.refresh_from_db()
    client.force_login(publisher)
    client.post(reverse("staff_declaration_publish", args=[declaration.pk]), {"revision": declaration.revision})
    declaration.refresh_from_db()
    assert declaration.status == Declaration.Status.PUBLISHED
    return declaration


def test_the_history_names_people_and_says_when_in_the_sites_time(client, published_after_an_empty_save):
    declaration = published_after_an_empty_save
    page = client.get(reverse("staff_history", args=["declaration", declaration.pk])).content.decode()
    published = timezone.localtime(declaration.published_at)
    assert "<dt>Published by</dt><dd><ins>María Solano</ins></dd>" in page
    assert f"<ins>{date_format(published, 'j M Y, H:i')} UTC</ins>" in page
    assert re.search(r">[^<]*\+00:00", page) is None  # no Python datetime among the words
    assert "<del>Draft</del> <ins>Published</ins>" in page
    assert "</time></strong> · María Solano ·" in page


def test_the_history_lists_only_entries_that_changed_something(client, published_after_an_empty_save):
    declaration = published_after_an_empty_save
    page = client.get(reverse("staff_history", args=["declaration", declaration.pk])).content.decode()
    # Created with its paragraphs, then published: the save that changed nothing leaves no entry.
    assert page.count("changed paragraph") == 0
    assert page.count('class="changes"') == 1
    assert declaration.paragraphs.first().history.filter(history_type="~").exists()


def test_a_change_of_members_names_the_states(client, seeded, editor):
    body = Body.objects.create(slug="ad-hoc-test", name_en="Ad hoc group (test data)", kind="working_group")
    body.members.set(Country.objects.filter(code__in=["CR", "PA"]))
    body.save()
    client.force_login(editor)
    page = client.get(reverse("staff_history", args=["body", body.pk])).content.decode()
    assert "<ins>Costa Rica, Panama</ins>" in page
