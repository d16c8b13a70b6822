"""Atom feeds, read back with a real feed parser."""

import feedparser

from decisions.models import Topic
from tests.factories import conference_with_declaration


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
    assert feed.feed.title == "RCM decisions: topic meetings"
    assert feed.feed.link == "http://testserver/decisions/?topic=meetings"
    assert feed.entries[1].link == "http://testserver/conferences/17/decisions/10/"


def test_decision_feed_never_carries_drafts(client, seeded):
    conference_with_declaration(20, status="draft")
    titles = [entry.title for entry in _parse(client, "/feeds/decisions.atom").entries]
    assert len(titles) == 12 and not [title for title in titles if "XX/" in title]


def test_decision_feed_refuses_a_malformed_filter(client, seeded):
    assert client.get("/feeds/decisions.atom?year_from=never").status_code == 400


def test_pages_offer_their_feeds(client, seeded):
    assert b'type="application/atom+xml"' in client.get("/decisions/").content
