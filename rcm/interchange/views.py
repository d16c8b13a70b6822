"""A declaration as JSON data (docs/declaration-json.md), read back by the importer."""

from django.http import HttpRequest, JsonResponse

from decisions.selectors import decisions_for_reading
from declarations.selectors import (
    get_conference_or_404,
    get_declaration_or_404,
    get_outcome_or_404,
    participations_by_role,
)
from rcm.interchange.schema import declaration_to_json
from rcm.lib.converters import MeetingKey, OutcomeKey


def declaration_json(
    request: HttpRequest, key: MeetingKey, document: OutcomeKey, language: str | None = None
) -> JsonResponse:
    conference = get_conference_or_404(key, request.user)
    declaration = get_declaration_or_404(get_outcome_or_404(conference, document), language, request.user)
    data = declaration_to_json(
        declaration,
        participations_by_role(conference),
        list(decisions_for_reading(request.user).filter(outcome=declaration.outcome)),
    )
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
