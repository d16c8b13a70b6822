"""generate_synthetic: a large archive for measuring, marked synthetic, removed with one command."""

import io

import pytest
from django.core.management import CommandError, call_command

from decisions.models import Decision, Link, Mention
from declarations.models import Conference, Declaration, Paragraph
from followup.models import Mandate


def _generate(*args: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command("generate_synthetic", *args, stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def test_it_creates_a_marked_archive_with_a_progress_bar(client, seeded):
    output = _generate("--conferences", "4", "--decisions", "5", "--paragraphs", "2")
    synthetic = Decision.objects.filter(conference__kind="synthetic")
    assert "100%|##########| 4/4" in output
    assert synthetic.count() == 20
    assert all(decision.text_en.startswith("[SYNTHETIC]") for decision in synthetic)
    assert all(decision.citation.startswith("SYNTHETIC ") for decision in synthetic)
    assert Paragraph.objects.filter(declaration__conference__kind="synthetic").count() == 16  # 2 × 4 × 2 languages
    spanish = Declaration.objects.filter(conference__kind="synthetic", language="es")
    assert spanish.count() == 4 and all(text.title.startswith("DATOS DE PRUEBA SINTÉTICOS") for text in spanish)
    assert Paragraph.objects.filter(declaration__in=spanish, text__endswith="[SINTÉTICO]").count() == 8
    assert Mandate.objects.filter(mention__decision__in=synthetic, mention__role="mandated").count() == 20
    assert Mention.objects.filter(decision__in=synthetic).count() == 40
    assert all(decision.topics.exists() for decision in synthetic)
    content = client.get("/conferences/synthetic/2/decisions/3/").content.decode()
    assert "SYNTHETIC conference 2 (generated test data, not a real meeting)" in content


def test_it_refuses_to_generate_twice(seeded):
    _generate("--conferences", "1", "--decisions", "1")
    with pytest.raises(CommandError, match="remove it first"):
        _generate("--conferences", "1", "--decisions", "1")


def test_remove_leaves_the_real_archive_alone(client, seeded):
    real = (Conference.objects.count(), Decision.objects.count(), Link.objects.count(), Mandate.objects.count())
    _generate("--conferences", "6", "--decisions", "10")
    assert Link.objects.filter(source__conference__kind="synthetic").exists()
    assert "Removed 6 synthetic conferences" in _generate("--remove")
    assert (Conference.objects.count(), Decision.objects.count(), Link.objects.count(), Mandate.objects.count()) == real
    assert client.get("/conferences/17/declaration/").status_code == 200
