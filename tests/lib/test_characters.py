"""The one rule for the characters a text may hold (rcm.lib.characters), and that every text field applies it."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models

from rcm.lib.characters import forbidden_character, printable, validate_characters

# Texts that keep to a pattern of their own (a code, an acronym, a slug: a CHECK constraint or the field's
# validator), and the evidence's file name, which Django's upload parser keeps to printable characters.
OWN_PATTERN = {"Country.code", "Organization.acronym", "Body.slug", "ExternalDocument.slug", "Topic.slug"}
PRINTABLE_BY_DJANGO = {"FollowUpAction.evidence_name"}


def test_it_names_the_character_and_where_it_is():
    assert forbidden_character("Approve\x0bthe plan.") == (
        "contains a control character (U+000B) at character 8, after “Approve”; remove it"
    )
    assert forbidden_character("\x00") == "contains a control character (U+0000) at character 1; remove it"


@pytest.mark.parametrize("character", ["\x01", "\x08", "\x0b", "\x0c", "\x0e", "\x1f", "\ufffe", "\uffff", "\ud800"])
def test_it_refuses_what_xml_cannot_hold(character):
    with pytest.raises(ValidationError) as refused:
        validate_characters(f"Decide{character}.")
    assert refused.value.messages[0].startswith("Contains a")
    assert f"(U+{ord(character):04X}) at character 7, after “Decide”; remove it." in refused.value.messages[0]


def test_it_keeps_tabs_line_breaks_and_every_language():
    text = "Decide:\ta\r\nb\n«Reafirmaron» ¿qué? \u2028 \x7f \x85 😀"
    assert forbidden_character(text) is None
    assert printable(text) == text


def test_printable_drops_them_and_keeps_line_breaks_as_line_breaks():
    assert printable("Decide\x1f to meet\x0bagain\x0c.\x00") == "Decide to meet\nagain\n."


def test_the_context_shown_is_short_and_on_one_line():
    assert "after “" + "x" * 30 + "”;" in forbidden_character("x" * 100 + "\x01")
    assert "after “Decide: to meet”;" in forbidden_character("Decide:\n  to meet\x01")


def test_every_text_field_refuses_them():
    """A text field added without the rule fails here: forgetting it is what let a control character
    reach the feeds and the spreadsheet."""
    forgotten = []
    for app in ("rcm", "declarations", "decisions", "followup"):
        for model in apps.get_app_config(app).get_models():
            if model.__name__.startswith("Historical"):
                continue
            for field in model._meta.get_fields():
                name = f"{model.__name__}.{field.name}"
                if not isinstance(field, models.CharField | models.TextField) or field.choices:
                    continue
                if name not in OWN_PATTERN | PRINTABLE_BY_DJANGO and validate_characters not in field.validators:
                    forgotten.append(name)
    assert forgotten == []
