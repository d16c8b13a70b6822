"""How the importer names what a document refers to before the archive holds it: a meeting, a link."""

from typing import Any

from django.utils.translation import gettext as _

from decisions.models import Link
from rcm.interchange.importing.actors import DOCUMENT, Gazetteer
from rcm.interchange.schema import meeting_key_of
from rcm.lib.citations import EXTRAORDINARY, VICE_MINISTERIAL
from rcm.lib.converters import MeetingKey
from rcm.lib.numerals import to_roman


def link_label(link: dict[str, Any], gazetteer: Gazetteer) -> str:
    """ "follows up on RCM XVII/5", "refers to the XX Conference"."""
    kind = Link.Kind(link["kind"]).label
    if "decision" in link:
        return f"{kind} {link['decision']}"
    if "meeting" in link:
        return _("%(kind)s the %(meeting)s") % {"kind": kind, "meeting": meeting_label(meeting_key_of(link))}
    return f"{kind} {gazetteer.name(DOCUMENT, link['document'])}"


def meeting_label(key: MeetingKey) -> str:
    """ "XVII Conference", "II Extraordinary Conference", "rcgm meeting of 2012-06-19": a meeting as a
    document names it, before it is in the archive."""
    extraordinary = key.kind == EXTRAORDINARY
    if key.body != VICE_MINISTERIAL:
        when = {"body": key.body, "date": key.start_date or key.number}
        if extraordinary:
            return _("%(body)s extraordinary meeting of %(date)s") % when
        return _("%(body)s meeting of %(date)s") % when
    if key.number is None:
        if extraordinary:
            return _("Extraordinary Conference of %(date)s") % {"date": key.start_date}
        return _("Conference of %(date)s") % {"date": key.start_date}
    if extraordinary:
        return _("%(numeral)s Extraordinary Conference") % {"numeral": to_roman(key.number)}
    return _("%(numeral)s Conference") % {"numeral": to_roman(key.number)}
