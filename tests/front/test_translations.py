"""/staff/translations/: what lacks its other language, and the screens that fill it. [Test data] texts only."""

import pytest
from django.test import Client

from decisions.models import Decision, Topic
from declarations.models import Conference, Declaration
from tests.factories import conference_with_declaration

LIST = "/staff/translations/"


def _editor_url(declaration: Declaration, language: str = "es") -> str:
    return f"/staff/translations/{declaration.outcome_id}/{language}/"


def _spanish(declaration: Declaration) -> Declaration | None:
    return Declaration.objects.filter(outcome=declaration.outcome, language="es").first()


SPANISH = {
    "title": "Conferencia 30",
    "paragraph-1": "Reconoció el punto 1.",
    "decision-1": "Decide el punto 1 de la conferencia 30.",
}


class TestTheList:
    def test_it_lists_what_lacks_spanish_until_it_is_filled(self, client, seeded, editor):
        english = conference_with_declaration(30, status="draft")
        client.force_login(editor)
        content = client.get(LIST).content.decode()
        assert f'href="{_editor_url(english)}"' in content
        assert "no Spanish text" in content
        assert "RCM XXX/1" in content

        client.post(
            _editor_url(english),
            {
                **SPANISH,
                "paragraph-2": "Reconoció el punto 2.",
                "paragraph-3": "Reconoció el punto 3.",
                "decision-2": "Decide 2.",
                "decision-3": "Decide 3.",
            },
        )
        content = client.get(LIST).content.decode()
        assert f'href="{_editor_url(english)}"' not in content
        assert "RCM XXX/1" not in content

    def test_the_decisions_waiting_are_listed_a_page_at_a_time(self, client, seeded, editor):
        conference_with_declaration(30, decisions=101)  # English only: all 101 wait for their Spanish
        waiting = Decision.objects.filter(text_es="").count()  # with the seed's, in English only
        client.force_login(editor)
        first, second = client.get(LIST).content.decode(), client.get(LIST + "?page=2").content.decode()
        assert first.count("#decision-") == 100 and second.count("#decision-") == waiting - 100
        assert f'<span class="count">{waiting}</span>' in first and 'rel="next" href="?page=2"' in first
        assert client.get(LIST + "?page=nonsense").status_code == 200

    def test_a_missing_paragraph_is_listed(self, client, seeded, editor):
        english = conference_with_declaration(30, status="draft")
        client.force_login(editor)
        client.post(_editor_url(english), SPANISH)
        content = client.get(LIST).content.decode()
        assert "the Spanish text lacks paragraphs 2, 3" in content

    def test_a_missing_topic_name_is_filled_from_the_list(self, client, seeded, editor):
        topic = Topic.objects.create(slug="test-topic", name_en="Test topic", name_es="")
        client.force_login(editor)
        assert '<td lang="en">Test topic</td>' in client.get(LIST).content.decode()
        response = client.post(
            f"/staff/translations/topic/{topic.pk}/name/",
            {"language": "es", "revision": topic.revision, "value": "Tema de prueba"},
        )
        assert response.status_code == 302
        topic.refresh_from_db()
        assert topic.name_es == "Tema de prueba"
        assert topic.history.count() == 2
        assert '<td lang="en">Test topic</td>' not in client.get(LIST).content.decode()

    def test_a_bad_theme_changes_nothing(self, client, seeded, editor):
        conference = Conference.objects.create(number=40, planned_year=2030, theme_en="A theme")
        client.force_login(editor)
        response = client.post(
            f"/staff/translations/meeting/{conference.pk}/name/",
            {"language": "es", "revision": conference.revision, "value": "Un tema\x07"},
            follow=True,
        )
        assert "Nothing was saved" in response.content.decode()
        conference.refresh_from_db()
        assert conference.theme_es == ""


class TestANameOfAPublishedText:
    """A meeting's theme in a language is part of its published text in that language: read-only for editors."""

    @pytest.fixture
    def meeting(self, seeded) -> Conference:
        conference = conference_with_declaration(41).conference  # published in English
        # Its theme held in Spanish only, as a meeting entered from its Spanish papers would be.
        Conference.objects.filter(pk=conference.pk).update(theme_en="", theme_es="Tema de la conferencia 41")
        return conference

    def test_the_list_shows_it_read_only_with_the_reason(self, client, meeting, editor):
        client.force_login(editor)
        content = client.get(LIST).content.decode()
        assert '<td lang="es">Tema de la conferencia 41</td>' in content
        assert f'action="/staff/translations/meeting/{meeting.pk}/name/"' not in content
        assert "is published: only a publisher may change it" in content

    def test_an_editors_post_is_refused_and_changes_nothing(self, client, meeting, editor):
        client.force_login(editor)
        response = client.post(
            f"/staff/translations/meeting/{meeting.pk}/name/",
            {"language": "en", "revision": meeting.revision, "value": "Theme of conference 41"},
        )
        assert response.status_code == 403
        assert "only a publisher may change it" in response.content.decode()
        meeting.refresh_from_db()
        assert meeting.theme_en == ""

    def test_a_publisher_fills_it(self, client, meeting, publisher):
        client.force_login(publisher)
        assert f'action="/staff/translations/meeting/{meeting.pk}/name/"' in client.get(LIST).content.decode()
        client.post(
            f"/staff/translations/meeting/{meeting.pk}/name/",
            {"language": "en", "revision": meeting.revision, "value": "Theme of conference 41"},
        )
        meeting.refresh_from_db()
        assert meeting.theme_en == "Theme of conference 41"


class TestTheEditor:
    def test_it_shows_the_english_beside_a_field_for_the_spanish(self, client, seeded, editor):
        english = conference_with_declaration(30, status="draft")
        client.force_login(editor)
        content = client.get(_editor_url(english)).content.decode()
        assert '<td lang="en">Recognized item 2.</td>' in content
        assert 'name="paragraph-2" lang="es"' in content
        assert 'name="decision-3" lang="es"' in content
        assert "There is no Spanish text yet" in content

    def test_saving_makes_the_spanish_draft_with_its_paragraph_and_decision(self, client, seeded, editor):
        english = conference_with_declaration(30, status="draft")
        client.force_login(editor)
        response = client.post(_editor_url(english), SPANISH)
        assert response.status_code == 302
        spanish = _spanish(english)
        assert spanish.is_draft and spanish.title == "Conferencia 30"
        paragraph = spanish.paragraphs.get()
        assert (paragraph.position, paragraph.text, paragraph.verb) == (1, "Reconoció el punto 1.", "Reconoció")
        decision = Decision.objects.get(outcome=english.outcome, number=1)
        assert decision.text_es == "Decide el punto 1 de la conferencia 30."
        assert decision.history.count() >= 2
        english.refresh_from_db()
        assert english.paragraphs.get(position=1).text == "Recognized item 1."

        response = client.post(
            _editor_url(english), {"paragraph-1": "Reconoció el punto primero.", "revision": spanish.revision}
        )
        assert response.status_code == 302
        assert _spanish(english).paragraphs.get(position=1).text == "Reconoció el punto primero."
        assert _spanish(english).history.count() >= 2

    @pytest.mark.parametrize(
        "bad", [{"title": "x" * 301}, {"paragraph-2": "Reconoció\x00 el punto 2."}, {"decision-2": "Decide\x1b 2."}]
    )
    def test_bad_input_changes_nothing(self, client, seeded, editor, bad):
        english = conference_with_declaration(30, status="draft")
        client.force_login(editor)
        response = client.post(_editor_url(english), {**SPANISH, **bad})
        assert response.status_code == 400
        content = response.content.decode()
        assert "Nothing was saved" in content
        assert ("Paragraph 2: " in content) if "paragraph-2" in bad else True
        assert _spanish(english) is None
        assert Decision.objects.get(outcome=english.outcome, number=1).text_es == ""

    def test_an_editor_cannot_change_a_published_spanish_text(self, client, seeded, editor, publisher):
        english = conference_with_declaration(30, status="draft")
        client.force_login(publisher)
        client.post(_editor_url(english), SPANISH)
        spanish = _spanish(english)
        client.post(f"/staff/declarations/{spanish.pk}/publish/", {"revision": spanish.revision})
        spanish.refresh_from_db()
        assert spanish.is_published
        client.force_login(editor)
        response = client.post(_editor_url(english), {"paragraph-1": "Otro texto.", "decision-2": "Decide 2."})
        assert "Nothing was saved" in response.content.decode()
        assert spanish.paragraphs.get(position=1).text == "Reconoció el punto 1."
        assert Decision.objects.get(outcome=english.outcome, number=2).text_es == ""

    def test_a_section_heading_goes_to_every_decision_of_its_section(self, client, seeded, editor):
        english = conference_with_declaration(30, status="draft")
        Decision.objects.filter(outcome=english.outcome).update(section_en="Migration and development")
        client.force_login(editor)
        content = client.get(_editor_url(english)).content.decode()
        assert '<td lang="en">Migration and development</td>' in content
        client.post(_editor_url(english), {**SPANISH, "section-1": "Migración y desarrollo"})
        sections = set(Decision.objects.filter(outcome=english.outcome).values_list("section_es", flat=True))
        assert sections == {"Migración y desarrollo"}

    def test_a_publisher_corrects_a_published_spanish_text_and_it_shows_as_corrected(self, client, seeded, publisher):
        english = conference_with_declaration(30, status="draft")
        client.force_login(publisher)
        client.post(_editor_url(english), SPANISH)
        spanish = _spanish(english)
        client.post(f"/staff/declarations/{spanish.pk}/publish/", {"revision": spanish.revision})
        spanish.refresh_from_db()
        response = client.post(
            _editor_url(english), {"paragraph-1": "Reconoció el punto primero.", "revision": spanish.revision}
        )
        assert response.status_code == 302
        spanish.refresh_from_db()
        assert spanish.paragraphs.get(position=1).text == "Reconoció el punto primero."
        assert spanish.corrected_at is not None


class TestWhoMay:
    def _urls(self, english: Declaration) -> list[str]:
        topic = Topic.objects.create(slug="test-topic", name_en="Test topic", name_es="")
        return [LIST, _editor_url(english), f"/staff/translations/topic/{topic.pk}/name/"]

    def test_anonymous_is_sent_to_sign_in(self, client, seeded):
        for url in self._urls(conference_with_declaration(30, status="draft")):
            for method in (client.get, client.post):
                response = method(url)
                assert response.status_code == 302 and response["Location"].startswith("/accounts/login/"), url

    @pytest.mark.parametrize("role", ["delegate", "reader"])
    def test_delegates_and_readers_get_403_and_see_no_draft(self, client, seeded, request, role):
        english = conference_with_declaration(30, status="draft", title="DRAFTWORD")
        client.force_login(request.getfixturevalue(role))
        for url in self._urls(english):
            for method in (client.get, client.post):
                response = method(url)
                assert response.status_code == 403, url
                assert "DRAFTWORD" not in response.content.decode()

    def test_csrf_is_enforced(self, seeded, editor):
        english = conference_with_declaration(30, status="draft")
        client = Client(enforce_csrf_checks=True)
        client.force_login(editor)
        assert 'name="csrfmiddlewaretoken"' in client.get(_editor_url(english)).content.decode()
        assert client.post(_editor_url(english), SPANISH).status_code == 403
        assert _spanish(english) is None


class TestInSpanish:
    """Needs the merged catalogue (the messages are in /work/notes/po/translate.po until then)."""

    def test_the_list_and_the_editor_read_in_spanish(self, client, seeded, editor):
        english = conference_with_declaration(30, status="draft")
        client.force_login(editor)
        assert "sin texto en español" in client.get(f"{LIST}?lang=es").content.decode()
        content = client.get(f"{_editor_url(english)}?lang=es").content.decode()
        assert "Aún no hay texto en español" in content
        assert "Guardar el texto en español" in content
