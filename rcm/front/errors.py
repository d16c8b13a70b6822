"""The pages of a refused request (403) and of an address with nothing at it (404): the site's own frame,
in the reader's language, saying why in words and where to go on.

Both are rendered as every page is, with the request, so that they know who is asking. Knowing it reads
the session and the account from the database: when the database does not answer, they are rendered as
the 503 page is, without the request (rcm.front.views.server_error), and offer only what needs no account.
"""

import re
from urllib.parse import urlencode

from django.db import DatabaseError, InterfaceError, connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse

# What a staff form posts besides what its user typed: the CSRF token, the revision it was opened at, which
# form it is, a formset's counts, its rows' ids, order and delete boxes; and the values of choices and of
# lists of records, which are codes and numbers (member_state, 12), not words anyone typed.
_BOOKKEEPING = re.compile(
    r"(?:^|-)(?:csrfmiddlewaretoken|revision|form|next|id|ORDER|DELETE|TOTAL_FORMS|INITIAL_FORMS|MIN_NUM_FORMS"
    r"|MAX_NUM_FORMS)$"
)
_CODE = re.compile(r"[a-z0-9_]*")


def typed_in(request: HttpRequest) -> list[str]:
    """The words a refused POST carried, in the order of its form, for its author to copy: nothing of what
    they typed is lost without their seeing it."""
    if request.method != "POST":
        return []
    return [
        value.strip()
        for name, values in request.POST.lists()
        if not _BOOKKEEPING.search(name)
        for value in values
        if not _CODE.fullmatch(value.strip())
    ]


def _page(request: HttpRequest, template: str, context: dict, status: int) -> HttpResponse:
    # Signing in (as another user) comes back here.
    context = {"path": request.path, "sign_in": f"{reverse('login')}?{urlencode({'next': request.path})}", **context}
    try:
        return render(request, template, context, status=status)
    except (DatabaseError, InterfaceError, connection.Database.Error):
        return HttpResponse(render_to_string(template, context), status=status)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler403. The reason is the refusal's own message (declarations.access: refusal_for_role,
    why_may_not_change, the write gate's PublishedTextLocked), written for the person refused."""
    return _page(request, "403.html", {"reason": str(exception), "typed": typed_in(request)}, 403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler404. Its exception's message is for developers ("No such decision"), and is not shown."""
    return _page(request, "404.html", {}, 404)
