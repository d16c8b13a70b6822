"""The pages of a refused request (403) and of an address with nothing at it (404): the site's own frame,
in the reader's language, saying why in words and where to go on.

Both are rendered as every page is, with the request, so that they offer the way on to who is asking.
For an anonymous reader that needs no database, and they answer while it is down. A signed-in user's
session and account are read from the database: when it does not answer, they get the 503 page
(rcm.front.views.server_error), as on every other page.
"""

import re
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

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
    return render(request, template, context, status=status)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler403. The reason is the refusal's own message (declarations.access: refusal_for_role,
    why_may_not_change, the write gate's PublishedTextLocked), written for the person refused."""
    context = {"reason": str(exception), "posted": request.method == "POST", "typed": typed_in(request)}
    return _page(request, "403.html", context, 403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler404. Its exception's message is for developers ("No such decision"), and is not shown."""
    return _page(request, "404.html", {}, 404)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: a form whose token is not this session's, most often one opened before its user
    signed in again (in another tab, or after their session ended). Its words are shown back, as for any
    refused POST; Django's `reason` is for developers, and is not."""
    context = {
        "reason": _(
            "The page this form came from was opened before you last signed in, or your browser refused this "
            "site's cookie, so it was not accepted. Open the page again and make your changes there."
        ),
        "posted": True,
        "typed": typed_in(request),
    }
    return _page(request, "403.html", context, 403)
