"""The Atom format of the site's feeds: every field is plain text."""

from django.utils.feedgenerator import Atom1Feed


class TextAtomFeed(Atom1Feed):
    """Atom whose summaries are text. Django marks them type="html", so a feed reader would render
    the markup a theme or a decision text may hold (a script, an image with an onerror) instead of
    showing it as the words it is. Titles and subtitles carry no type, which Atom reads as text."""

    def add_item_elements(self, handler, item: dict) -> None:
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})
