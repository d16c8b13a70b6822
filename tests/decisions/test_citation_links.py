"""Citations written inside a text are links to the decisions they cite, for readers who may see them."""

import lxml.html
import pytest
from django.core.cache import cache

from tests.factories import conference_with_decisions


@pytest.fixture(autouse=True)
def _no_cached_pages():
    # The anonymous page cache would hand a page rendered before the texts changed.
    cache.clear()


def _links(content: bytes, text: str) -> list[tuple[str, str]]:
    """The links inside the paragraph of a page that holds `text`: (their words, where they go)."""
    page = lxml.html.fromstring(content)
    paragraph = next(p for p in page.iter("p") if text in p.text_content())
    return [(a.text_content(), a.get("href")) for a in paragraph.iter("a")]


def test_a_citation_of_a_published_decision_is_a_link(client, seeded):
    text = "Follow up on XVII/5 and on decision 4 of the XVII Conference."
    citing = conference_with_decisions(30, [text])
    content = client.get(citing.get_absolute_url()).content
    assert _links(content, "Follow up on") == [
        ("XVII/5", "/conferences/17/decisions/5/"),
        ("decision 4 of the XVII Conference", "/conferences/17/decisions/4/"),
    ]


def test_the_decisions_own_page_links_it_too(client, seeded):
    citing = conference_with_decisions(30, ["Renew RCM XVII/8 for a year."])
    decision = citing.outcome.decisions.get()
    assert _links(client.get(decision.get_absolute_url()).content, "Renew") == [
        ("RCM XVII/8", "/conferences/17/decisions/8/")
    ]


def test_no_link_to_a_draft_for_anonymous_but_one_for_the_secretariat(client, seeded, editor):
    conference_with_decisions(31, ["Draft decision (test data)."], status="draft")
    citing = conference_with_decisions(32, ["Follow up on RCM XXXI/1 and on RCM XC/9."])
    content = client.get(citing.get_absolute_url()).content
    assert _links(content, "Follow up on") == []
    assert "/conferences/31/" not in content.decode()
    client.force_login(editor)
    content = client.get(citing.get_absolute_url()).content
    assert _links(content, "Follow up on") == [("RCM XXXI/1", "/conferences/31/decisions/1/")]


def test_markup_in_the_text_stays_escaped(client, seeded):
    citing = conference_with_decisions(30, ['Follow <b>up</b> on XVII/5 <a href="/x">here</a>.'])
    content = client.get(citing.get_absolute_url()).content.decode()
    assert 'Follow &lt;b&gt;up&lt;/b&gt; on <a href="/conferences/17/decisions/5/">XVII/5</a> &lt;a href=' in content
