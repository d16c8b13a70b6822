"""The Secretariat's dashboard, reference lists and history pages, in the reader's language."""

from django.urls import reverse

from decisions.models import Decision


def _decision() -> Decision:
    return Decision.objects.get(conference__kind="ordinary", conference__number=17, number=5)


def test_the_dashboard_speaks_the_readers_language(client, seeded, editor):
    """Needs the Spanish catalogue (locale/es)."""
    client.force_login(editor)
    content = client.get(reverse("staff_dashboard"), HTTP_ACCEPT_LANGUAGE="es-MX").content.decode()
    assert "<h1>Panel</h1>" in content and "Cambios recientes" in content


def test_the_history_speaks_the_readers_language(client, seeded, editor):
    """Needs the Spanish catalogue (locale/es)."""
    client.force_login(editor)
    url = reverse("staff_history", args=["decision", _decision().pk])
    content = client.get(url, HTTP_ACCEPT_LANGUAGE="es-MX").content.decode()
    assert "Historial de" in content and "el sistema" in content


def test_the_history_is_in_english_by_default(client, seeded, editor):
    client.force_login(editor)
    content = client.get(reverse("staff_history", args=["decision", _decision().pk])).content.decode()
    assert "History of" in content and "the system" in content
