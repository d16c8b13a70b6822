"""The Secretariat's follow-up screens: what is overdue and who owes it, and each decision's mandates,
statuses and actions. Follow-up goes on after a text is published, so any editor may record it.

A decision's own staff page is here too: whom it mandates are its mandates, written with them in one
save (services.decision_mandates_save), and decisions may not import this app (docs/architecture.md)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from decisions.forms import DecisionForm, LinkForm
from decisions.models import Decision, Mention
from declarations.access import locked_for, require_editor
from declarations.models import Conference, Declaration
from followup.forms import ActionForm, MandateForm, StatusChangeForm
from followup.models import Mandate
from followup.selectors import (
    MANDATE_RELATED,
    decisions_with_followup,
    decisions_without_mandate,
    due_before,
    name_conferences_waited_for,
    open_mandates,
    overdue,
    upcoming_conference,
    with_conferences_waited_for,
)
from followup.services import (
    EvidenceNotStored,
    FollowUpWouldBeLost,
    action_add,
    decision_mandates_save,
    followup_of,
    mandate_save,
    status_change,
)
from rcm.base.models import ACTOR_KINDS_BY_WORD
from rcm.base.services import StaleEdit
from rcm.lib.staff import conflict_response, read_only

# The name of the decision form's "Save and add another" button.
ADD_ANOTHER = "add_another"
# The name of the box that confirms removing mandates with their follow-up.
DISCARD_FOLLOWUP = "discard_followup"


@require_editor
def decision_edit(request: HttpRequest, pk: int | None = None, conference_pk: int | None = None) -> HttpResponse:
    if pk:
        decision = get_object_or_404(Decision.objects.select_related("conference__body", "outcome"), pk=pk)
        conference = decision.conference
    else:
        conference = get_object_or_404(Conference, pk=conference_pk)
        decision = Decision(conference=conference)
    locked = locked_for(request, decision)
    form = DecisionForm(
        request.POST or None, instance=decision, conference=conference, initial={"outcome": request.GET.get("document")}
    )
    if locked:
        read_only(form)
    if request.method == "POST" and form.is_valid():
        try:
            decision = form.save(commit=False)
            if not pk:
                decision.outcome = form.cleaned_data["outcome"] or conference.principal_outcome()
            decision_mandates_save(
                decision=decision,
                revision=form.cleaned_data["revision"] if pk else None,
                mandated=form.actors(Mention.Role.MANDATED),
                mentioned=form.actors(Mention.Role.MENTIONED),
                topics=form.cleaned_data["topics"],
                discard_followup=DISCARD_FOLLOWUP in request.POST,
            )
        except StaleEdit as stale:
            return conflict_response(request, form, stale.current)
        except FollowUpWouldBeLost as lost:
            # Nothing is saved: the page asks again, with what would be lost and a box to confirm it.
            return render(
                request,
                "decisions/staff/decision_edit.html",
                _decision_context(form, decision, conference, locked, followup_lost=lost.mandates),
            )
        messages.success(request, _("Saved %(citation)s.") % {"citation": decision.citation})
        if ADD_ANOTHER in request.POST:
            # A new decision of the same document, its number the next one (DecisionForm).
            new = reverse("staff_decision_new", args=[conference.pk])
            return redirect(f"{new}?{urlencode({'document': decision.outcome_id})}")
        return redirect("staff_decision_edit", decision.pk)
    return render(request, "decisions/staff/decision_edit.html", _decision_context(form, decision, conference, locked))


def _decision_context(form, decision: Decision, conference: Conference, locked, followup_lost=()) -> dict:
    texts = Declaration.objects.filter(outcome=decision.outcome_id) if decision.pk else conference.declarations.all()
    context = {
        "form": form,
        "decision": decision if decision.pk else None,
        "conference": conference,
        "locked": locked,
        "followup_lost": [(mandate, followup_of(mandate)) for mandate in followup_lost],
        "discard_followup": DISCARD_FOLLOWUP,
        # The way back to the text's page: its document's texts, or for a new decision every text of the meeting.
        "texts": texts.select_related("outcome").order_by("outcome__position", "language", "pk"),
    }
    if decision.pk:
        context["links_out"] = decision.links_out.select_related(
            "target_decision__conference__body",
            "target_decision__outcome",
            "target_conference__body",
            "target_document",
        )
        context["links_in"] = decision.links_in.select_related("source__conference__body", "source__outcome")
        context["link_form"] = LinkForm(source=decision)
    return context


@require_editor
def dashboard(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    owed = open_mandates()
    next_conference = upcoming_conference(today)
    unassessed = (
        decisions_without_mandate().filter(status="").select_related("conference__body", "outcome").order_by("-id")
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
    mandates = with_conferences_waited_for(
        Mandate.objects.filter(
            **{f"mention__{field}": value for field, value in Mention.naming(actor).items()}
        ).select_related(*MANDATE_RELATED)
    )
    return render(request, "followup/staff/responsible.html", {"actor": actor, "mandates": mandates})


@require_editor
def decision_followup(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_object_or_404(decisions_with_followup(Decision.objects.all()), pk=pk)
    forms = {
        "status": StatusChangeForm(decision=decision, prefix="status"),
        "action": ActionForm(decision=decision, prefix="action"),
    }
    if request.method == "POST":
        which = request.POST.get("form")
        if which == "status":
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
    name_conferences_waited_for([decision])
    return render(
        request,
        "followup/staff/decision_followup.html",
        {
            "decision": decision,
            "changes": decision.status_changes.select_related(
                *(f"mandate__mention__{field}" for field in Mention.actor_fields()), "changed_by"
            ),
            **{f"{name}_form": form for name, form in forms.items()},
        },
    )


@require_editor
def mandate_edit(request: HttpRequest, pk: int) -> HttpResponse:
    mandate = get_object_or_404(Mandate.objects.select_related(*MANDATE_RELATED), pk=pk)
    form = MandateForm(request.POST or None, instance=mandate)
    if request.method == "POST" and form.is_valid():
        try:
            mandate_save(mandate=form.save(commit=False), revision=form.cleaned_data["revision"])
        except StaleEdit as stale:
            return conflict_response(request, form, stale.current)
        else:
            messages.success(request, _("Saved the mandate."))
            return redirect("staff_decision_followup", mandate.mention.decision_id)
    return render(request, "followup/staff/mandate_edit.html", {"form": form, "mandate": mandate})
