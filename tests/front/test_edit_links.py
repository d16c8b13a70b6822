"""The reading pages link to the staff screens for those whose role may edit, and for nobody else."""

import pytest
from django.urls import reverse

from decisions.models import Decision
from declarations.models import Conference

PAGES = {
    "conference": ("/conferences/17/", lambda: reverse("staff_conference_edit", args=[_xvii().pk])),
    "declaration": ("/conferences/17/declaration/", lambda: reverse("staff_declaration_edit", args=[_text().pk])),
    "decision": ("/conferences/17/decisions/2/", lambda: reverse("staff_decision_edit", args=[_decision().pk])),
}


def _xvii() -> Conference:
    return Conference.objects.get(kind="ordinary", number=17)


def _text():
    return _xvii().declarations.get()


def _decision() -> Decision:
    return Decision.objects.get(conference=_xvii(), number=2)


@pytest.mark.parametrize("page", PAGES)
def test_an_editor_is_linked_to_the_staff_screen(client, seeded, editor, page):
    path, staff_url = PAGES[page]
    client.force_login(editor)
    assert f'href="{staff_url()}"' in client.get(path).content.decode()


@pytest.mark.parametrize("page", PAGES)
def test_readers_are_not(client, seeded, reader, delegate, page):
    path, staff_url = PAGES[page]
    anonymous = client.get(path).content.decode()
    assert staff_url() not in anonymous
    for user in (reader, delegate):
        client.force_login(user)
        assert staff_url() not in client.get(path).content.decode()
        client.logout()
    assert client.get(path).content.decode() == anonymous  # the cached page, as it was
