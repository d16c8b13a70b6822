"""Atom feed of declarations as they are published."""

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from declarations.access import published_declarations
from declarations.models import Declaration
from rcm.lib.feeds import TextAtomFeed

FEED_ENTRIES = 50


class PublishedDeclarationsFeed(Feed):
    feed_type = TextAtomFeed
    title = gettext_lazy("RCM Tracker: newly published declarations")
    subtitle = gettext_lazy("Declarations of the Regional Conference on Migration, as they are published.")

    def link(self) -> str:
        return reverse("home")

    def items(self) -> QuerySet[Declaration]:
        return (
            published_declarations()
            .select_related("conference__body", "outcome")
            .order_by("-published_at", "-id")[:FEED_ENTRIES]
        )

    def item_title(self, item: Declaration) -> str:
        return _("%(kind)s of the %(meeting)s (%(language)s)") % {
            "kind": item.get_kind_display(),
            "meeting": item.conference.name,
            "language": item.get_language_display(),
        }

    def item_description(self, item: Declaration) -> str:
        return item.theme or item.title

    def item_pubdate(self, item: Declaration):
        return item.published_at

    def item_updateddate(self, item: Declaration):
        return item.corrected_at or item.published_at
