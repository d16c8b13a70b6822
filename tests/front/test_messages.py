"""The Spanish catalogue: every message of the interface translated (make lint checks the same)."""

import pytest
from django.core.management import call_command
from django.utils import translation

from declarations.models import Conference


def test_every_message_of_the_code_is_translated():
    call_command("messages", check=True)  # raises CommandError listing what is missing


@pytest.mark.django_db
def test_the_site_reads_the_compiled_catalogue():
    xvii = Conference.objects.get(number=17, kind="ordinary")
    with translation.override("es"):
        assert xvii.name == "XVII Conferencia Regional sobre Migración"
    assert xvii.name == "XVII Regional Conference on Migration"
