"""Every staff URL: anonymous users are sent to sign in, accounts without the role get 403."""

import pytest
from django.urls import reverse

from decisions.models import Decision, Link
from declarations.models import Conference, Declaration
from rcm.models import Body, Country, Organization


def _staff_urls() -> dict[str, str]:
    """Every URL under /staff/, with real records of the seed in it."""
    conference = Conference.objects.get(kind="ordinary", number=17)
    declaration = Declaration.objects.get(conference=conference)
    decision = Decision.objects.get(conference=conference, number=4)
    link = Link.objects.get(source=decision)
    history_id = decision.history.earliest().history_id
    mandate = Decision.objects.get(conference=conference, number=5).mandates.get()
    urls = {
        "dashboard": reverse("staff_dashboard"),
        "conferences": reverse("staff_conference_list"),
        "conference new": reverse("staff_conference_new"),
        "conference edit": reverse("staff_conference_edit", args=[conference.pk]),
        "declaration new": reverse("staff_declaration_new", args=[conference.pk]),
        "decision new": reverse("staff_decision_new", args=[conference.pk]),
        "declaration edit": reverse("staff_declaration_edit", args=[declaration.pk]),
        "decision edit": reverse("staff_decision_edit", args=[decision.pk]),
        "link new": reverse("staff_link_new", args=[decision.pk]),
        "link delete": reverse("staff_link_delete", args=[link.pk]),
        "history": reverse("staff_history", args=["decision", decision.pk]),
        "history restore": reverse("staff_history_restore", args=["decision", decision.pk, history_id]),
        "follow-up": reverse("staff_followup"),
        "responsible": reverse("staff_responsible", args=["body", mandate.body_id]),
        "decision follow-up": reverse("staff_decision_followup", args=[decision.pk]),
        "mandate edit": reverse("staff_mandate_edit", args=[mandate.pk]),
        "import": reverse("staff_import"),
    }
    for kind, record in (
        ("state", Country.objects.get(code="PA")),
        ("organization", Organization.objects.get(acronym="IOM")),
        ("body", Body.objects.get(slug="rcgm")),
    ):
        urls[f"{kind} list"] = reverse(f"staff_{kind}_list")
        urls[f"{kind} new"] = reverse(f"staff_{kind}_new")
        urls[f"{kind} edit"] = reverse(f"staff_{kind}_edit", args=[record.pk])
    return urls


def _publisher_urls() -> dict[str, str]:
    declaration = Declaration.objects.get(conference__number=17)
    return {
        "publish": reverse("staff_declaration_publish", args=[declaration.pk]),
        "unpublish": reverse("staff_declaration_unpublish", args=[declaration.pk]),
        "circulate": reverse("staff_declaration_circulate", args=[declaration.pk]),
    }


STAFF_URL_NAMES = [
    "dashboard", "conferences", "conference new", "conference edit", "declaration new", "decision new",
    "declaration edit", "decision edit", "link new", "link delete", "history", "history restore",
    "state list", "state new", "state edit", "organization list", "organization new", "organization edit",
    "body list", "body new", "body edit", "follow-up", "responsible", "decision follow-up", "mandate edit",
    "import",
]  # fmt: skip


def test_the_list_covers_every_staff_url(seeded):
    from rcm.staff_urls import urlpatterns

    assert len(STAFF_URL_NAMES) + len(_publisher_urls()) == len(urlpatterns)


@pytest.mark.parametrize("name", [*STAFF_URL_NAMES, "publish", "unpublish", "circulate"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_users_are_sent_to_sign_in(client, seeded, name, method):
    url = {**_staff_urls(), **_publisher_urls()}[name]
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response["Location"].startswith(f"/accounts/login/?next={url}")


@pytest.mark.parametrize("name", [*STAFF_URL_NAMES, "publish", "unpublish", "circulate"])
@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("role", ["delegate", "reader"])
def test_delegates_and_readers_are_refused(client, seeded, request, name, method, role):
    client.force_login(request.getfixturevalue(role))
    url = {**_staff_urls(), **_publisher_urls()}[name]
    assert getattr(client, method)(url).status_code == 403


@pytest.mark.parametrize("name", STAFF_URL_NAMES)
def test_editors_may_open_every_staff_page(client, seeded, editor, name):
    client.force_login(editor)
    assert client.get(_staff_urls()[name]).status_code == 200


@pytest.mark.parametrize("name", ["publish", "unpublish"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_only_publishers_publish_and_unpublish(client, seeded, editor, name, method):
    client.force_login(editor)
    assert getattr(client, method)(_publisher_urls()[name]).status_code == 403


def test_editors_cannot_change_a_published_text(client, seeded, editor):
    client.force_login(editor)
    urls = _staff_urls()
    for name in ["declaration edit", "decision edit", "link new", "link delete", "history restore"]:
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
    response = client.post(_staff_urls()["state new"], {"code": "XX", "name_en": "X", "name_es": "X", "revision": 1})
    assert response.status_code == 403
    assert not Country.objects.filter(code="XX").exists()
