"""The interface's language: chosen by the browser, the switch or the address, and names and dates in it."""

import datetime
import re

import pytest
from django.utils import translation

from declarations.models import Conference, Declaration
from rcm.base.models import Body, Country, Organization
from rcm.base.templatetags.rcm import conference_dates

pytestmark = pytest.mark.django_db


@pytest.fixture
def xvii():
    return Declaration.objects.get(conference__number=17, language="en")  # the seed's


def test_the_browsers_language_is_used_on_the_first_visit(client, xvii):
    response = client.get("/conferences/17/", HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9,en;q=0.5")
    assert '<html lang="es">' in response.text
    assert response["Content-Language"] == "es"


def test_english_is_the_default(client, xvii):
    response = client.get("/conferences/17/", HTTP_ACCEPT_LANGUAGE="fr-FR")
    assert '<html lang="en">' in response.text


def test_the_switch_is_remembered(client, xvii):
    page = client.get("/conferences/17/")
    assert 'name="language" value="es"' in page.text  # offered on the page, no script needed

    response = client.post("/language/", {"language": "es", "next": "/conferences/17/"})

    assert response.status_code == 302
    assert response["Location"] == "/conferences/17/"
    assert '<html lang="es">' in client.get("/conferences/17/", HTTP_ACCEPT_LANGUAGE="en").text


def test_the_switch_refuses_to_send_the_reader_elsewhere(client):
    response = client.post("/language/", {"language": "es", "next": "https://elsewhere.example/"})
    assert response["Location"] == "/"


def test_an_address_may_name_its_language_without_changing_the_readers_choice(client, xvii):
    assert '<html lang="es">' in client.get("/conferences/17/?lang=es").text
    assert "django_language" not in client.cookies
    assert '<html lang="en">' in client.get("/conferences/17/").text


def test_a_cached_page_is_kept_per_language(client, xvii):
    english = client.get("/conferences/17/")
    spanish = client.get("/conferences/17/", HTTP_ACCEPT_LANGUAGE="es")
    again = client.get("/conferences/17/")

    assert '<html lang="en">' in english.text and '<html lang="en">' in again.text
    assert '<html lang="es">' in spanish.text
    assert "Accept-Language" in english["Vary"] and "Cookie" in english["Vary"]


def test_names_are_in_the_readers_language():
    belize = Country(code="BZ", name_en="Belize", name_es="Belice")
    iom = Organization(acronym="IOM", acronym_es="OIM", name_en="International Organization for Migration")
    rcgm = Body(slug="rcgm", acronym="RCGM", acronym_es="GRCM", name_en="Regional Consultation Group on Migration")
    with translation.override("es"):
        assert (belize.name, iom.short_name, rcgm.short_name) == ("Belice", "OIM", "GRCM")
        # No Spanish name recorded: the English one, saying so, never an empty name.
        assert (iom.name, iom.name.lang) == ("International Organization for Migration", "en")
    with translation.override("en"):
        assert (str(belize), str(iom), rcgm.short_name) == ("Belize", "IOM", "RCGM")


def test_dates_are_written_as_each_language_writes_them():
    two_days = Conference(number=17, start_date=datetime.date(2012, 6, 21), end_date=datetime.date(2012, 6, 22))
    across = Conference(number=24, start_date=datetime.date(2019, 6, 30), end_date=datetime.date(2019, 7, 2))
    with translation.override("es"):
        assert _text(conference_dates(two_days)) == "21 y 22 de junio de 2012"
        assert _text(conference_dates(across)) == "del 30 de junio al 2 de julio de 2019"
    with translation.override("en"):
        assert _text(conference_dates(two_days)) == "21–22 June 2012"
        assert _text(conference_dates(across)) == "30 June – 2 July 2019"


def test_citations_follow_the_readers_language(xvii):
    decision = xvii.outcome.decisions.get(number=5)
    with translation.override("es"):
        assert decision.citation == "CRM XVII/5"
    assert decision.citation == "RCM XVII/5"
    assert decision.citation_in("es") == "CRM XVII/5"


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)
