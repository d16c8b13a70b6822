import lxml.html
from django.contrib.auth.models import User
from django.test import Client

from decisions.models import Decision, Topic
from declarations.models import Declaration
from rcm.base.models import Country


def test_it_is_for_superusers_only(client, secretariat_user):
    client.force_login(secretariat_user)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_it_works_for_a_superuser(client, seeded):
    client.force_login(User.objects.create_superuser("root", password="unused-in-tests-3"))
    assert client.get("/admin/decisions/decision/").status_code == 200
    assert client.get("/admin/declarations/conference/").status_code == 200
    assert b"Migrant children and unaccompanied minors" in client.get("/admin/decisions/topic/").content


def test_anonymous_users_are_sent_to_login(client, db):
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def _superuser_client(client):
    client.force_login(User.objects.create_superuser("root", password="unused-in-tests-3"))
    return client


def _admin_form(client, url: str, **changes) -> dict:
    page = lxml.html.fromstring(client.get(url).content)
    form = next(form for form in page.forms if form.get("id", "").endswith("_form"))
    data: dict[str, list[str]] = {}
    for name, value in form.form_values():
        data.setdefault(name, []).append(value)
    return {**data, **{name: [value] for name, value in changes.items()}}


def test_a_save_on_a_stale_admin_page_is_refused(client, seeded, editor):
    """The admin checks the revision as the staff screens do: an edit saved meanwhile is not overwritten."""
    _superuser_client(client)
    panama = Country.objects.get(code="PA")
    url = f"/admin/rcm/country/{panama.pk}/change/"
    stale = _admin_form(client, url, name_es="Panamá (admin)")
    editor_client = Client()
    editor_client.force_login(editor)
    editor_client.post(
        f"/staff/states/{panama.pk}/",
        {
            "code": "PA",
            "name_en": "Panama",
            "name_es": "Panamá (staff)",
            "is_member": "on",
            "revision": panama.revision,
        },
    )
    response = client.post(url, stale)
    assert "Someone saved this record after you opened this page" in response.content.decode()
    assert Country.objects.get(code="PA").name_es == "Panamá (staff)"


def test_an_admin_save_bumps_the_revision_so_stale_staff_forms_are_refused(client, seeded):
    _superuser_client(client)
    panama = Country.objects.get(code="PA")
    url = f"/admin/rcm/country/{panama.pk}/change/"
    client.post(url, _admin_form(client, url, name_es="Panamá (admin)"))
    assert Country.objects.get(code="PA").revision == panama.revision + 1


def test_the_admin_chooses_topics_but_cannot_change_a_decision_s_text(client, seeded):
    _superuser_client(client)
    decision = Decision.objects.get(conference__number=17, number=4)
    topic = Topic.objects.get(slug="migrant-children")
    url = f"/admin/decisions/decision/{decision.pk}/change/"
    data = _admin_form(client, url, text_en="Changed in the admin.")
    data["topics"] = [str(topic.pk)]
    client.post(url, data)
    decision.refresh_from_db()
    assert decision.text_en.startswith("Approve the proposal from the United States")
    assert list(decision.topics.all()) == [topic]
    assert decision.conference.declarations.get().corrected_at is None


def test_texts_are_read_only_in_the_admin(client, seeded):
    _superuser_client(client)
    declaration = Declaration.objects.get(conference__number=17)
    response = client.post(f"/admin/declarations/declaration/{declaration.pk}/change/", {"title": "CHANGED"})
    assert response.status_code == 403
    assert Declaration.objects.get(pk=declaration.pk).title == declaration.title
