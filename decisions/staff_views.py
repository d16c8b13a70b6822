"""The Secretariat's screens for decisions and their links, under /staff/; and a text's own page, which
edits the text, its paragraphs and its decisions at once. That page is here, not in declarations, because
decisions build on declarations: only this app sees both (docs/architecture.md)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from decisions.forms import DecisionForm, LinkForm, decision_rows_formset
from decisions.models import Decision, Link, Mention
from decisions.services import decision_save, link_add, link_remove, text_save
from declarations.access import locked_for, require_editor
from declarations.alignment import align_text
from declarations.forms import DeclarationForm, ParagraphFormSet
from declarations.models import Conference, Declaration
from rcm.base.forms import rows_wanted, with_more_rows
from rcm.base.services import StaleEdit
from rcm.lib.staff import conflict_response, read_only
from rcm.lib.words import sentence

# The name of the "Save and add another" button.
ADD_ANOTHER = "add_another"


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
                topics=form.cleaned_data["topics"],
            )
        except StaleEdit as stale:
            return conflict_response(request, form, stale.current)
        messages.success(request, _("Saved %(citation)s.") % {"citation": decision.citation})
        if ADD_ANOTHER in request.POST:
            # A new decision of the same document, its number the next one (DecisionForm).
            new = reverse("staff_decision_new", args=[conference.pk])
            return redirect(f"{new}?{urlencode({'document': decision.outcome_id})}")
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
def declaration_edit(request: HttpRequest, pk: int) -> HttpResponse:
    declaration = get_object_or_404(Declaration.objects.select_related("conference__body", "outcome"), pk=pk)
    locked = locked_for(request, declaration)
    decision_rows = decision_rows_formset(declaration.language)
    data = request.POST or None
    adding = rows_wanted(request.POST)  # more empty rows, asked for without script: nothing is saved
    if adding in ("paragraphs", "decisions"):
        data = with_more_rows(request.POST, ParagraphFormSet if adding == "paragraphs" else decision_rows, adding)
    form = DeclarationForm(data, instance=declaration)
    paragraphs = ParagraphFormSet(data, instance=declaration, prefix="paragraphs")
    decisions = decision_rows(data, instance=declaration.outcome, prefix="decisions")
    if locked:
        read_only(form, paragraphs, decisions)
    if request.method == "POST" and not adding and form.is_valid() and paragraphs.is_valid() and decisions.is_valid():
        try:
            text_save(
                declaration=form.save(commit=False),
                revision=form.cleaned_data["revision"],
                paragraphs=paragraphs,
                decisions=decisions,
            )
        except StaleEdit as stale:
            if not isinstance(stale.current, Declaration):
                messages.error(
                    request,
                    _("Someone changed %(citation)s meanwhile: look at it again before you save.")
                    % {"citation": stale.current.citation},
                )
                return redirect("staff_declaration_edit", declaration.pk)
            yours = "\n\n".join(f.cleaned_data.get("text", "") for f in paragraphs.ordered_forms)
            theirs = "\n\n".join(p.text for p in stale.current.paragraphs.all())
            return conflict_response(request, form, stale.current, extra=[(_("Paragraphs"), yours, theirs)])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved the text."))
            return redirect("staff_declaration_edit", declaration.pk)
    return render(
        request,
        "declarations/staff/declaration_edit.html",
        {
            "declaration": declaration,
            "conference": declaration.conference,
            "form": form,
            "paragraphs": paragraphs,
            "decisions": decisions,
            "locked": locked,
            "alignment": align_text(declaration),
        },
    )


@require_editor
def link_new(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_object_or_404(Decision.objects.select_related("conference__body", "outcome"), pk=pk)
    locked = locked_for(request, Link(source=decision))
    form = LinkForm(request.POST or None, source=decision)
    if locked:
        read_only(form)
    if request.method == "POST" and form.is_valid():
        link_add(link=form.link)
        messages.success(request, sentence(_("Linked: %(link)s") % {"link": form.link}))
        return redirect("staff_decision_edit", decision.pk)
    return render(request, "decisions/staff/link_new.html", {"decision": decision, "link_form": form, "locked": locked})


@require_editor
def link_delete(request: HttpRequest, pk: int) -> HttpResponse:
    link = get_object_or_404(Link.objects.select_related("source__conference__body", "source__outcome"), pk=pk)
    locked = locked_for(request, link)
    if request.method == "POST":
        link_remove(link=link)
        messages.success(request, sentence(_("Removed the link: %(link)s") % {"link": link}))
        return redirect("staff_decision_edit", link.source_id)
    return render(request, "decisions/staff/link_delete.html", {"link": link, "locked": locked})
