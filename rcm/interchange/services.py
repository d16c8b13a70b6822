"""The import of a declaration given as JSON data (rcm.interchange.schema): its conference completed or
created, its paragraphs, its decisions, whom they name (each actor they mandate with its mandate) and their
links, in one transaction."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy, pgettext_lazy
from simple_history.utils import bulk_create_with_history

from decisions.models import Decision, Link, Mention
from decisions.selectors import cited_decision
from declarations.models import (
    Conference,
    Declaration,
    OutcomeDocument,
    Paragraph,
    Participation,
    vice_ministerial_body,
)
from declarations.selectors import identified_by
from declarations.services import outcome_add
from followup.services import decision_mandates_save
from rcm.base.models import ACTOR_KINDS, BODY, STATE, ExternalDocument
from rcm.interchange.schema import DeclarationData, SchemaError
from rcm.lib.citations import VICE_MINISTERIAL

# What a reference names, by the field that holds it: (model, the field it is named by, what the error calls it).
_LOOKUPS = {
    **{kind.field: (kind.model, kind.natural_key, kind.word) for kind in ACTOR_KINDS},
    "document": (ExternalDocument, "slug", "document"),
}
# What a reference the archive lacks is called in the message saying so.
_UNKNOWN = {
    "state": pgettext_lazy("country", "unknown state %(key)r"),
    "body": gettext_lazy("unknown body %(key)r"),
    "organization": gettext_lazy("unknown organization %(key)r"),
    "document": gettext_lazy("unknown document %(key)r"),
}


class _Resolver:
    """Finds referenced records by code, acronym or slug, with one query per kind."""

    def __init__(self) -> None:
        self._cache: dict[str, dict[str, object]] = {}

    def get(self, what: str, key: str, path: str):
        model, field, label = _LOOKUPS[what]
        if what not in self._cache:
            self._cache[what] = {getattr(obj, field): obj for obj in model.objects.all()}
        try:
            return self._cache[what][key]
        except KeyError:
            message = _UNKNOWN.get(label)
            raise SchemaError(path, str(message) % {"key": key} if message else f"unknown {label} {key!r}") from None


class DeclarationExists(Exception):
    def __init__(self, declaration: Declaration) -> None:
        super().__init__(gettext("%(declaration)s is already in the archive") % {"declaration": declaration})
        self.declaration = declaration


def _conference_for(data: DeclarationData, resolver: _Resolver) -> Conference:
    given = data.conference
    conference = identified_by(given.key).first()
    if conference:
        return _conference_completed(conference, data, resolver)
    conference = Conference(
        body_id=vice_ministerial_body()
        if given.key.body == VICE_MINISTERIAL
        else resolver.get(BODY.field, given.key.body, "meeting.body").pk,
        number=given.key.number,
        kind=given.key.kind,
        mode=given.mode,
        cities=given.cities,
        start_date=given.start_date,
        end_date=given.end_date,
        host_country=resolver.get(STATE.field, given.host_country, "conference.host_country")
        if given.host_country
        else None,
        presidency_pro_tempore=resolver.get(
            STATE.field, given.presidency_pro_tempore, "conference.presidency_pro_tempore"
        )
        if given.presidency_pro_tempore
        else None,
    )
    setattr(conference, f"theme_{data.language}", given.theme)
    conference.full_clean()
    conference.save()
    return conference


def _conference_completed(conference: Conference, data: DeclarationData, resolver: _Resolver) -> Conference:
    """A conference known only as planned gets the place, dates and theme its declaration states.

    Nothing already set is overwritten.
    """
    given = data.conference
    blanks = {
        "cities": given.cities,
        "start_date": given.start_date,
        "end_date": given.end_date,
        f"theme_{data.language}": given.theme,
    }
    changed = [name for name, value in blanks.items() if value and not getattr(conference, name)]
    for name in changed:
        setattr(conference, name, blanks[name])
    if given.host_country and not conference.host_country_id:
        conference.host_country = resolver.get(STATE.field, given.host_country, "conference.host_country")
        changed.append("host_country")
    if changed:
        conference.full_clean()
        conference.save()
    return conference


def _outcome_for(conference: Conference, data: DeclarationData) -> OutcomeDocument:
    """The meeting's first document of the text's kind that lacks a text in its language (a translation is
    attached to the document it translates), else a new document of that kind.

    Raises DeclarationExists when every document of that kind has a text in this language: importing
    the same text twice makes no second document; the staff screens add one on purpose.
    """
    same_kind = list(conference.outcomes.filter(kind=data.kind).prefetch_related("texts"))
    for outcome in same_kind:
        if not any(text.language == data.language for text in outcome.texts.all()):
            return outcome
    if same_kind:
        raise DeclarationExists(next(text for text in same_kind[0].texts.all() if text.language == data.language))
    return outcome_add(conference=conference, kind=data.kind)


@transaction.atomic
def declaration_import(*, data: DeclarationData, publish: bool, published_by=None) -> Declaration:
    """Create a declaration, with its conference when new, paragraphs, decisions, mentions and links, and
    a mandate (followup) for each actor a decision mandates (followup.services.decision_mandates_save).

    A decision already stored for the conference (in the other language) gets this language's text
    and keeps its mentions and links, adding the ones it lacks. Raises DeclarationExists when the
    conference has a declaration in this language, and SchemaError for a reference to an unknown record;
    either way nothing is written.
    """
    resolver = _Resolver()
    conference = _conference_for(data, resolver)
    outcome = _outcome_for(conference, data)
    declaration = Declaration(
        outcome=outcome,
        language=data.language,
        title=data.title,
        opening=data.opening,
        chapeau=data.chapeau,
        decisions_chapeau=data.decisions_chapeau,
        decisions_heading=data.decisions_heading,
    )
    if publish:
        declaration.status = Declaration.Status.PUBLISHED
        declaration.published_at = timezone.now()
        declaration.published_by = published_by
    declaration.full_clean()
    declaration.save()

    for role, participants in data.participants.items():
        for position, participant in enumerate(participants, start=1):
            path = f"participants.{role}[{position - 1}]"
            # The schema names a participant by its kind's natural key: {"code": "CR"} or {"acronym": "IOM"}.
            kind = next(kind for kind in Participation.actor_kinds if kind.natural_key in participant)
            Participation.objects.get_or_create(
                conference=conference,
                **{kind.field: resolver.get(kind.field, participant[kind.natural_key], path)},
                defaults={"role": role, "position": position, "as_note": participant.get("as", "")},
            )

    # In bulk, yet each with its history row, as every other write of a paragraph has.
    paragraphs = bulk_create_with_history(
        [
            Paragraph(declaration=declaration, position=position, verb=verb, text=text)
            for position, (verb, text) in enumerate(data.paragraphs, start=1)
        ],
        Paragraph,
        default_change_reason="Imported",
    )
    for index, (position, slug) in enumerate(data.references):
        paragraphs[position - 1].documents.add(resolver.get("document", slug, f"references[{index}].document"))

    for index, given in enumerate(data.decisions):
        path = f"decisions[{index}]"
        decision = Decision.objects.filter(outcome=outcome, number=given.number).first() or Decision(
            outcome=outcome, conference=conference, number=given.number
        )
        setattr(decision, f"text_{data.language}", given.text)
        setattr(decision, f"section_{data.language}", given.section)
        decision.deadline = decision.deadline or given.deadline
        decision.deadline_text = decision.deadline_text or given.deadline_text
        decision.full_clean()
        # Whom it names already (from its text in the other language) keep their roles; the others are added.
        roles = {
            (mention.actor_kind, mention.actor_id): (mention.role, mention.actor)
            for mention in (
                decision.mentions.select_related(*Mention.actor_fields()).order_by("id") if decision.pk else []
            )
        }
        for role, actors in ((Mention.Role.MANDATED, given.mandated), (Mention.Role.MENTIONED, given.mentioned)):
            for kind in ACTOR_KINDS:
                for position, code in enumerate(actors[kind.plural]):
                    actor = resolver.get(kind.field, code, f"{path}.{role}.{kind.plural}[{position}]")
                    roles.setdefault((kind, actor.pk), (role, actor))
        decision_mandates_save(
            decision=decision,
            revision=None,
            mandated=[actor for role, actor in roles.values() if role == Mention.Role.MANDATED],
            mentioned=[actor for role, actor in roles.values() if role == Mention.Role.MENTIONED],
        )
        for position, given_link in enumerate(given.links):
            _link_create(decision, given_link, resolver, f"{path}.links[{position}]")
    return declaration


def _link_create(decision: Decision, given, resolver: _Resolver, path: str) -> None:
    target: dict[str, object] = {}
    if given.decision:
        target["target_decision"] = cited_decision(given.decision)
        if target["target_decision"] is None:
            raise SchemaError(f"{path}.decision", gettext("that decision is not in the archive"))
    elif given.conference:
        target["target_conference"] = identified_by(given.conference).first()
        if target["target_conference"] is None:
            raise SchemaError(f"{path}.meeting", gettext("that meeting is not in the archive"))
    else:
        target["target_document"] = resolver.get("document", given.document, f"{path}.document")
    link = Link.objects.filter(source=decision, kind=given.kind, **target).first()
    if link is None:
        link = Link(source=decision, kind=given.kind, **target)
        link.full_clean()
        link.save()
