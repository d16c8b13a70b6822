"""Responses to signed-in requests are private: no shared cache (a proxy, a CDN) may keep them for others;
and a request whose body was cut short is refused whole."""

import io
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from decisions.models import Decision
from followup.models import FollowUpAction
from tests.factories import conference_with_declaration

SIGNED_IN_URLS = [
    "/",
    "/decisions/",
    "/conferences/20/declaration/",
    "/conferences/20/declaration.json",
    "/conferences/20/decisions/1/",
    "/conferences/20/implementation/",
    "/conferences/20/implementation.csv",
    "/conferences/20/implementation.xlsx",
    "/conferences/20/declaration.pdf",
    "/conferences/17/declaration/",
]


@pytest.fixture
def circulated(seeded, settings):
    """Conference XX's declaration, circulated to delegates; PDFs cached in memory, not in the checkout."""
    settings.CACHES = {**settings.CACHES, "pdf": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    declaration = conference_with_declaration(20, status="draft")
    declaration.status = "circulated"
    declaration.save()
    return declaration


@pytest.mark.parametrize("url", SIGNED_IN_URLS)
def test_a_delegate_gets_every_page_and_file_marked_private(client, circulated, delegate, url):
    client.force_login(delegate)
    response = client.get(url)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    assert "Cookie" in response["Vary"]


def test_staff_pages_are_private(client, seeded, editor):
    client.force_login(editor)
    response = client.get("/staff/")
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]


def test_a_signed_in_reader_who_is_refused_gets_a_private_answer(client, circulated, reader):
    client.force_login(reader)
    response = client.get("/conferences/20/declaration/")
    assert response.status_code == 404
    assert "private" in response["Cache-Control"]


def test_it_keeps_what_a_view_said_against_caching(client, seeded, editor):
    client.force_login(editor)
    # The PDF view asks every client to revalidate; being private adds to that, it does not replace it.
    response = client.get("/conferences/17/declaration.pdf")
    assert set(response["Cache-Control"].split(", ")) == {"no-cache", "private"}


@pytest.mark.parametrize("url", ["/conferences/17/declaration/", "/conferences/17/declaration.pdf"])
def test_the_public_gets_published_texts_without_private(client, seeded, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "private" not in response.get("Cache-Control", "")
    # The same address answers a signed-in reader differently: caches must key on the cookie.
    assert "Cookie" in response["Vary"]


def test_a_form_cut_short_is_refused_and_saves_nothing(client, seeded, editor):
    """A client gone away mid-request: the server reads the start of the form, then the end of the stream.
    Django would take the fields that arrived, the last one cut; nothing of it may be saved."""
    client.force_login(editor)
    decision = Decision.objects.get(conference__number=17, number=5)
    body = urlencode(
        {
            "form": "action",
            "action-date": "2013-05-01",
            "action-done_by": "Technical Secretariat",
            "action-description": "Minutes of the meeting of the liaison officers held in Panama City",
        }
    ).encode()
    response = client.generic(
        "POST",
        reverse("staff_decision_followup", args=[decision.pk]),
        CONTENT_TYPE="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(len(body)),
        **{"wsgi.input": io.BytesIO(body[:-20])},
    )
    assert response.status_code == 400
    assert not FollowUpAction.objects.exists()
