"""A meeting's public PDFs are rendered when its text is published or changed, before any reader asks for them."""

import logging
import threading

import pytest
from django.test import Client
from django.urls import reverse

from declarations.models import Declaration
from rcm.front.prerender import THREAD_NAME
from tests.factories import conference_with_declaration


@pytest.fixture
def renders(settings, caplog):
    """The PDFs rendered (their file names) once the pre-rendering threads have finished."""
    settings.PRERENDER_PDFS = True
    caplog.set_level(logging.INFO, logger="rcm.lib.pdf")

    def rendered() -> list[str]:
        for thread in threading.enumerate():
            if thread.name == THREAD_NAME:
                thread.join(timeout=300)
        names = [record.args[0] for record in caplog.records if record.msg.startswith("Rendered")]
        caplog.clear()
        return names

    return rendered


def _readers_pdfs(declaration: Declaration) -> list[bytes]:
    """Each PDF of its meeting an anonymous reader asks for, in English and in Spanish: what they were served."""
    conference = declaration.conference
    served = []
    for language in ("en", "es"):
        reader = Client(HTTP_ACCEPT_LANGUAGE=language)
        for url in (
            declaration.get_pdf_url(),
            reverse("register_pdf", args=[conference]),
            reverse("briefing_pdf", args=[conference]),
        ):
            response = reader.get(url)
            assert response.status_code == 200, (url, language)
            served.append(response.content)
    return served


def test_publishing_renders_the_pdfs_before_their_first_reader(transactional_db, client, publisher, renders):
    declaration = conference_with_declaration(18, decisions=2, status="draft")
    client.force_login(publisher)

    response = client.post(
        reverse("staff_declaration_publish", args=[declaration.pk]), {"revision": declaration.revision}
    )

    assert response.status_code == 302
    assert sorted(set(renders())) == [
        "RCM-XVIII-2013-briefing.pdf",
        "RCM-XVIII-2013-decisions.pdf",
        "RCM-XVIII-2013-declaration-en.pdf",
    ]
    assert all(pdf.startswith(b"%PDF") for pdf in _readers_pdfs(declaration))
    assert renders() == []  # every reader was served what was rendered ahead


def test_a_correction_renders_again_only_what_it_changed(transactional_db, client, publisher, renders):
    declaration = conference_with_declaration(18, decisions=2)
    client.force_login(publisher)
    decision = declaration.outcome.decisions.get(number=2)
    form = {"number": 2, "text_en": "Decide item 2, as corrected.", "text_es": "", "deadline": "", "deadline_text": ""}

    response = client.post(reverse("staff_decision_edit", args=[decision.pk]), {**form, "revision": decision.revision})

    assert response.status_code == 302, response.content
    rendered = renders()
    assert "RCM-XVIII-2013-decisions.pdf" in rendered and "RCM-XVIII-2013-declaration-en.pdf" in rendered
    _readers_pdfs(declaration)
    assert renders() == []


def test_nothing_is_rendered_for_a_draft_or_a_refused_request(transactional_db, client, editor, delegate, renders):
    declaration = conference_with_declaration(18, decisions=2, status="draft")
    client.force_login(editor)
    client.post(reverse("staff_declaration_circulate", args=[declaration.pk]), {"revision": declaration.revision})
    assert Declaration.objects.get(pk=declaration.pk).is_circulated
    client.force_login(delegate)
    response = client.post(reverse("staff_declaration_publish", args=[declaration.pk]), {"revision": 2})

    assert response.status_code == 403
    assert renders() == []
