from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from declarations.models import Language
from declarations.selectors import decisions_for_reading, get_conference_or_404
from followup.models import StatusChange
from followup.selectors import decisions_with_followup
from rcm.access import readable_declarations
from rcm.converters import ConferenceKey
from rcm.pdf import bad_paper, paper_from, pdf_response


def decision_detail(request: HttpRequest, key: ConferenceKey, number: int) -> HttpResponse:
    conference = get_conference_or_404(key, request.user)
    decision = (
        decisions_with_followup(decisions_for_reading(request.user))
        .prefetch_related(
            Prefetch(
                "status_changes",
                queryset=StatusChange.objects.select_related(
                    "mandate__country", "mandate__body", "mandate__organization"
                ),
                to_attr="ordered_changes",
            )
        )
        .filter(conference=conference, number=number)
        .first()
    )
    if decision is None:
        raise Http404("No such decision")
    # One timeline of what happened: status changes and actions, newest first.
    timeline = sorted(
        [(change.date, change, None) for change in decision.ordered_changes]
        + [(action.date, None, action) for action in decision.ordered_actions],
        key=lambda entry: entry[0],
        reverse=True,
    )
    readable = {
        d.language: d
        for d in readable_declarations(request.user).filter(conference=conference).select_related("conference")
    }
    texts = [
        (language, label, decision.text_in(language), readable[language])
        for language, label in Language.choices
        if language in readable and decision.text_in(language)
    ]
    return render(
        request,
        "decisions/decision_detail.html",
        {
            "conference": conference,
            "decision": decision,
            "texts": texts,
            "permalink": request.build_absolute_uri(decision.get_absolute_url()),
            "timeline": timeline,
        },
    )


def register_pdf(request: HttpRequest, key: ConferenceKey) -> HttpResponse:
    """A conference's decisions as a PDF table."""
    conference = get_conference_or_404(key, request.user)
    paper = paper_from(request)
    if paper is None:
        return bad_paper(request)
    declarations = list(readable_declarations(request.user).filter(conference=conference))
    if not declarations:
        raise Http404("No declaration to read")
    return pdf_response(
        request,
        "decisions/pdf/register.html",
        {
            "conference": conference,
            "decisions": list(decisions_for_reading(request.user).filter(conference=conference)),
            "draft": not any(declaration.is_published for declaration in declarations),
            "paper": paper,
        },
        filename=f"{conference.file_stem}-decisions.pdf",
        private=request.user.is_authenticated,
    )
