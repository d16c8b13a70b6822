"""Every staff URL: anonymous users are sent to sign in, accounts without the role get 403."""

import re
from collections.abc import Callable

import pytest
from django.urls import reverse

from decisions.models import Decision, Link
from declarations.models import Conference, Declaration
from followup.models import Mandate
from rcm.base.models import Body, Country, Organization


def _xvii() -> Conference:
    return Conference.objects.get(kind="ordinary", number=17)


def _decision(number: int) -> Decision:
    return Decision.objects.get(conference=_xvii(), number=number)


def _declaration() -> Declaration:
    return Declaration.objects.get(conference=_xvii())


def _mandate_of_5():
    return Mandate.objects.get(mention__decision=_decision(5))


# The arguments of each URL under /staff/, by its URL name, from real records of the seed: a case of the
# matrix looks up only those of its own URL.
STAFF_URL_ARGUMENTS: dict[str, Callable[[], list]] = {
    "staff_dashboard": list,
    "staff_conference_list": list,
    "staff_conference_new": list,
    "staff_conference_edit": lambda: [_xvii().pk],
    "staff_declaration_new": lambda: [_xvii().pk],
    "staff_decision_new": lambda: [_xvii().pk],
    "staff_declaration_edit": lambda: [_declaration().pk],
    "staff_decision_edit": lambda: [_decision(4).pk],
    "staff_link_new": lambda: [_decision(4).pk],
    "staff_link_delete": lambda: [Link.objects.get(source=_decision(4)).pk],
    "staff_history": lambda: ["decision", _decision(4).pk],
    "staff_history_restore": lambda: ["decision", _decision(4).pk, _decision(4).history.earliest().history_id],
    "staff_followup": list,
    "staff_responsible": lambda: ["body", _mandate_of_5().actor.pk],
    "staff_decision_followup": lambda: [_decision(4).pk],
    "staff_mandate_edit": lambda: [_mandate_of_5().pk],
    "staff_import": list,
    "staff_state_list": list,
    "staff_state_new": list,
    "staff_state_edit": lambda: [Country.objects.get(code="PA").pk],
    "staff_organization_list": list,
    "staff_organization_new": list,
    "staff_organization_edit": lambda: [Organization.objects.get(acronym="IOM").pk],
    "staff_body_list": list,
    "staff_body_new": list,
    "staff_body_edit": lambda: [Body.objects.get(slug="rcgm").pk],
    "staff_declaration_publish": lambda: [_declaration().pk],
    "staff_declaration_unpublish": lambda: [_declaration().pk],
    "staff_declaration_circulate": lambda: [_declaration().pk],
    "staff_translations": list,
    "staff_translation_edit": lambda: [_declaration().outcome_id, "es"],
    "staff_translation_name": lambda: ["meeting", _xvii().pk],
}


def _url(name: str) -> str:
    return reverse(name, args=STAFF_URL_ARGUMENTS[name]())


def _staff_urls() -> dict[str, str]:
    """Every URL under /staff/ but the publisher's, by its URL name."""
    return {name: _url(name) for name in STAFF_URL_NAMES}


# What each staff page's heading says, for an editor, on the seed: the page is the one asked for.
STAFF_PAGE_HEADINGS = {
    "staff_dashboard": "Dashboard",
    "staff_conference_list": "Meetings",
    "staff_conference_new": "New meeting",
    "staff_conference_edit": "XVII Regional Conference on Migration",
    "staff_declaration_new": "New text of the XVII Regional Conference on Migration",
    "staff_decision_new": "New decision of the XVII Regional Conference on Migration",
    "staff_declaration_edit": "Declaration",
    "staff_decision_edit": "Decision RCM XVII/4",
    "staff_link_new": "Add a link from RCM XVII/4",
    "staff_link_delete": "Remove this link?",
    "staff_history": "History of RCM XVII/4",
    "staff_history_restore": "Restore the version of",
    "staff_followup": "Follow-up",
    "staff_responsible": "Ad Hoc Working Group on the Irregular Movement of Cuban Nationals",
    "staff_decision_followup": "Follow-up of RCM XVII/4",
    "staff_mandate_edit": "Mandate of RCM XVII/5",
    "staff_import": "Import a document",
    "staff_state_list": "States",
    "staff_state_new": "New",
    "staff_state_edit": "Panama",
    "staff_organization_list": "Organizations",
    "staff_organization_new": "New",
    "staff_organization_edit": "IOM",
    "staff_body_list": "RCM bodies",
    "staff_body_new": "New",
    "staff_body_edit": "Regional Consultation Group on Migration",
    "staff_translations": "Translations",
    "staff_translation_edit": "Declaration of the XVII Regional Conference on Migration in Spanish",
    "staff_translation_name": "XVII Regional Conference on Migration",
}
STAFF_URL_NAMES = list(STAFF_PAGE_HEADINGS)
PUBLISHER_URL_NAMES = ["staff_declaration_publish", "staff_declaration_unpublish", "staff_declaration_circulate"]


def test_the_matrix_names_every_staff_url():
    from rcm.staff_urls import urlpatterns

    assert {pattern.name for pattern in urlpatterns} == {*STAFF_URL_NAMES, *PUBLISHER_URL_NAMES}
    assert set(STAFF_URL_ARGUMENTS) == {*STAFF_URL_NAMES, *PUBLISHER_URL_NAMES}


@pytest.mark.parametrize("name", [*STAFF_URL_NAMES, *PUBLISHER_URL_NAMES])
@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_users_are_sent_to_sign_in(client, seeded, name, method):
    url = _url(name)
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response["Location"].startswith(f"/accounts/login/?next={url}")


@pytest.mark.parametrize("name", [*STAFF_URL_NAMES, *PUBLISHER_URL_NAMES])
@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("role", ["delegate", "reader"])
def test_delegates_and_readers_are_refused(client, seeded, request, name, method, role):
    client.force_login(request.getfixturevalue(role))
    assert getattr(client, method)(_url(name)).status_code == 403


@pytest.mark.parametrize("name", STAFF_URL_NAMES)
def test_editors_may_open_every_staff_page(client, seeded, editor, name):
    client.force_login(editor)
    response = client.get(_url(name))
    assert response.status_code == 200
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", response.content.decode(), re.S)[1]
    assert STAFF_PAGE_HEADINGS[name] in heading


@pytest.mark.parametrize("name", ["staff_declaration_publish", "staff_declaration_unpublish"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_only_publishers_publish_and_unpublish(client, seeded, editor, name, method):
    client.force_login(editor)
    assert getattr(client, method)(_url(name)).status_code == 403


def test_editors_cannot_change_a_published_text(client, seeded, editor):
    client.force_login(editor)
    urls = _staff_urls()
    for name in [
        "staff_conference_edit", "staff_declaration_edit", "staff_decision_new", "staff_decision_edit",
        "staff_link_new", "staff_link_delete", "staff_history_restore",
    ]:  # fmt: skip
        assert client.post(urls[name]).status_code == 403, name


def test_every_form_carries_a_csrf_token(client, seeded, publisher):
    client.force_login(publisher)
    for name, url in _staff_urls().items():
        content = client.get(url).content.decode()
        if '<form method="post"' in content:
            assert content.count('name="csrfmiddlewaretoken"') >= content.count('<form method="post"'), name


def test_a_post_without_the_csrf_token_is_refused(seeded, publisher):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(publisher)
    response = client.post(_url("staff_state_new"), {"code": "XX", "name_en": "X", "name_es": "X", "revision": 1})
    assert response.status_code == 403
    assert not Country.objects.filter(code="XX").exists()
