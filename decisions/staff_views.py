"""The Secretariat's screens for decisions and their links, under /staff/."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from decisions.forms import DecisionForm, LinkForm
from decisions.models import Decision, Link, Mention
from decisions.services import decision_save, link_add, link_remove
from declarations.access import locked_for, require_editor
from declarations.models import Conference
from rcm.base.services import StaleEdit
from rcm.lib.staff import conflict_response, read_only


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
            decision_save(
                decision=decision,
                revision=form.cleaned_data["revision"] if pk else None,
                mandated=form.actors(Mention.Role.MANDATED),
                mentioned=form.actors(Mention.Role.MENTIONED),
            )
        except StaleEdit as stale:
            return conflict_response(request, form, stale.current)
        messages.success(request, _("Saved %(citation)s.") % {"citation": decision.citation})
        return redirect("staff_decision_edit", decision.pk)
    context = {"form": form, "decision": decision if pk else None, "conference": conference, "locked": locked}
    if pk:
        context["links_out"] = decision.links_out.select_related(
            "target_decision__conference__body",
            "target_decision__outcome",
            "target_conference__body",
            "target_document",
        )
        context["links_in"] = decision.links_in.select_related("source__conference__body", "source__outcome")
        context["link_form"] = LinkForm(source=decision)
    return render(request, "decisions/staff/decision_edit.html", context)


@require_editor
def link_new(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_object_or_404(Decision.objects.select_related("conference__body", "outcome"), pk=pk)
    locked = locked_for(request, Link(source=decision))
    form = LinkForm(request.POST or None, source=decision)
    if locked:
        read_only(form)
    if request.method == "POST" and form.is_valid():
        link_add(link=form.link)
        messages.success(request, _("Linked: %(link)s.") % {"link": form.link})
        return redirect("staff_decision_edit", decision.pk)
    return render(request, "decisions/staff/link_new.html", {"decision": decision, "link_form": form, "locked": locked})


@require_editor
def link_delete(request: HttpRequest, pk: int) -> HttpResponse:
    link = get_object_or_404(Link.objects.select_related("source__conference__body", "source__outcome"), pk=pk)
    locked = locked_for(request, link)
    if request.method == "POST":
        link_remove(link=link)
        messages.success(request, _("Removed the link: %(link)s.") % {"link": link})
        return redirect("staff_decision_edit", link.source_id)
    return render(request, "decisions/staff/link_delete.html", {"link": link, "locked": locked})
