"""Translations, under /staff/translations/: what lacks its other language, and screens to fill it.

Who may see and change what is declarations.access's: the editor's role opens these screens, and the
write gate decides whether a published text may be changed (only by a publisher, who marks it corrected)."""

from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from decisions.models import Decision, Topic
from decisions.services import translation_save
from declarations.access import PublishedTextLocked, require_editor, why_may_not_change
from declarations.alignment import align
from declarations.models import Conference, Declaration, Language, OutcomeDocument, Paragraph
from rcm.base.models import Body, Country, Organization
from rcm.base.services import StaleEdit, missing_language_save
from rcm.lib.languages import LANGUAGES, other_language
from rcm.lib.words import sentence

DECISIONS_PER_PAGE = 100
LANGUAGE_NAMES = {Language.ENGLISH: gettext_lazy("English"), Language.SPANISH: gettext_lazy("Spanish")}
# Sentences that name a language, whole, by the language they are about (the translation screens').
PHRASES = {
    Language.SPANISH: {
        "no_text": gettext_lazy("no Spanish text"),
        "decision": gettext_lazy("no Spanish text or section heading"),
        "in": gettext_lazy("In Spanish"),
        "heading": gettext_lazy("%(outcome)s in Spanish"),
        "help": gettext_lazy(
            "Each row shows the English text beside the Spanish one. Fill or correct the Spanish side and save: "
            "an empty field leaves its row as it is."
        ),
        "new": gettext_lazy(
            "There is no Spanish text yet: saving makes one, as a draft, from what you fill in here (a title at least)."
        ),
        "save": gettext_lazy("Save the Spanish text"),
    },
    Language.ENGLISH: {
        "no_text": gettext_lazy("no English text"),
        "decision": gettext_lazy("no English text or section heading"),
        "in": gettext_lazy("In English"),
        "heading": gettext_lazy("%(outcome)s in English"),
        "help": gettext_lazy(
            "Each row shows the Spanish text beside the English one. Fill or correct the English side and save: "
            "an empty field leaves its row as it is."
        ),
        "new": gettext_lazy(
            "There is no English text yet: saving makes one, as a draft, from what you fill in here (a title at least)."
        ),
        "save": gettext_lazy("Save the English text"),
    },
}


def _missing_paragraphs(language: str, positions: list[int]) -> str:
    values = {"positions": ", ".join(map(str, positions))}
    if language == Language.SPANISH:
        return (
            ngettext(
                "the Spanish text lacks paragraph %(positions)s",
                "the Spanish text lacks paragraphs %(positions)s",
                len(positions),
            )
            % values
        )
    return (
        ngettext(
            "the English text lacks paragraph %(positions)s",
            "the English text lacks paragraphs %(positions)s",
            len(positions),
        )
        % values
    )


# Records with a name or theme in each language, by the word in their address: the model, the field, and
# the staff screen that edits them whole (None: the small form on the list is the only one).
NAMED = {
    "state": (Country, "name", "staff_state_edit"),
    "organization": (Organization, "name", "staff_organization_edit"),
    "body": (Body, "name", "staff_body_edit"),
    "topic": (Topic, "name", None),
    "meeting": (Conference, "theme", "staff_conference_edit"),
}
NAMED_HEADINGS = {
    "state": gettext_lazy("Names of states"),
    "organization": gettext_lazy("Names of organizations"),
    "body": gettext_lazy("Names of RCM bodies"),
    "topic": gettext_lazy("Names of topics"),
    "meeting": gettext_lazy("Themes of meetings"),
}


def _one_language_missing(field: str) -> Q:
    return Q(**{f"{field}_en": ""}, **{f"{field}_es__gt": ""}) | Q(**{f"{field}_es": ""}, **{f"{field}_en__gt": ""})


@require_editor
def translation_list(request: HttpRequest) -> HttpResponse:
    """Everything that is held in one language only, by group, each with where to fill the other."""
    outcomes = {outcome.pk: outcome for outcome in OutcomeDocument.objects.select_related("conference__body")}
    languages = defaultdict(set)
    for outcome_id, language in Declaration.objects.values_list("outcome_id", "language"):
        languages[outcome_id].add(language)
    one_language = [
        (outcomes[pk], other_language(next(iter(held))))
        for pk, held in languages.items()
        if len(held) == 1 and pk in outcomes
    ]

    # Paragraph positions held in each language of the documents that have both.
    positions = defaultdict(lambda: defaultdict(set))
    both = [pk for pk, held in languages.items() if len(held) == 2]
    for outcome_id, language, position in Paragraph.objects.filter(declaration__outcome__in=both).values_list(
        "declaration__outcome_id", "declaration__language", "position"
    ):
        positions[outcome_id][language].add(position)
    unpaired = []
    for outcome_id in both:
        held = positions[outcome_id]
        for language in LANGUAGES:
            missing = sorted(held[other_language(language)] - held[language])
            if missing:
                unpaired.append((outcomes[outcome_id], language, _missing_paragraphs(language, missing)))

    # A page at a time: a large archive may hold thousands of decisions waiting for their other language.
    waiting = (
        Decision.objects.filter(_one_language_missing("text") | _one_language_missing("section"))
        .select_related("conference__body", "outcome")
        .order_by("conference_id", "number")
    )
    decisions_page = Paginator(waiting, DECISIONS_PER_PAGE).get_page(request.GET.get("page"))
    decisions = []
    for decision in decisions_page:
        language = (
            Language.SPANISH
            if not decision.text_es or (decision.section_en and not decision.section_es)
            else Language.ENGLISH
        )
        decisions.append((decision, language))

    named = []
    for word, (model, field, _edit) in NAMED.items():
        records = []
        for record in model.objects.filter(_one_language_missing(field)):
            language = Language.SPANISH if not getattr(record, f"{field}_es") else Language.ENGLISH
            held = getattr(record, f"{field}_{other_language(language)}")
            # A meeting's theme in a language is part of its published text in that language.
            locked = why_may_not_change(request.user, record, {f"{field}_{language}"})
            records.append((record, language, held, locked))
        named.append({"word": word, "heading": NAMED_HEADINGS[word], "field": field, "records": records, "edit": _edit})
    return render(
        request,
        "front/staff/translations.html",
        {
            "one_language": one_language,
            "unpaired": unpaired,
            "decisions": decisions,
            "page": decisions_page,
            "named": named,
            "phrases": PHRASES,
        },
    )


def _rows(alignment, target: str, posted=None) -> list[dict]:
    """The editor's rows: the text in the language held, and the field for the other's, by kind and key."""
    source = other_language(target)
    rows, first_of_section = [], None
    for index, row in enumerate(alignment.rows):
        if row.kind == "section":
            following = next((r for r in alignment.rows[index + 1 :] if r.kind == "decision"), None)
            first_of_section = following.key if following else None
            name = f"section-{first_of_section}"
        elif row.kind in ("paragraph", "decision"):
            name = f"{row.kind}-{row.key}"
        else:
            name = row.kind
        value = posted.get(name, "") if posted is not None else row.text_in(target) or ""
        rows.append({"row": row, "name": name, "source": row.text_in(source) or "", "value": value})
    return rows


def _posted_values(post) -> dict:
    values = {"paragraphs": {}, "decisions": {}, "sections": {}}
    for name, value in post.items():
        if name in ("title", "opening", "chapeau", "decisions_chapeau", "decisions_heading"):
            values[name] = value
            continue
        kind, _sep, key = name.partition("-")
        if key.isdigit() and kind in ("paragraph", "decision", "section"):
            values[f"{kind}s"][int(key)] = value
    return values


@require_editor
def translation_edit(request: HttpRequest, pk: int, language: str) -> HttpResponse:
    """The text of an outcome document in `language`, row by row beside the other language's."""
    if language not in LANGUAGES:
        raise Http404
    outcome = get_object_or_404(OutcomeDocument.objects.select_related("conference__body"), pk=pk)
    alignment = align(outcome)
    source = other_language(language)
    if alignment.declaration_in(source) is None:
        raise Http404("This document has no text to translate from.")
    target = alignment.declaration_in(language)
    locked = why_may_not_change(request.user, target) if target is not None else ""
    error = None
    if request.method == "POST":
        revision = request.POST.get("revision", "")
        try:
            if locked:
                raise PublishedTextLocked(_("this text is published: only a publisher may correct it"))
            declaration = translation_save(
                outcome=outcome,
                language=language,
                values=_posted_values(request.POST),
                revision=int(revision) if revision.isdigit() else None,
            )
        except ValidationError as invalid:
            error = _("Nothing was saved: %(problems)s") % {"problems": " ".join(invalid.messages)}
        except PublishedTextLocked as refused:
            error = _("Nothing was saved: %(reason)s.") % {"reason": refused.reason}
        except StaleEdit:
            error = _("Nothing was saved: someone else saved this text since you opened it. Open it again.")
        else:
            messages.success(request, sentence(_("Saved the %(text)s") % {"text": declaration}))
            return redirect("staff_translation_edit", outcome.pk, language)
    return render(
        request,
        "front/staff/translation_edit.html",
        {
            "outcome": outcome,
            "language": language,
            "source": source,
            "target": target,
            "locked": locked,
            "error": error,
            "rows": _rows(alignment, language, request.POST if error else None),
            "problems": alignment.problems,
            "language_names": LANGUAGE_NAMES,
            "say": PHRASES[language],
            "heading": PHRASES[language]["heading"] % {"outcome": outcome},
        },
        status=400 if error else 200,
    )


@require_editor
def translation_name(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Fill or correct the missing language of one name or theme (a small form on the list)."""
    if kind not in NAMED:
        raise Http404
    model, field, _edit = NAMED[kind]
    record = get_object_or_404(model, pk=pk)
    if request.method != "POST":
        held = getattr(record, f"{field}_en") or getattr(record, f"{field}_es")
        language = Language.SPANISH if not getattr(record, f"{field}_es") else Language.ENGLISH
        return render(
            request,
            "front/staff/translation_name.html",
            {
                "locked": why_may_not_change(request.user, record, {f"{field}_{language}"}),
                "record": record,
                "word": kind,
                "field": field,
                "held": held,
                "language": language,
                "current": getattr(record, f"{field}_{language}"),
                "say": PHRASES[language],
                "edit": _edit,
            },
        )
    language = request.POST.get("language")
    revision = request.POST.get("revision", "")
    if language not in LANGUAGES or not revision.isdigit():
        messages.error(request, _("Nothing was saved: the form was incomplete. Try again."))
        return redirect("staff_translations")
    locked = why_may_not_change(request.user, record, {f"{field}_{language}"})
    if locked:
        # Offered read-only on the list and on its own page: a POST all the same is refused, as locked_for does.
        raise PermissionDenied(locked)
    try:
        missing_language_save(
            record, field=f"{field}_{language}", value=request.POST.get("value", ""), revision=int(revision)
        )
    except ValidationError as invalid:
        messages.error(request, _("Nothing was saved: %(problems)s") % {"problems": " ".join(invalid.messages)})
    except PublishedTextLocked as refused:
        messages.error(request, sentence(_("Nothing was saved: %(reason)s") % {"reason": refused.reason}))
    except StaleEdit:
        messages.error(request, _("Nothing was saved: someone else saved it since you opened the list. Try again."))
    else:
        messages.success(request, sentence(_("Saved %(record)s") % {"record": record}))
    return redirect("staff_translations")
