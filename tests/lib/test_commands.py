"""Management commands speak the language the shell asks for (rcm.lib.commands), English by default."""

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from rcm.lib.commands import command_language


@pytest.mark.parametrize(
    ("environ", "language"),
    [
        ({}, "en"),
        ({"LANG": "es_MX.UTF-8"}, "es"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "en"),
        ({"LC_MESSAGES": "es_GT", "LANG": "en_US.UTF-8"}, "es"),
        ({"LC_ALL": "en_US.UTF-8", "LC_MESSAGES": "es_GT"}, "en"),
        ({"LANGUAGE": "es_MX:en", "LANG": "en_US.UTF-8"}, "es"),
        ({"LANGUAGE": "fr:es", "LANG": "en_US.UTF-8"}, "es"),
        ({"LANGUAGE": "fr", "LANG": "es_ES.UTF-8"}, "es"),
        ({"LANGUAGE": "", "LC_ALL": "", "LANG": "es_CR.UTF-8"}, "es"),
    ],
)
def test_it_reads_the_language_as_gettext_does(environ, language):
    assert command_language(environ) == language


def _adduser_twice() -> None:
    User.objects.create_user("taken")
    call_command("adduser", "taken", "--role", "editor")


def test_a_command_speaks_english_by_default(db, monkeypatch):
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(CommandError, match="An account named 'taken' exists already"):
        _adduser_twice()


def test_a_command_speaks_spanish_when_asked(db, monkeypatch):
    """Needs the Spanish catalogue (locale/es)."""
    monkeypatch.setenv("LANGUAGE", "es")
    with pytest.raises(CommandError, match="Ya existe una cuenta llamada 'taken'"):
        _adduser_twice()


def test_the_language_does_not_outlive_the_command(db, monkeypatch):
    monkeypatch.setenv("LANGUAGE", "es")
    with pytest.raises(CommandError):
        _adduser_twice()
    assert translation.get_language() == "en"
