"""Atom feeds, read back with a real feed parser."""

from urllib.parse import quote

import feedparser
import pytest
from lxml import etree

from decisions.models import Topic
from tests.factories import (
    DECISION_30_TEXTS,
    conference_with_decisions,
    conference_with_declaration,
    published_in_both_languages,
)


def _parse(client, url: str):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def test_declarations_feed_lists_published_declarations_newest_first(client, seeded):
    conference_with_declaration(20)
    conference_with_declaration(21, status="draft")
    feed = _parse(client, "/feeds/declarations.atom")
    assert feed.version == "atom10"
    assert [entry.title for entry in feed.entries] == [
        "Declaration of the XX Regional Conference on Migration (English)",
        "Declaration of the XVII Regional Conference on Migration (English)",
    ]
    assert feed.entries[1].link == "http://testserver/conferences/17/declaration/"
    assert feed.entries[1].published_parsed is not None


def test_decision_feed_follows_the_filters(client, seeded):
    conference_with_declaration(20, status="draft")
    Topic.objects.get(slug="meetings").decisions.add(*conference_with_declaration(21).conference.decisions.all()[:1])
    feed = _parse(client, "/feeds/decisions.atom?topic=meetings")
    assert [entry.title for entry in feed.entries] == [
        "Decision RCM XXI/1",
        "Decision RCM XVII/10",
        "Decision RCM XVII/11",
        "Decision RCM XVII/12",
    ]
    assert feed.feed.title == "RCM decisions: topic Meetings of the RCM"
    assert feed.feed.link == "http://testserver/decisions/?topic=meetings"
    # Its own address keeps the filters: subscribed to, it is this feed, not the feed of every decision.
    assert [link.href for link in feed.feed.links if link.rel == "self"] == [
        "http://testserver/feeds/decisions.atom?topic=meetings"
    ]
    assert feed.entries[1].link == "http://testserver/conferences/17/decisions/10/"


def test_decision_feed_gives_each_decision_in_the_language_it_is_asked_in(client, seeded, publisher):
    published_in_both_languages(client, publisher)
    for language, text in DECISION_30_TEXTS.items():
        entry = _parse(client, f"/feeds/decisions.atom?conference_from=30&lang={language}").entries[0]
        assert entry.summary == text


def test_decision_feed_is_titled_with_the_filters_as_the_form_shows_them(client, seeded):
    feed = _parse(client, "/feeds/decisions.atom?state=PA&role=mandated&year_from=2012&lang=es")
    assert feed.feed.title == "Decisiones de la CRM: desde el año 2012, estado Panamá, nombrado como Con encomienda"


def test_decision_feed_never_carries_drafts(client, seeded):
    conference_with_declaration(20, status="draft")
    titles = [entry.title for entry in _parse(client, "/feeds/decisions.atom").entries]
    assert len(titles) == 12 and not [title for title in titles if "XX/" in title]


def test_decision_feed_refuses_a_malformed_filter(client, seeded):
    assert client.get("/feeds/decisions.atom?year_from=never").status_code == 400


def test_pages_offer_their_feeds(client, seeded):
    assert b'type="application/atom+xml"' in client.get("/decisions/").content


MARKUP = "<script>alert(1)</script><img src=x onerror=alert(1)>"
# Atom's text constructs: each is text unless its type says html or xhtml (RFC 4287, 3.1).
TEXT_CONSTRUCTS = ("title", "subtitle", "summary", "content", "rights")
ATOM = "{http://www.w3.org/2005/Atom}"
ATOM_ELEMENTS = {"feed", "entry", "id", "link", "updated", "published", "author", "name", *TEXT_CONSTRUCTS}


def _assert_text_only(content: bytes) -> list[str]:
    """Every text construct of the feed is plain text, and no element came from the texts; the texts it holds."""
    root = etree.fromstring(content)
    assert {element.tag.removeprefix(ATOM) for element in root.iter()} <= ATOM_ELEMENTS
    texts = []
    for name in TEXT_CONSTRUCTS:
        for element in root.iter(ATOM + name):
            assert element.get("type", "text") == "text", f"<{name}> carries {element.get('type')}"
            assert len(element) == 0
            texts.append(element.text or "")
    return texts


@pytest.mark.parametrize(
    "url",
    ["/feeds/declarations.atom", "/feeds/decisions.atom", f"/feeds/decisions.atom?q={quote(MARKUP)}"],
    ids=["declarations", "decisions", "decisions-searched-for-markup"],
)
def test_feeds_carry_markup_from_the_texts_as_text(client, seeded, url):
    conference = {"number": 20, "kind": "ordinary", "theme": MARKUP, "start_date": "2020-06-20"}
    conference_with_decisions(20, [MARKUP], title=MARKUP, conference=conference)
    response = client.get(url)
    assert response.status_code == 200
    assert [text for text in _assert_text_only(response.content) if MARKUP in text]
    # A feed reader gets the markup as the words it is, not as HTML to render (or to strip).
    feed = feedparser.parse(response.content)
    fields = [
        feed.feed.title_detail,
        *(d for e in feed.entries for d in (e.title_detail, e.get("summary_detail")) if d),
    ]
    assert {field.type for field in fields} == {"text/plain"}
    assert [field for field in fields if MARKUP in field.value]
