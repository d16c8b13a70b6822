"""The Secretariat's follow-up screens: what is overdue and who owes it, and each decision's mandates,
statuses and actions. Follow-up goes on after a text is published, so any editor may record it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from decisions.models import Decision
from declarations.access import PublishedTextLocked, require_editor
from declarations.models import Conference
from followup.forms import ActionForm, MandateForm, StatusChangeForm
from followup.models import Mandate
from followup.selectors import (
    decisions_with_followup,
    due_before,
    open_mandates,
    overdue,
    upcoming_conference,
)
from followup.services import EvidenceNotStored, action_add, mandate_save, status_change
from rcm.base.models import ACTOR_KINDS_BY_WORD
from rcm.base.services import StaleEdit
from rcm.lib.staff import conflict_response
from rcm.lib.words import sentence


@require_editor
def dashboard(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    owed = open_mandates()
    next_conference = upcoming_conference(today)
    unassessed = (
        Decision.objects.filter(mandates__isnull=True, status="")
        .select_related("conference__body", "outcome")
        .order_by("-id")
    )
    return render(
        request,
        "followup/staff/dashboard.html",
        {
            "today": today,
            "overdue": overdue(owed, today),
            "next_conference": next_conference,
            "due_soon": due_before(owed, today, next_conference),
            "unassessed": unassessed,
            "conferences": Conference.objects.filter(pk__in=Decision.objects.values("conference")).select_related(
                "body"
            ),
        },
    )


@require_editor
def responsible(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    if kind not in ACTOR_KINDS_BY_WORD:
        raise Http404("No such kind of actor")
    actor = get_object_or_404(ACTOR_KINDS_BY_WORD[kind].model, pk=pk)
    mandates = Mandate.objects.filter(**Mandate.naming(actor)).select_related(
        "decision__conference__body", "decision__outcome", "report_to"
    )
    return render(request, "followup/staff/responsible.html", {"actor": actor, "mandates": mandates})


@require_editor
def decision_followup(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_object_or_404(decisions_with_followup(Decision.objects.all()), pk=pk)
    forms = {
        "mandate": MandateForm(decision=decision, prefix="mandate"),
        "status": StatusChangeForm(decision=decision, prefix="status"),
        "action": ActionForm(decision=decision, prefix="action"),
    }
    if request.method == "POST":
        which = request.POST.get("form")
        if which == "mandate":
            form = forms["mandate"] = MandateForm(request.POST, decision=decision, prefix="mandate")
            if form.is_valid():
                try:
                    mandate_save(mandate=form.save(commit=False), revision=None)
                except PublishedTextLocked as error:
                    form.add_error(None, str(error))
                else:
                    messages.success(
                        request, sentence(_("Added the mandate: %(mandate)s") % {"mandate": form.instance})
                    )
                    return redirect("staff_decision_followup", decision.pk)
        elif which == "status":
            form = forms["status"] = StatusChangeForm(request.POST, decision=decision, prefix="status")
            if form.is_valid():
                try:
                    change = status_change(
                        decision=decision,
                        mandate=form.mandate,
                        status=form.cleaned_data["status"],
                        date=form.cleaned_data["date"],
                        reason=form.cleaned_data["reason"],
                        user=request.user,
                    )
                except ValidationError as error:
                    form.add_error("status", error)
                else:
                    messages.success(
                        request, _("Recorded: %(status)s.") % {"status": change.get_status_display().lower()}
                    )
                    return redirect("staff_decision_followup", decision.pk)
        elif which == "action":
            form = forms["action"] = ActionForm(request.POST, request.FILES, decision=decision, prefix="action")
            if form.is_valid():
                action = form.save(commit=False)
                action.created_by = request.user
                try:
                    action_add(action=action, upload=form.cleaned_data.get("evidence_file"))
                except ValidationError as error:
                    form.add_error("evidence_file", error)
                except EvidenceNotStored as error:
                    form.add_error("evidence_file", str(error))
                else:
                    messages.success(request, _("Recorded the action."))
                    return redirect("staff_decision_followup", decision.pk)
    return render(
        request,
        "followup/staff/decision_followup.html",
        {
            "decision": decision,
            "changes": decision.status_changes.select_related("mandate", "changed_by"),
            **{f"{name}_form": form for name, form in forms.items()},
        },
    )


@require_editor
def mandate_edit(request: HttpRequest, pk: int) -> HttpResponse:
    mandate = get_object_or_404(
        Mandate.objects.select_related("decision__conference__body", "decision__outcome"), pk=pk
    )
    form = MandateForm(request.POST or None, instance=mandate, decision=mandate.decision)
    if request.method == "POST" and form.is_valid():
        try:
            mandate_save(mandate=form.save(commit=False), revision=form.cleaned_data["revision"])
        except StaleEdit as stale:
            return conflict_response(request, form, stale.current)
        except PublishedTextLocked as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Saved the mandate."))
            return redirect("staff_decision_followup", mandate.decision_id)
    return render(request, "followup/staff/mandate_edit.html", {"form": form, "mandate": mandate})
