"""The Secretariat's screens for a decision's links, under /staff/; and a text's own page, which edits the
text, its paragraphs and its decisions at once. That page is here, not in declarations, because decisions
build on declarations: only this app sees both (docs/architecture.md). A decision's own page writes its
mandates too, so it is followup's (followup.staff_views.decision_edit)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from decisions.forms import LinkForm, decision_rows_formset
from decisions.models import Decision, Link
from decisions.services import link_add, link_remove, text_save
from declarations.access import locked_for, require_editor
from declarations.alignment import align_text
from declarations.forms import DeclarationForm, ParagraphFormSet
from declarations.models import Declaration
from rcm.base.forms import rows_wanted, with_more_rows
from rcm.base.services import StaleEdit
from rcm.lib.staff import conflict_response, read_only
from rcm.lib.words import sentence


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
