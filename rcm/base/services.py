"""Writes shared by every edit screen."""

from django.db import models, transaction


class StaleEdit(Exception):
    """Someone saved the record after this edit began; `current` is the record as it is now."""

    def __init__(self, current: models.Model) -> None:
        super().__init__(f"{current} was changed by someone else")
        self.current = current


def revision_save(instance, *, revision: int, reason: str = "") -> None:
    """Save `instance`, recording its history, if its stored revision is still `revision`.

    The check and the bump are one UPDATE, so of two people saving the same revision at once, one
    wins and the other gets StaleEdit: no edit is silently overwritten. Call it inside the transaction
    that also writes the record's parts (paragraphs, participants), so that they are refused together.
    """
    model = type(instance)
    with transaction.atomic():
        if not model.objects.filter(pk=instance.pk, revision=revision).update(revision=revision + 1):
            raise StaleEdit(model.objects.get(pk=instance.pk))
        instance.revision = revision + 1
        instance._change_reason = reason
        instance.save()


@transaction.atomic
def missing_language_save(record: models.Model, *, field: str, value: str, revision: int) -> None:
    """Fill or correct one language's name or theme of `record` (a state, organization, body, topic or
    meeting: name_es, theme_en...), checked by full_clean and saved with its history through revision_save
    (StaleEdit when someone saved it since; the write gate refuses a theme that is part of a published text
    to anyone but a publisher)."""
    setattr(record, field, value.strip())
    record.full_clean()
    revision_save(record, revision=revision, reason="Translation")
