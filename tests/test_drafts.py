"""Nothing of a draft shows on any public page, to the public or to a signed-in reader."""

import pytest

from decisions.models import Decision, Link
from tests.factories import conference_with_declaration

PUBLIC_PAGES = [
    "/",
    "/conferences/",
    "/conferences/17/",
    "/conferences/17/declaration/",
    "/conferences/17/declaration.json",
    "/conferences/17/decisions/2/",
    "/conferences/17/decisions/3/",
    "/conferences/20/",
    "/states/PA/",
    "/organizations/UNHCR/",
    "/bodies/technical-secretariat/",
    "/documents/santa-fe-document/",
    "/documents/untoc/",
]


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
    content = client.get(url).content.decode()
    assert "Decide item" not in content
    assert "RCM XX/" not in content
    assert "/conferences/20/decisions/" not in content
    assert "/conferences/20/declaration" not in content


def test_the_secretariat_sees_the_draft_everywhere_it_is_linked(client, secretariat_user, draft):
    client.force_login(secretariat_user)
    assert "RCM XX/1" in client.get("/conferences/17/decisions/2/").content.decode()
    assert "RCM XX/2" in client.get("/conferences/17/decisions/3/").content.decode()
    assert "Decide item 1 of conference 20" in client.get("/states/PA/").content.decode()
