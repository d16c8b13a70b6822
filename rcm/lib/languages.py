"""The reader's language, and records' names and texts in it.

The interface is in the language LocaleMiddleware chose for the request (rcm.front.middleware.ReaderLanguage:
?lang=, then the reader's choice kept in a cookie, then the browser's Accept-Language). A record that
holds a name or a text in both languages (`name_en`/`name_es`) shows the reader's, or the other one when
the reader's is empty: never nothing. What is shown says which language it is in, so that a template
can mark a Spanish name quoted in an English page (`lang="{{ conference.theme.lang }}"`) for screen readers.
"""

from django.utils.translation import get_language

ENGLISH = "en"
SPANISH = "es"
LANGUAGES = (ENGLISH, SPANISH)


def reader_language() -> str:
    """ "es" or "en": the language of the page being made ("es-mx" and the like are Spanish)."""
    return SPANISH if (get_language() or ENGLISH).startswith(SPANISH) else ENGLISH


def other_language(language: str) -> str:
    return ENGLISH if language == SPANISH else SPANISH


def address_in(address: str, language: str) -> str:
    """`address` opening in `language` whoever follows it, whatever their own choice: "?lang=" added
    (docs/languages.md), before a fragment ("/conferences/17/declaration/es/?lang=es#paragraph-3")."""
    page, hash_sign, fragment = address.partition("#")
    separator = "&" if "?" in page else "?"
    return f"{page}{separator}lang={language}{hash_sign}{fragment}"


class InLanguage(str):
    """A text and the language it is in: prints as the text; `.lang` is "en" or "es"."""

    lang: str

    def __new__(cls, text: str, lang: str) -> "InLanguage":
        shown = super().__new__(cls, text)
        shown.lang = lang
        return shown


def in_reader_language(record, field: str) -> InLanguage:
    """`record.<field>_<reader's language>`, or the other language's when that one is empty."""
    first = reader_language()
    for language in (first, other_language(first)):
        if value := getattr(record, f"{field}_{language}"):
            return InLanguage(value, language)
    return InLanguage("", first)


def localized(field: str) -> property:
    """A property showing `<field>_en` or `<field>_es` as in_reader_language does: `name = localized("name")`."""
    return property(lambda record: in_reader_language(record, field), doc=f"{field} in the reader's language")
