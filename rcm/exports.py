"""CSV and JSON exports of a filtered list, streamed row by row so that a large export never sits in memory."""

import csv
import json
from collections.abc import Callable, Iterable, Iterator

from django.db.models import QuerySet
from django.http import StreamingHttpResponse

CHUNK_SIZE = 1000


class _Line:
    """What csv.writer writes to: it hands each line back instead of storing it."""

    def write(self, line: str) -> str:
        return line


def csv_response(
    rows: QuerySet, to_json: Callable[..., dict], fields: list[str], filename: str
) -> StreamingHttpResponse:
    """The fields of the JSON export, one column each, lists joined with "; "."""
    writer = csv.writer(_Line())

    def cell(value) -> str:
        return "; ".join(value) if isinstance(value, list) else value

    def lines() -> Iterator[str]:
        yield writer.writerow(fields)
        for row in rows.iterator(chunk_size=CHUNK_SIZE):
            values = to_json(row)
            yield writer.writerow([cell(values[field]) for field in fields])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def json_response(rows: QuerySet, to_json: Callable[..., dict], filename: str) -> StreamingHttpResponse:
    """A JSON array of `to_json(row)`, written one element at a time."""

    def chunks(items: Iterable) -> Iterator[str]:
        yield "["
        for index, row in enumerate(items.iterator(chunk_size=CHUNK_SIZE)):
            yield ("," if index else "") + "\n" + json.dumps(to_json(row), ensure_ascii=False)
        yield "\n]\n"

    response = StreamingHttpResponse(chunks(rows), content_type="application/json")
    response["Content-Disposition"] = f'inline; filename="{filename}.json"'
    return response
