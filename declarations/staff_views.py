"""The Secretariat's screens for conferences and declarations, under /staff/.

A text's own page, which edits its decisions too, is decisions.staff_views.declaration_edit: this app
knows nothing of decisions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from declarations import services
from declarations.access import locked_for, require_editor, require_publisher
from declarations.alignment import align_text
from declarations.forms import ConferenceForm, NewDeclarationForm, ParticipationFormSet, UnpublishForm
from declarations.models import Conference, Declaration, Language
from declarations.services import conference_save, declaration_create
from rcm.base.forms import rows_wanted, with_more_rows
from rcm.base.services import StaleEdit
from rcm.lib.staff import conflict_response, posted_revision, read_only


@require_editor
def conference_list(request: HttpRequest) -> HttpResponse:
    conferences = Conference.objects.select_related("host_country", "body")
    return render(request, "declarations/staff/conference_list.html", {"conferences": conferences})


@require_editor
def conference_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    conference = get_object_or_404(Conference, pk=pk) if pk else Conference()
    locked = locked_for(request, conference)
    data = request.POST or None
    adding = rows_wanted(request.POST)  # more empty rows, asked for without script: nothing is saved
    if adding == "participants":
        data = with_more_rows(request.POST, ParticipationFormSet, "participants")
    form = ConferenceForm(data, instance=conference)
    participations = ParticipationFormSet(data, instance=conference, prefix="participants")
    if locked:
        read_only(form, participations)
    if request.method == "POST" and not adding and form.is_valid() and participations.is_valid():
        conference = form.save(commit=False)
        try:
            if pk:
                conference_save(
                    conference=conference, revision=form.cleaned_data["revision"], participations=participations
                )
            else:
                with transaction.atomic():
                    conference.save()
                    participations.instance = conference
                    participations.save()
        except StaleEdit as stale:
            return conflict_response(request, form, stale.current)
        messages.success(request, _("Saved the %(meeting)s.") % {"meeting": conference.name})
        return redirect("staff_conference_edit", conference.pk)
    context = {
        "form": form,
        "participations": participations,
        "conference": conference if pk else None,
        "locked": locked,
    }
    if pk:
        context["outcomes"] = conference.outcomes.prefetch_related("texts")
        context["decisions"] = conference.decisions.select_related("conference__body", "outcome").order_by(
            "outcome__position", "number"
        )
    return render(request, "declarations/staff/conference_edit.html", context)


@require_editor
def declaration_new(request: HttpRequest, pk: int) -> HttpResponse:
    conference = get_object_or_404(Conference.objects.select_related("body"), pk=pk)
    form = NewDeclarationForm(
        request.POST or None,
        conference=conference,
        initial={"language": Language.ENGLISH, "title": conference.name.upper()},
    )
    if request.method == "POST" and form.is_valid():
        declaration = declaration_create(
            declaration=form.save(commit=False),
            conference=conference,
            outcome=form.cleaned_data["outcome"],
            kind=form.cleaned_data["kind"],
        )
        messages.success(request, _("Created the draft. Add its paragraphs below."))
        return redirect("staff_declaration_edit", declaration.pk)
    return render(request, "declarations/staff/declaration_new.html", {"form": form, "conference": conference})


def _workflow_step(request: HttpRequest, declaration: Declaration, template: str, act, done: str, form=None):
    """Confirm a workflow step on GET; take it on POST (with the revision the page was opened at)."""
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            act(posted_revision(request))
        except StaleEdit:
            messages.error(request, _("Someone changed this text meanwhile: look at it again before you do this."))
            return redirect("staff_declaration_edit", declaration.pk)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("staff_declaration_edit", declaration.pk)
        messages.success(request, done)
        return redirect("staff_declaration_edit", declaration.pk)
    return render(request, template, {"declaration": declaration, "form": form, "alignment": align_text(declaration)})


@require_editor
def declaration_circulate(request: HttpRequest, pk: int) -> HttpResponse:
    declaration = get_object_or_404(
        Declaration.objects.select_related("conference__body", "outcome"), pk=pk, status=Declaration.Status.DRAFT
    )
    return _workflow_step(
        request,
        declaration,
        "declarations/staff/declaration_circulate.html",
        lambda revision: services.declaration_circulate(declaration=declaration, revision=revision),
        _("Circulated: signed-in delegates can read it now, under a DRAFT banner."),
    )


@require_publisher
def declaration_publish(request: HttpRequest, pk: int) -> HttpResponse:
    declaration = get_object_or_404(
        Declaration.objects.select_related("conference__body", "outcome"),
        pk=pk,
        status__in=[Declaration.Status.DRAFT, Declaration.Status.CIRCULATED],
    )
    return _workflow_step(
        request,
        declaration,
        "declarations/staff/declaration_publish.html",
        lambda revision: services.declaration_publish(declaration=declaration, revision=revision, user=request.user),
        _("Published: everyone can read it now."),
    )


@require_publisher
def declaration_unpublish(request: HttpRequest, pk: int) -> HttpResponse:
    declaration = get_object_or_404(
        Declaration.objects.select_related("conference__body", "outcome"), pk=pk, status=Declaration.Status.PUBLISHED
    )
    form = UnpublishForm(request.POST or None)
    return _workflow_step(
        request,
        declaration,
        "declarations/staff/declaration_unpublish.html",
        lambda revision: services.declaration_unpublish(
            declaration=declaration, revision=revision, reason=form.cleaned_data["reason"]
        ),
        _("Unpublished: it is a draft again, for the Secretariat only."),
        form=form,
    )
