"""A decision's page shows its whole chain of links, both ways, through published decisions only."""

import re

from decisions.models import Decision, Link
from tests.factories import conference_with_declaration


def _decision(conference: int, number: int) -> Decision:
    return Decision.objects.get(conference__kind="ordinary", conference__number=conference, number=number)


def _link(source: tuple[int, int], kind: str, target: tuple[int, int]) -> None:
    Link.objects.create(source=_decision(*source), kind=kind, target_decision=_decision(*target))


def _chain(client, url: str) -> list[str]:
    return [
        f"{link.source.citation} {link.kind} {link.target_decision.citation}"
        for link in client.get(url).context["chain"]
    ]


def test_it_follows_the_chain_both_ways(client, seeded):
    for number in (18, 19, 20):
        conference_with_declaration(number)
    _link((18, 1), "renews", (17, 2))
    _link((19, 3), "follows_up_on", (18, 1))
    _link((20, 1), "supersedes", (19, 3))
    _link((20, 2), "refers_to", (17, 2))  # a citation, not part of the chain
    expected = [
        "RCM XVIII/1 renews RCM XVII/2",
        "RCM XIX/3 follows_up_on RCM XVIII/1",
        "RCM XX/1 supersedes RCM XIX/3",
    ]
    assert _chain(client, "/conferences/17/decisions/2/") == expected
    assert _chain(client, "/conferences/20/decisions/1/") == expected
    content = client.get("/conferences/19/decisions/3/").content.decode()
    assert "Its chain of decisions" in content and 'href="/conferences/17/decisions/2/"' in content
    # Oldest first, as it says: each link from the earlier decision to the later, the list from the oldest.
    chain = content.split('class="chain"')[1].split("</ol>")[0]
    citations = re.findall(r"RCM (XVII|XVIII|XIX|XX)/\d", chain)
    assert citations == ["XVII", "XVIII", "XVIII", "XIX", "XIX", "XX"]
    assert "oldest first" in content and "renewed by" in chain
    # Shown once, in the page: not in its <title> or its description.
    assert content.count("Its chain of decisions") == 1
    assert "<title>Decision RCM XIX/3 · " in content


def test_it_never_passes_through_a_draft(client, seeded):
    conference_with_declaration(18, status="draft")
    conference_with_declaration(19)
    _link((18, 1), "follows_up_on", (17, 2))
    _link((19, 1), "follows_up_on", (18, 1))
    assert _chain(client, "/conferences/17/decisions/2/") == []
    assert b"Its chain of decisions" not in client.get("/conferences/19/decisions/1/").content


def test_it_stops_at_a_cycle(client, seeded):
    conference_with_declaration(18)
    _link((18, 1), "follows_up_on", (17, 2))
    _link((17, 2), "amends", (18, 1))
    assert len(_chain(client, "/conferences/17/decisions/2/")) == 2
