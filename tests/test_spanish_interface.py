"""A Spanish-speaking reader sees no English interface: every public and staff page, crawled with
Accept-Language es-MX, shows its words in Spanish.

What may stay in English: the texts of the archive themselves (an English declaration's paragraphs, a name
recorded only in English), each marked `lang="en"` where the page is Spanish, as a screen reader needs it;
and anything a record holds, which is data, not interface. Every other piece of text (text nodes, and the
title, aria-label, placeholder and alt that people and screen readers read) is checked for English: the
words of the English catalogue that Spanish does not share, and the little words no Spanish sentence has.
"""

import re
from html.parser import HTMLParser
from urllib.parse import unquote_plus

import pytest
from django.apps import apps
from django.db import models
from django.test import Client
from django.urls import reverse

from rcm.lib.pagecache import WATCHED_APPS
from tests.test_canary import STAFF, _crawl, world  # noqa: F401 (world is a fixture)

# Words that are English and never Spanish (nor a name or code the pages show).
ENGLISH = set(
    """the of and with this that these those which from has have been were was are is not by for to your you
    all any or at as an be it its into than then there their them they who what when where why how would should
    could may must shall will can page pages search save cancel edit new delete sign out in published draft
    decision decisions conference conferences meeting meetings paragraph paragraphs mandate mandates
    states organizations bodies topics implementation follow-up history import export next previous none
    status deadline evidence staff account password username yes""".split()  # noqa: SIM905 (read as a paragraph)
)
SHOWN_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")  # whole words, accents included ("así" is not "as")


class _InterfaceText(HTMLParser):
    """The text a reader sees outside the blocks marked as in another language."""

    SKIPPED = {"script", "style", "code", "kbd", "samp"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self) -> None:
        super().__init__()
        self.open: list[bool] = []  # for each open element: whether its text is left out
        self.chunks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        lang = attributes.get("lang")
        skipped = (
            (self.open and self.open[-1]) or tag in self.SKIPPED or (lang is not None and not lang.startswith("es"))
        )
        if not skipped:
            self.chunks += [attributes[name] for name in SHOWN_ATTRIBUTES if attributes.get(name)]
        if tag not in self.VOID:
            self.open.append(skipped)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self.open:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        if not (self.open and self.open[-1]) and data.strip():
            self.chunks.append(data.strip())


class Records:
    """Every text a record of the archive (or an account) holds: data, not interface. A piece of page text
    that is part of one (a snippet) is data; a record's text standing between interface words (a name) is
    taken out before the words around it are checked."""

    def __init__(self) -> None:
        texts = set()
        for label in [*WATCHED_APPS, "auth"]:
            for model in apps.get_app_config(label).get_models():
                fields = [
                    f.name for f in model._meta.concrete_fields if isinstance(f, models.CharField | models.TextField)
                ]
                for row in model.objects.values_list(*fields):
                    texts.update(value for value in row if value)
        self.joined = "\n".join(texts)
        self.named = re.compile(
            "|".join(re.escape(text) for text in sorted(texts, key=len, reverse=True) if len(text) > 2)
        )

    def interface_words(self, chunk: str) -> set[str]:
        bare = chunk.strip(" \t\n“”\"'‘’«»…:.,;()[]·|—–-")
        if not bare or bare in self.joined:
            return set()
        return {word.lower() for word in WORD.findall(self.named.sub(" ", chunk))}


def _english_in(html: str, records: Records, asked: str = "") -> list[str]:
    """The pieces of interface text with English words in them; `asked` is what the reader typed (a query)."""
    parser = _InterfaceText()
    parser.feed(html)
    typed = {word.lower() for word in WORD.findall(asked)}
    return [chunk for chunk in parser.chunks if (records.interface_words(chunk) - typed) & ENGLISH]


def _leftovers(crawled, records: Records) -> dict[str, list[str]]:
    leftovers = {}
    for page in crawled:
        headers, _, body = page.text.partition("\n")
        if "Content-Type: text/html" in headers and (english := _english_in(body, records, unquote_plus(page.url))):
            leftovers[page.url] = english
    return leftovers


def _report(leftovers: dict[str, list[str]]) -> str:
    lines = [f"{url}: {' | '.join(chunks[:8])}" for url, chunks in sorted(leftovers.items())]
    return f"English on {len(leftovers)} pages:\n" + "\n".join(lines[:60])


@pytest.fixture
def spanish_client() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9")


@pytest.mark.usefixtures("world")
def test_public_pages_are_all_spanish(spanish_client):
    crawled = _crawl(spanish_client)
    assert not [page.url for page in crawled if page.status >= 500]
    assert not (leftovers := _leftovers(crawled, Records())), _report(leftovers)


@pytest.mark.usefixtures("world")
def test_staff_pages_are_all_spanish(spanish_client, django_user_model):
    admin = django_user_model.objects.create_superuser("administradora", password="x")
    spanish_client.force_login(admin)
    leftovers = {}
    records = Records()
    for name, arguments in STAFF.items():
        for kwargs in arguments():
            url = reverse(name, kwargs=kwargs)
            response = spanish_client.get(url)
            assert response.status_code < 500, url
            is_page = response.status_code == 200 and response["Content-Type"].startswith("text/html")
            if is_page and (english := _english_in(response.text, records)):
                leftovers[url] = english
    assert not leftovers, _report(leftovers)
