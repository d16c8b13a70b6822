"""Text shown to people: shortened at a word, ended with one full stop, compared word by word; a person's name
and a moment as people read them."""

import datetime
import difflib

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

ELLIPSIS = "…"
# What a shortened text does not end on before its ellipsis: "developmen…", "done.…" and "and,…" read badly.
_TRAILING = " \t\n,;:.…-–—(“\"'"
# A sentence ending in one of these needs no full stop after it.
_ENDED = (".", "…", "!", "?", ".”", "?”", "!”")


def shorten(text: str, limit: int) -> str:
    """`text` in at most `limit` characters, cut between words with one ellipsis: "…for local development…"
    rather than "…for local developmen". A single word longer than the limit is cut inside it."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    head = text[: limit - len(ELLIPSIS) + 1]  # one more character: a word ending right at the limit stays whole
    cut = head.rsplit(" ", 1)[0] if " " in head else head[: limit - len(ELLIPSIS)]
    return cut.rstrip(_TRAILING) + ELLIPSIS


def sentence(text: str) -> str:
    """`text` with one full stop at its end: a message ending with a quoted or shortened text gets no second one."""
    text = str(text).rstrip()
    return text if text.endswith(_ENDED) else f"{text}."


def _word_opcodes(old: str, new: str) -> tuple[list[str], list[str], list[tuple]]:
    old_words, new_words = str(old or "").split(), str(new or "").split()
    return old_words, new_words, difflib.SequenceMatcher(None, old_words, new_words, autojunk=False).get_opcodes()


def word_diff(old, new) -> SafeString:
    """`old` changed into `new`, word by word: removed words in <del>, added ones in <ins>, all escaped."""
    old_words, new_words, opcodes = _word_opcodes(old, new)
    parts = []
    for operation, a1, a2, b1, b2 in opcodes:
        if operation == "equal":
            parts.append(escape(" ".join(old_words[a1:a2])))
            continue
        if a2 > a1:
            parts.append(f"<del>{escape(' '.join(old_words[a1:a2]))}</del>")
        if b2 > b1:
            parts.append(f"<ins>{escape(' '.join(new_words[b1:b2]))}</ins>")
    return mark_safe(" ".join(parts))  # noqa: S308 (every word is escaped above)


def word_changes(old, new) -> tuple[SafeString, SafeString]:
    """Both texts whole, escaped: `old` with the words `new` lacks in <del>, `new` with the words it adds in <ins>."""
    old_words, new_words, opcodes = _word_opcodes(old, new)
    old_parts, new_parts = [], []
    for operation, a1, a2, b1, b2 in opcodes:
        removed, added = escape(" ".join(old_words[a1:a2])), escape(" ".join(new_words[b1:b2]))
        if operation == "equal":
            old_parts.append(removed)
            new_parts.append(added)
            continue
        if a2 > a1:
            old_parts.append(f"<del>{removed}</del>")
        if b2 > b1:
            new_parts.append(f"<ins>{added}</ins>")
    return mark_safe(" ".join(old_parts)), mark_safe(" ".join(new_parts))  # noqa: S308 (escaped above)


def person_name(user) -> str:
    """How pages name a person who did something: the full name given to their account, else the name they
    sign in with. Never the account's number."""
    return user.get_full_name() or user.get_username()


def moment(value: datetime.datetime) -> str:
    """ "2 Dec 2026, 07:03 UTC": a moment in the site's time zone (settings.TIME_ZONE), in the reader's format,
    the zone named so that no one takes it for their own."""
    local = timezone.localtime(value)
    return f"{date_format(local, 'SHORT_DATETIME_FORMAT')} {local.tzname()}"
