"""No dead ends: each role lands where it can work after signing in; a refusal (403) and an address with
nothing at it (404) say why in words and offer the way on; a published text's staff screens offer an
editor nothing to save, say why and who can, and a save posted all the same is refused, changes nothing
and shows back what was typed."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from decisions.models import Decision, Link
from declarations.models import Conference, Declaration

PUBLISHED = "is published: only a publisher may change it"


def _xvii() -> Conference:
    return Conference.objects.get(kind="ordinary", number=17)


def _declaration() -> Declaration:
    return Declaration.objects.get(conference=_xvii())


def _decision(number: int = 4) -> Decision:
    return Decision.objects.get(conference=_xvii(), number=number)


def _sign_in(client, user, next_url: str = ""):
    data = {"username": user.username, "password": f"unused-in-tests-{user.username}"}
    return client.post(f"/accounts/login/{next_url}", data)


class _Controls(HTMLParser):
    """The form controls and links of a page's <main>: what it offers its reader."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.depth = 0
        self.enabled: list[str] = []  # fields that take input
        self.buttons: list[str] = []
        self._in_button = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        if tag == "main":
            self.depth += 1
        if not self.depth:
            return
        taking_input = tag in ("input", "textarea", "select") and attributes.get("type") != "hidden"
        if taking_input and "disabled" not in attributes:
            self.enabled.append(attributes.get("name", tag))
        if tag == "button":
            self.buttons.append("")
            self._in_button = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self.depth -= 1
        if tag == "button":
            self._in_button = False

    def handle_data(self, data: str) -> None:
        if self._in_button:
            self.buttons[-1] += data.strip()


# Landing after signing in -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "landing"),
    [("editor", "/staff/"), ("publisher", "/staff/"), ("delegate", "/circulated/"), ("reader", "/")],
)
def test_each_role_lands_where_it_can_work(client, seeded, request, role, landing):
    response = _sign_in(client, request.getfixturevalue(role))
    assert response.status_code == 302
    assert response["Location"] == landing
    assert client.get(landing).status_code == 200


def test_a_safe_next_still_wins(client, seeded, delegate):
    assert _sign_in(client, delegate, "?next=/conferences/17/")["Location"] == "/conferences/17/"


def test_an_unsafe_next_is_ignored(client, seeded, delegate):
    assert _sign_in(client, delegate, "?next=https://example.org/")["Location"] == "/circulated/"


@pytest.fixture
def circulated(seeded) -> Declaration:
    """XVII's English text, circulated again: a draft the delegates read."""
    declaration = _declaration()
    Declaration.objects.filter(pk=declaration.pk).update(status=Declaration.Status.CIRCULATED)
    return declaration


def test_delegates_find_what_was_circulated_to_them(client, circulated, delegate):
    client.force_login(delegate)
    content = client.get("/circulated/").content.decode()
    assert "Declaration of the XVII Regional Conference on Migration" in content
    assert f'href="{circulated.get_absolute_url()}"' in content
    assert 'href="/circulated/">Circulated drafts</a>' in content  # in the header, on every page


def test_the_public_is_told_to_sign_in_and_shown_no_text(client, circulated):
    content = client.get("/circulated/").content.decode()
    assert "XVII" not in content
    assert 'href="/accounts/login/?next=/circulated/"' in content


# 403 and 404 --------------------------------------------------------------------------------------


def test_a_delegate_at_the_staff_pages_is_told_why_and_where_to_go(client, seeded, delegate):
    client.force_login(delegate)
    response = client.get("/staff/")
    content = response.content.decode()
    assert response.status_code == 403
    assert 'class="site-header"' in content
    assert "Your account (delegate) may read the drafts circulated to delegates, but not edit them" in content
    assert 'href="/circulated/">The drafts circulated to you</a>' in content
    # Signing in as another user signs out first: signed in, the sign-in page would send them back here.
    assert 'action="/accounts/logout/"' in content
    assert 'name="next" value="/accounts/login/?next=%2Fstaff%2F"' in content


def test_the_refusal_is_in_spanish_for_a_spanish_reader(client, seeded, delegate):
    client.force_login(delegate)
    content = client.get("/staff/?lang=es").content.decode()
    assert 'class="site-header"' in content
    assert "Su cuenta (delegado) puede leer los borradores circulados" in content
    assert "Cómo seguir" in content


def test_a_form_from_before_signing_in_again_is_refused_with_its_words_shown_back(seeded, editor):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post(reverse("staff_state_new"), {"code": "XX", "name_en": "Ruritania", "revision": 1})
    content = response.content.decode()
    assert response.status_code == 403
    assert 'class="site-header"' in content
    assert "was opened before you last signed in" in content
    assert '<pre class="typed">Ruritania</pre>' in content


def test_an_editor_is_told_only_a_publisher_publishes(client, seeded, editor):
    client.force_login(editor)
    response = client.get(reverse("staff_declaration_unpublish", args=[_declaration().pk]))
    assert response.status_code == 403
    assert "only a publisher may publish, unpublish or correct a published text" in response.content.decode()
    assert 'href="/staff/">The staff dashboard</a>' in response.content.decode()


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ["Not found", "Where to go on", "sign in</a> to read it"]),
        ("es", ["No encontrada", "Cómo seguir", "inicie sesión</a> para leerlo"]),
    ],
)
def test_not_found_says_where_to_go(client, seeded, language, words):
    response = client.get(f"/conferences/99/?lang={language}")
    content = response.content.decode()
    assert response.status_code == 404
    assert 'class="site-header"' in content
    assert 'href="/accounts/login/?next=%2Fconferences%2F99%2F"' in content
    for word in words:
        assert word in content


def test_not_found_answers_with_the_database_down(client, database_down):
    client.raise_request_exception = False
    with database_down():
        response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert 'class="site-header"' in response.content.decode()


# A published text's staff screens, for an editor ---------------------------------------------------


def _locked_screens() -> dict[str, str]:
    decision = _decision()
    return {
        "conference": reverse("staff_conference_edit", args=[_xvii().pk]),
        "declaration": reverse("staff_declaration_edit", args=[_declaration().pk]),
        "new decision": reverse("staff_decision_new", args=[_xvii().pk]),
        "decision": reverse("staff_decision_edit", args=[decision.pk]),
        "new link": reverse("staff_link_new", args=[decision.pk]),
        "link removal": reverse("staff_link_delete", args=[Link.objects.get(source=decision).pk]),
        "history": reverse("staff_history", args=["decision", decision.pk]),
        "restore": reverse(
            "staff_history_restore", args=["decision", decision.pk, decision.history.earliest().history_id]
        ),
    }


def test_an_editor_is_offered_nothing_to_save_and_told_why(client, seeded, editor):
    client.force_login(editor)
    for screen, url in _locked_screens().items():
        content = client.get(url).content.decode()
        controls = _Controls(content)
        assert not controls.enabled, (screen, controls.enabled)
        assert not controls.buttons, (screen, controls.buttons)
        assert "Read only:" in content and PUBLISHED in content, screen
        offers = re.findall(r">(New decision[^<]*|Remove|Restore this version)</a>", content)
        assert not offers, (screen, offers)


def test_the_reason_is_in_spanish_for_a_spanish_editor(client, seeded, editor):
    client.force_login(editor)
    content = client.get(reverse("staff_decision_edit", args=[_decision().pk]) + "?lang=es").content.decode()
    assert "Solo lectura:" in content and "solo quien publica puede modificarlo" in content


def test_a_stale_save_is_refused_changes_nothing_and_shows_what_was_typed(client, seeded, editor):
    decision = _decision()
    client.force_login(editor)
    typed = "Approve the proposal, as the editor typed it on a page opened before publication."
    response = client.post(
        reverse("staff_decision_edit", args=[decision.pk]),
        {"number": 4, "text_en": typed, "revision": decision.revision, "outcome": decision.outcome_id},
    )
    content = response.content.decode()
    assert response.status_code == 403
    assert "Nothing was saved." in content and PUBLISHED in content
    assert f'<pre class="typed">{typed}</pre>' in content
    assert f'href="{reverse("staff_decision_edit", args=[decision.pk])}">Open the page again' in content
    assert Decision.objects.get(pk=decision.pk).text_en == decision.text_en


def test_every_locked_screen_refuses_a_forged_save(client, seeded, editor):
    client.force_login(editor)
    links, declaration = Link.objects.count(), _declaration()
    for screen, url in _locked_screens().items():
        if screen == "history":
            continue  # it has no form
        response = client.post(url, {"revision": 1})
        assert response.status_code == 403, screen
        assert PUBLISHED in response.content.decode(), screen
    assert Link.objects.count() == links
    assert Declaration.objects.get(pk=declaration.pk).revision == declaration.revision


# Publishers ---------------------------------------------------------------------------------------


def test_a_publisher_may_still_correct_a_published_text(client, seeded, publisher):
    decision = _decision()
    client.force_login(publisher)
    url = reverse("staff_decision_edit", args=[decision.pk])
    content = client.get(url).content.decode()
    assert "Read only:" not in content
    assert "Save" in _Controls(content).buttons
    response = client.post(
        url,
        {
            "number": 4,
            "text_en": "Approve the corrected proposal.",
            "revision": decision.revision,
            "outcome": decision.outcome_id,
        },
    )
    assert response.status_code == 302
    assert Decision.objects.get(pk=decision.pk).text_en == "Approve the corrected proposal."
    assert Declaration.objects.get(pk=_declaration().pk).corrected_at is not None


def test_once_a_publisher_unpublishes_it_the_editor_may_edit_it(client, seeded, publisher, editor):
    declaration = _declaration()
    client.force_login(publisher)
    response = client.post(
        reverse("staff_declaration_unpublish", args=[declaration.pk]),
        {"revision": declaration.revision, "reason": "A paragraph is missing."},
    )
    assert response.status_code == 302
    client.force_login(editor)
    content = client.get(reverse("staff_declaration_edit", args=[declaration.pk])).content.decode()
    assert "Read only:" not in content
    assert "Save" in _Controls(content).buttons
