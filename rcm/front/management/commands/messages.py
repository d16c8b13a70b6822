"""The Spanish catalogue (docs/languages.md): `messages` brings locale/es up to the code (`make messages`);
`messages --check` fails unless it is complete and current (`make lint`).

To check, the code's messages are extracted afresh (makemessages, into a temporary folder, so the committed files are
not touched) and compared with locale/es/LC_MESSAGES/django.po: a message of the code missing from the
catalogue means the catalogue is older than the code; an entry without a translation, or marked fuzzy, means
a Spanish reader would see English; an entry the code no longer has is dead weight; and the compiled
django.mo must be the catalogue as it stands, since it is what the site reads.
"""

import tempfile
from pathlib import Path

import polib
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.test import override_settings

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES" / "django.po"
# What is not the application: its messages are not the interface's.
NOT_THE_INTERFACE = ["tests/*", "bench/*", "var/*", "deploy/*", "docs/*", "seeds/*"]


def _key(entry: polib.POEntry) -> tuple[str | None, str]:
    return entry.msgctxt, entry.msgid


def code_messages() -> set[tuple[str | None, str]]:
    # In the project's folder, where makemessages looks for the first locale folder that holds the files it reads
    # (a dot folder, so that it does not read it); the committed locale/ is not walked into either.
    temporary = tempfile.TemporaryDirectory(dir=settings.BASE_DIR, prefix=".messages-")
    with temporary as folder, override_settings(LOCALE_PATHS=[folder]):
        ignored = [*NOT_THE_INTERFACE, "locale"]
        call_command("makemessages", locale=["es"], keep_pot=True, ignore_patterns=ignored, verbosity=0)
        return {_key(entry) for entry in polib.pofile(str(Path(folder) / "django.pot"))}


class Command(BaseCommand):
    help = "Update the Spanish catalogue from the code and compile it; with --check, only check that it is complete."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--check", action="store_true", help="Change nothing; fail unless all is translated")

    def handle(self, *, check: bool, **options) -> None:
        if check:
            self.check_catalogue()
            return
        call_command(
            "makemessages", locale=["es"], no_obsolete=True, no_location=True, ignore_patterns=NOT_THE_INTERFACE
        )
        catalogue = polib.pofile(str(CATALOGUE))
        catalogue.save_as_mofile(str(CATALOGUE.with_suffix(".mo")))
        self.stdout.write(
            f"{CATALOGUE.relative_to(settings.BASE_DIR)}: {len(catalogue.translated_entries())} translated, "
            f"{len(catalogue.untranslated_entries())} untranslated, {len(catalogue.fuzzy_entries())} fuzzy"
        )

    def check_catalogue(self) -> None:
        if not CATALOGUE.exists():
            raise CommandError(f"{CATALOGUE} is missing: run `make messages` and translate it.")
        catalogue = polib.pofile(str(CATALOGUE))
        entries = [entry for entry in catalogue if not entry.obsolete]
        in_code = code_messages()
        in_catalogue = {_key(entry) for entry in entries}
        problems = []
        if missing := in_code - in_catalogue:
            problems.append(f"{len(missing)} messages of the code are not in the catalogue (it is older than the code)")
            problems += [f"  not in the catalogue: {msgid!r}" for _, msgid in sorted(missing, key=str)[:20]]
        if gone := in_catalogue - in_code:
            problems.append(f"{len(gone)} messages of the catalogue are no longer in the code")
            problems += [f"  no longer in the code: {msgid!r}" for _, msgid in sorted(gone, key=str)[:20]]
        untranslated = [entry for entry in entries if not entry.translated()]
        if untranslated:
            problems.append(f"{len(untranslated)} messages are untranslated or fuzzy")
            problems += [f"  untranslated: {entry.msgid!r}" for entry in untranslated[:20]]
        compiled = CATALOGUE.with_suffix(".mo")
        if not compiled.exists() or compiled.read_bytes() != bytes(catalogue.to_binary()):
            problems.append(f"{compiled.name} is not the catalogue compiled: run `make messages`")
        if problems:
            problems.append(
                "Run `make messages`, translate what it lists in locale/es/LC_MESSAGES/django.po, run it again."
            )
            raise CommandError("\n".join(problems))
        self.stdout.write(f"{len(entries)} messages, all translated into Spanish; the catalogue is current.")
