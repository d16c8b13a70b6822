"""CSV and JSON exports of a filtered list, streamed row by row so that a large export never sits in memory,
in the language the export was asked in, and the one rule by which every CSV and XLSX file the site writes
holds text as text."""

import csv
import json
from collections.abc import Callable, Iterable, Iterator

from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django.utils import translation
from openpyxl.worksheet.worksheet import Worksheet

from rcm.lib.characters import printable
from rcm.lib.languages import address_in, reader_language

CHUNK_SIZE = 1000

# A cell that starts with one of these is run as a formula by Excel, LibreOffice Calc or Google Sheets
# (OWASP, "CSV Injection"; ASVS 1.2.10 adds NUL). A text can start so ("-" before a list item, "+1" for a
# country code), and anyone who can write a text could otherwise make a reader's spreadsheet run it.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")


def csv_cells(values: Iterable) -> list:
    """A CSV row: lists joined with "; ", and a text that would start a formula behind an apostrophe,
    which spreadsheets read as "this is text" (OWASP's advice). Numbers stay numbers."""
    cells = []
    for value in values:
        text = "; ".join(value) if isinstance(value, list) else value
        cells.append("'" + text if isinstance(text, str) and text.startswith(FORMULA_STARTS) else text)
    return cells


def xlsx_append(sheet: Worksheet, values: list) -> None:
    """Add a row whose texts are string cells: openpyxl stores a text that starts with "=" as a formula.
    A formula-like text is also marked as typed with an apostrophe, so editing the cell keeps it text.
    A control character, which a sheet (XML 1.0) cannot hold and openpyxl refuses, is left out or made
    a line break (rcm.lib.characters.printable)."""
    sheet.append([printable(value) if isinstance(value, str) else value for value in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
            cell.quotePrefix = cell.value.startswith(FORMULA_STARTS)


def export_address(address: str) -> str:
    """The `url` of an export's row: the record's page opening in the export's language, whoever follows it
    (a reader whose own choice is the other language too), as every other value of the row is."""
    return address_in(address, reader_language())


def _in_language(to_json: Callable[..., dict]) -> Callable[..., dict]:
    """`to_json` in the language of the request that asked for the export: a streamed row is written after
    the view has returned, when nothing says the thread's language is still the request's. So a row's
    citation, names and `url` (export_address) are all in the language the export was asked in."""
    language = translation.get_language()

    def row_in_language(row) -> dict:
        with translation.override(language):
            return to_json(row)

    return row_in_language


class _Line:
    """What csv.writer writes to: it hands each line back instead of storing it."""

    def write(self, line: str) -> str:
        return line


def csv_response(
    rows: QuerySet, to_json: Callable[..., dict], fields: list[str], filename: str
) -> StreamingHttpResponse:
    """The fields of the JSON export, one column each, in the cells of `csv_cells`."""
    writer = csv.writer(_Line())
    to_json = _in_language(to_json)

    def lines() -> Iterator[str]:
        yield writer.writerow(fields)
        for row in rows.iterator(chunk_size=CHUNK_SIZE):
            values = to_json(row)
            yield writer.writerow(csv_cells(values[field] for field in fields))

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def json_response(rows: QuerySet, to_json: Callable[..., dict], filename: str) -> StreamingHttpResponse:
    """A JSON array of `to_json(row)`, written one element at a time."""
    to_json = _in_language(to_json)

    def chunks(items: Iterable) -> Iterator[str]:
        yield "["
        for index, row in enumerate(items.iterator(chunk_size=CHUNK_SIZE)):
            yield ("," if index else "") + "\n" + json.dumps(to_json(row), ensure_ascii=False)
        yield "\n]\n"

    response = StreamingHttpResponse(chunks(rows), content_type="application/json")
    response["Content-Disposition"] = f'inline; filename="{filename}.json"'
    return response
