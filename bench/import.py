"""How long the largest document the importer accepts takes to read and to import.

    .venv/bin/python bench/import.py [--runs 3]

The staff page reads a document when it is uploaded and imports it when the preview is confirmed,
each within one request, which gunicorn kills after 30 seconds. This builds the largest documents
the limits let through (docs/importing.md, "Limits") and times both steps, as medians of --runs runs:
- a text of MAX_TEXT_CHARACTERS characters, with MAX_PARAGRAPHS paragraphs and MAX_DECISIONS
  decisions naming states and organizations, as typed and flattened to one line;
- a declaration JSON file with MAX_PARAGRAPHS paragraphs, MAX_DECISIONS decisions and MAX_NAMES
  names and links.
Works on a throwaway SQLite database and page cache (it never touches var/), loaded with the seed;
each import is rolled back. Prints a table and exits non-zero when a step takes more than a third
of the timeout.
"""

import argparse
import json
import statistics
import sys
import tempfile
import time

from embedded import configure

TARGET_S = 10.0
STATES = ["Belize", "Canada", "Costa Rica", "El Salvador", "Guatemala", "Honduras", "Mexico", "Panama"]
CODES = ["BZ", "CA", "CR", "SV", "GT", "HN", "MX", "PA", "NI", "US", "DO"]


def largest_text(characters: int, paragraphs: int, decisions: int) -> str:
    """A declaration of the XL conference as long as the limits allow, its words spread evenly."""
    head = (
        "XL REGIONAL CONFERENCE ON MIGRATION\n“Migration and Development”\n\nDECLARATION\n"
        "The XL Vice-Ministerial Meeting of the Regional Conference on Migration, with the participation of "
        f"Vice-Ministers and Heads of Delegation from {', '.join(STATES)}, was held in Panama City, Panama, "
        "June 21 and 22, 2040.\n\nThe Vice-Ministers and Heads of Delegation:\n\n"
    )
    body = [
        f"· Recognized the work of {STATES[n % len(STATES)]} and of the IOM on item {n}, with UNHCR,"
        for n in range(1, paragraphs + 1)
    ]
    heading = "\n\nDecisions\n"
    rulings = [
        f"{n}. Instruct the Technical Secretariat to report to {STATES[n % len(STATES)]} on item {n} with IOM,"
        for n in range(1, decisions + 1)
    ]
    # Lengthen every paragraph and decision alike, in words the gazetteer reads, up to the limit.
    fixed = len(head) + len(heading) + sum(map(len, body)) + sum(map(len, rulings)) + 2 * (paragraphs + decisions)
    filler = " and the migrants in transit through the region"
    repeats = max(0, (characters - fixed) // (len(filler) * (paragraphs + decisions)))
    body = [f"{line}{filler * repeats}." for line in body]
    rulings = [f"{line}{filler * repeats}." for line in rulings]
    return head + "\n\n".join(body) + heading + "\n".join(rulings)


def largest_json(paragraphs: int, decisions: int, names: int) -> dict:
    states = CODES[: names // decisions - 1]  # and one link each
    return {
        "schema": "rcm-declaration/1",
        "conference": {"number": 41, "kind": "ordinary", "start_date": "2041-06-20", "end_date": "2041-06-21"},
        "language": "en",
        "title": "XLI REGIONAL CONFERENCE ON MIGRATION",
        "participants": {},
        "paragraphs": [
            {"verb": "Recognized", "text": f"Recognized item {n} of the region."} for n in range(paragraphs)
        ],
        "decisions": [
            {
                "number": n,
                "text": f"Instruct the Technical Secretariat to act on item {n}.",
                "mentioned": {"states": states},
                "links": [{"kind": "refers_to", "decision": "RCM XVII/1"}],
            }
            for n in range(1, decisions + 1)
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="runs of each measurement (default 3)")
    runs = parser.parse_args().runs

    with tempfile.TemporaryDirectory() as workdir:
        configure(workdir)
        from django.core.management import call_command
        from django.db import transaction

        from declarations.models import MAX_PARAGRAPHS
        from rcm.front.seed import seed_load
        from rcm.interchange.importing.actors import Gazetteer
        from rcm.interchange.importing.imports import document_import, document_read
        from rcm.interchange.importing.sources import MAX_TEXT_CHARACTERS
        from rcm.interchange.schema import MAX_DECISIONS, MAX_NAMES

        call_command("migrate", verbosity=0)
        seed_load()

        class RolledBack(Exception):
            pass

        def measured(content: bytes) -> tuple[float, float, str]:
            started = time.perf_counter()
            reading = document_read(name="bench", content=content, gazetteer=Gazetteer.from_archive())
            read = time.perf_counter() - started
            started = time.perf_counter()
            try:
                with transaction.atomic():
                    document_import(reading=reading)
                    imported = time.perf_counter() - started
                    raise RolledBack
            except RolledBack:
                pass
            data = reading.data
            shape = f"{len(data['paragraphs'])} paragraphs, {len(data['decisions'])} decisions"
            return read, imported, shape

        text = largest_text(MAX_TEXT_CHARACTERS, MAX_PARAGRAPHS, MAX_DECISIONS)
        documents = {
            "text": text.encode(),
            "text on one line": " ".join(text.split()).encode(),
            "JSON": json.dumps(largest_json(MAX_PARAGRAPHS, MAX_DECISIONS, MAX_NAMES)).encode(),
        }
        print(f"{'document':<18} {'characters':>10}  {'shape':<34} {'read s':>7} {'import s':>9}")
        missed = False
        for label, content in documents.items():
            results = [measured(content) for _ in range(runs)]
            read = statistics.median(result[0] for result in results)
            imported = statistics.median(result[1] for result in results)
            characters = len(content.decode())
            print(f"{label:<18} {characters:>10,}  {results[0][2]:<34} {read:>7.2f} {imported:>9.2f}")
            missed |= read > TARGET_S or imported > TARGET_S
        print(f"target: each step under {TARGET_S:.0f} s (gunicorn's timeout is 30 s)")
        sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
