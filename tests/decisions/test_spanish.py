"""The decisions' pages in the reader's language. The Spanish assertions need the Spanish catalogue
(locale/es), which holds these apps' messages once it is brought up to the code."""

from django.test import Client


def test_a_deadline_is_one_english_sentence(client, seeded):
    content = client.get("/conferences/17/declaration/").content.decode()
    assert 'Deadline: no later than <time datetime="2013-07-31">31 July 2013</time>' in content


def test_a_deadline_is_one_spanish_sentence_with_a_spanish_date(seeded):
    content = Client(HTTP_ACCEPT_LANGUAGE="es-MX").get("/conferences/17/declaration/").content.decode()
    assert 'Plazo: a más tardar el <time datetime="2013-07-31">31 de julio de 2013</time>' in content


def test_the_list_of_decisions_speaks_spanish(seeded):
    content = Client(HTTP_ACCEPT_LANGUAGE="es-MX").get("/decisions/").content.decode()
    assert "Filtrar las decisiones" in content and "Encomienda a:" in content
    assert "Every published decision" not in content
