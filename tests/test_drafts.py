"""Nothing of a draft shows on any public page, to the public or to a signed-in reader."""

import pytest

from decisions.models import Decision, Link
from tests.factories import conference_with_declaration

# Each public page that a draft XX could show through, with what it shows of the published XVII: the
# page must answer with that, and with nothing of the draft (tests/test_canary.py crawls every URL).
PUBLIC_PAGES = {
    "/": 'href="/conferences/17/declaration/"',
    "/conferences/": "XVII Regional Conference on Migration",
    "/conferences/17/": "RCM XVII/12",
    "/conferences/17/declaration/": "RCM XVII/12",
    "/conferences/17/declaration.json": '"citation": "RCM XVII/12"',
    "/conferences/17/decisions/2/": "Decision RCM XVII/2",
    "/conferences/17/decisions/3/": "Decision RCM XVII/3",
    "/conferences/20/": "No decisions of this conference are published yet",
    "/states/PA/": "RCM XVII/5",
    "/organizations/UNHCR/": "RCM XVII/9",
    "/bodies/technical-secretariat/": "RCM XVII/8",
    "/documents/santa-fe-document/": "RCM XVII/4",
    "/documents/untoc/": "XVII Regional Conference on Migration, paragraph",
}


@pytest.fixture
def draft(seeded):
    """A draft XX conference whose decisions name seeded records and link to and from the XVII's."""
    conference_with_declaration(20, decisions=2, status="draft")
    xvii_2, xvii_3 = Decision.objects.filter(conference__number=17, number__in=[2, 3]).order_by("number")
    xx_1, xx_2 = Decision.objects.filter(conference__number=20).order_by("number")
    Link.objects.create(source=xx_1, kind="follows_up_on", target_decision=xvii_2)
    Link.objects.create(source=xvii_3, kind="recalls", target_decision=xx_2)


@pytest.mark.parametrize("url", PUBLIC_PAGES)
@pytest.mark.parametrize("signed_in", [False, True], ids=["public", "reader"])
def test_no_page_shows_a_draft(client, reader, draft, url, signed_in):
    if signed_in:
        client.force_login(reader)
    response = client.get(url)
    content = response.content.decode()
    assert response.status_code == 200
    assert PUBLIC_PAGES[url] in content
    assert "Decide item" not in content
    assert "RCM XX/" not in content
    assert "/conferences/20/decisions/" not in content
    assert "/conferences/20/declaration" not in content


def test_the_secretariat_sees_the_draft_everywhere_it_is_linked(client, secretariat_user, draft):
    client.force_login(secretariat_user)
    assert "RCM XX/1" in client.get("/conferences/17/decisions/2/").content.decode()
    assert "RCM XX/2" in client.get("/conferences/17/decisions/3/").content.decode()
    assert "Decide item 1 of conference 20" in client.get("/states/PA/").content.decode()
