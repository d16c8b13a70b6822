"""The language management commands speak: the one the shell asks for, read as GNU gettext reads it."""

import os
from collections.abc import Mapping

from django.core.management.base import BaseCommand
from django.utils import translation

from rcm.lib.languages import ENGLISH, LANGUAGES

# Looked at in this order, the first one set deciding, as gettext does (LANGUAGE may list several: "es_MX:en").
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def command_language(environ: Mapping[str, str] = os.environ) -> str:
    """ "es" or "en": the language asked for by LANGUAGE, LC_ALL, LC_MESSAGES or LANG; English otherwise."""
    for name in LOCALE_VARIABLES:
        value = environ.get(name, "")
        if not value:
            continue
        for wanted in value.split(":") if name == "LANGUAGE" else [value]:
            language = wanted.split(".")[0].split("@")[0].split("_")[0].split("-")[0].lower()
            if language in LANGUAGES:
                return language
        if name != "LANGUAGE":  # "C", "POSIX", or a language the site does not speak
            return ENGLISH
    return ENGLISH


class LocalizedCommand(BaseCommand):
    """A command whose help, messages and errors are in the language of command_language()."""

    def create_parser(self, prog_name: str, subcommand: str, **kwargs):
        with translation.override(command_language()):
            parser = super().create_parser(prog_name, subcommand, **kwargs)
            # argparse formats its help later, outside this block: the texts are made plain strings here.
            if parser.description:
                parser.description = str(parser.description)
            for action in parser._actions:
                if action.help:
                    action.help = str(action.help)
        return parser

    def execute(self, *args, **options):
        with translation.override(command_language()):
            return super().execute(*args, **options)
