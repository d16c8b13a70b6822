from django.contrib.auth.models import User


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
