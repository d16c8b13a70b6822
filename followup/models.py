"""What becomes of each decision: who must act on it, its implementation status, and what was done."""

import datetime
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from decisions.models import Decision, ImplementationStatus, Mention
from declarations.models import Conference
from rcm.base.models import Body, Country, Organization, Revisioned
from rcm.lib.characters import validate_characters
from rcm.lib.storage import StorageAlias
from rcm.lib.words import shorten

Status = ImplementationStatus

# Statuses under which something is still owed; only these can be overdue.
OPEN_STATUSES = [Status.PENDING, Status.IN_PROGRESS]

# What an evidence document is written under until it is whole (EvidenceStorage._save); a backup skips it.
PARTIAL_PREFIX = ".partial-"


class EvidenceStorage(FileSystemStorage):
    """The evidence folder, EVIDENCE_ROOT: the default of STORAGES["evidence"] (rcm/settings.py), never under
    the static files or any public URL; a view serves its documents to those who may read the decision
    (followup.views.evidence). The folder is read from the settings at each use, so that tests can point
    it elsewhere."""

    @property
    def base_location(self) -> str:
        return settings.EVIDENCE_ROOT

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def _save(self, name: str, content) -> str:
        """Writes the document under a hidden name in its folder, then gives it its own name once whole.

        A save that stops half-way (a full disk, a worker stopped, a shared volume gone) leaves no part
        of a document under a name a row could point to; Django's own save writes in place. A hard link,
        unlike a rename, never replaces a file that has the name already.
        """
        full_path = Path(self.path(name))
        full_path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=full_path.parent, prefix=PARTIAL_PREFIX, delete=False) as partial:
            try:
                for chunk in content.chunks():
                    partial.write(chunk)
                partial.flush()
                os.fsync(partial.fileno())
            except BaseException:
                partial.close()
                os.unlink(partial.name)
                raise
        try:
            while True:
                try:
                    os.link(partial.name, full_path)
                    break
                except FileExistsError:
                    name = self.get_available_name(name)
                    full_path = Path(self.path(name))
        finally:
            os.unlink(partial.name)
        if self.file_permissions_mode is not None:
            os.chmod(full_path, self.file_permissions_mode)
        return full_path.relative_to(self.location).as_posix()


class Mandate(Revisioned):
    """The follow-up of one actor a decision mandates: what they must do, whether it is due by the next
    conference, to which conference they report back, and its status.

    Who must act and by which decision are its mention's (one mandated Mention, one Mandate), and the
    deadline is the decision's: entered once, on the decision's page, they cannot disagree here.
    followup.services keep the two together: a mandated mention has its mandate from the moment it is
    written."""

    mention = models.OneToOneField(
        Mention, verbose_name=_("mandated actor"), on_delete=models.CASCADE, related_name="mandate"
    )
    task = models.TextField(
        _("task"), blank=True, help_text=_("What they must do, in a sentence"), validators=[validate_characters]
    )
    due_by_next_conference = models.BooleanField(
        _("due by next conference"),
        default=False,
        help_text=_("For a decision that sets no deadline: due when the next conference meets"),
    )
    report_to = models.ForeignKey(
        Conference, verbose_name=_("report to"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="reported_mandates",
        help_text=_("The conference they report back to"),
    )  # fmt: skip
    status = models.CharField(_("status"), max_length=11, choices=Status.choices, default=Status.PENDING)
    status_date = models.DateField(_("status date"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["mention__decision", "id"]

    def __str__(self) -> str:
        return f"{self.actor}: {shorten(self.task, 60)}" if self.task else str(self.actor)

    @property
    def decision(self) -> Decision:
        return self.mention.decision

    @property
    def actor(self) -> Country | Body | Organization:
        return self.mention.actor

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def waits_for_a_conference(self) -> bool:
        """Due by the next conference, its decision setting no deadline of its own."""
        return self.due_by_next_conference and not self.decision.deadline

    @property
    def has_followup(self) -> bool:
        """Whether anything was recorded about it beyond its task: a status, a status change, an action."""
        return self.status != Status.PENDING or self.status_changes.exists() or self.actions.exists()

    def due(self, next_conference: Conference | None) -> datetime.date | None:
        """Its decision's deadline; for a mandate due by the next conference, that conference's first day,
        or the last day of the year it is planned for while it has no date."""
        if self.decision.deadline:
            return self.decision.deadline
        if self.due_by_next_conference and next_conference is not None:
            if next_conference.start_date:
                return next_conference.start_date
            if next_conference.planned_year:
                return datetime.date(next_conference.planned_year, 12, 31)
        return None


class StatusChange(models.Model):
    """One step of a decision's (or a mandate's) implementation: its new status, when, who said so and why."""

    decision = models.ForeignKey(
        Decision, verbose_name=_("decision"), on_delete=models.CASCADE, related_name="status_changes"
    )
    mandate = models.ForeignKey(
        Mandate,
        verbose_name=_("mandate"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="status_changes",
    )
    status = models.CharField(_("status"), max_length=11, choices=Status.choices)
    date = models.DateField(_("date"), help_text=_("When it took effect (for “completed”, the day it was completed)"))
    reason = models.TextField(_("reason"), validators=[validate_characters])
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("changed by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return gettext("%(decision)s: %(status)s on %(date)s") % {
            "decision": self.decision,
            "status": self.get_status_display(),
            "date": self.date,
        }


class FollowUpAction(models.Model):
    """Something done about a decision, dated, with who did it and the evidence (a link or a document)."""

    decision = models.ForeignKey(Decision, verbose_name=_("decision"), on_delete=models.CASCADE, related_name="actions")
    mandate = models.ForeignKey(
        Mandate, verbose_name=_("mandate"), on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    date = models.DateField(_("date"))
    description = models.TextField(_("description"), help_text=_("What was done"), validators=[validate_characters])
    done_by = models.CharField(
        _("done by"), max_length=200, help_text=_("Who did it"), validators=[validate_characters]
    )
    evidence_url = models.URLField(
        _("evidence URL"),
        blank=True,
        help_text=_("A public web address of the evidence"),
        validators=[validate_characters],
    )
    evidence_file = models.FileField(_("evidence file"), storage=StorageAlias("evidence"), upload_to="%Y/", blank=True)
    evidence_name = models.CharField(
        _("evidence name"), max_length=200, blank=True, help_text=_("The uploaded file's original name")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.decision}, {self.date}: {shorten(self.description, 60)}"

    def get_evidence_url(self) -> str:
        """Where its evidence document is served, under its decision's address (followup.views.evidence)."""
        decision = self.decision
        if decision.outcome.is_principal:
            return reverse("evidence", args=[decision.conference, decision.number, self.pk])
        return reverse("item_evidence", args=[decision.conference, decision.outcome.slug, decision.number, self.pk])
