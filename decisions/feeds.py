"""Atom feed of the decisions a filtered search finds (/feeds/decisions.atom?topic=...), newest first."""

from django.contrib.syndication.views import Feed
from django.db.models import Min, Model, Q, QuerySet
from django.forms import BoundField, ChoiceField
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from decisions.filters import DECISIONS_NEWEST_FIRST, DecisionFilter
from decisions.models import Decision
from decisions.selectors import published_decisions
from declarations.models import Declaration
from rcm.lib.feeds import TextAtomFeed
from rcm.lib.languages import in_reader_language

FEED_ENTRIES = 50


def _filtered(request: HttpRequest) -> DecisionFilter:
    return DecisionFilter(
        request.GET, queryset=published_decisions().order_by(*DECISIONS_NEWEST_FIRST), request=request
    )


def _shown(field: BoundField) -> str:
    """A filter's value as the form shows it: "Guatemala", not "GT"; "mandated", not its key."""
    value = field.form.cleaned_data.get(field.name)
    if isinstance(value, Model):
        return str(value)
    if isinstance(field.field, ChoiceField):
        return str(dict(field.field.choices).get(value, value))
    return str(field.value())


def _with_query(address: str, filterset: DecisionFilter) -> str:
    query = filterset.data.urlencode()
    return address + (f"?{query}" if query else "")


class DecisionSearchFeed(Feed):
    feed_type = TextAtomFeed

    def __call__(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        # Invalid filters get a 400 with the reason, like the list and its exports.
        filterset = _filtered(request)
        if not filterset.is_valid():
            return HttpResponseBadRequest(filterset.errors_text(), content_type="text/plain; charset=utf-8")
        request.decision_filter = filterset  # validated: the feed is made of it (get_object)
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request: HttpRequest) -> DecisionFilter:
        return request.decision_filter

    def title(self, filterset: DecisionFilter) -> str:
        chosen = [f"{str(field.label).lower()} {_shown(field)}" for field in filterset.form if field.data]
        if not chosen:
            return _("RCM decisions")
        return _("RCM decisions: %(filters)s") % {"filters": ", ".join(chosen)}

    def link(self, filterset: DecisionFilter) -> str:
        return _with_query(reverse("decision_list"), filterset)

    def feed_url(self, filterset: DecisionFilter) -> str:
        # The feed's own address with its filters: a reader subscribed to it finds it again, where the
        # default, the path alone, is the feed of every decision.
        return _with_query(reverse("decision_feed"), filterset)

    def items(self, filterset: DecisionFilter) -> QuerySet[Decision]:
        published = Q(conference__declarations__status=Declaration.Status.PUBLISHED)
        return (
            filterset.qs.select_related("conference__body", "outcome")
            .annotate(published_at=Min("conference__declarations__published_at", filter=published))
            .order_by("-published_at", *DECISIONS_NEWEST_FIRST)[:FEED_ENTRIES]
        )

    def item_title(self, item: Decision) -> str:
        return _("Decision %(citation)s") % {"citation": item.citation}

    def item_description(self, item: Decision) -> str:
        return in_reader_language(item, "text")

    def item_pubdate(self, item: Decision):
        return item.published_at
