"""The Atom format of the site's feeds: every field is plain text that XML 1.0 can hold."""

from django.utils.feedgenerator import Atom1Feed
from django.utils.xmlutils import SimplerXMLGenerator

from rcm.lib.characters import printable


class _PrintableXMLGenerator(SimplerXMLGenerator):
    """Writes a text that holds a control character without it (rcm.lib.characters.printable): Django's
    generator refuses such a text, as XML 1.0 cannot hold it, which made a feed answer 500 for one old
    record or one query."""

    def characters(self, content: str) -> None:
        super().characters(printable(content))


class TextAtomFeed(Atom1Feed):
    """Atom whose summaries are text. Django marks them type="html", so a feed reader would render
    the markup a theme or a decision text may hold (a script, an image with an onerror) instead of
    showing it as the words it is. Titles and subtitles carry no type, which Atom reads as text."""

    def write(self, outfile, encoding: str) -> None:
        # Atom1Feed.write, with the generator above.
        handler = _PrintableXMLGenerator(outfile, encoding, short_empty_elements=True)
        handler.startDocument()
        handler.startElement("feed", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        handler.endElement("feed")

    def add_item_elements(self, handler, item: dict) -> None:
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})
