"""Public and delegate pages of the follow-up: what became of each decision. Visibility follows the texts."""

import csv
import io

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from decisions.selectors import readable_decisions
from declarations.models import Conference
from declarations.selectors import conferences_for_reading, get_conference_or_404, get_outcome_or_404
from followup.charts import stacked_bar_chart, timeline_chart
from followup.models import FollowUpAction
from followup.selectors import (
    STATUS_LABELS,
    STATUS_ORDER,
    decisions_with_followup,
    name_conferences_waited_for,
    status_counts,
)
from followup.uploads import EVIDENCE_KINDS
from rcm.lib.converters import MeetingKey, OutcomeKey
from rcm.lib.exports import csv_cells, export_address, xlsx_append
from rcm.lib.languages import in_reader_language


def _report_decisions(request: HttpRequest, conference: Conference) -> list:
    decisions = list(decisions_with_followup(readable_decisions(request.user).filter(conference=conference)))
    if not decisions:
        raise Http404("No published decisions")
    name_conferences_waited_for(decisions)
    for decision in decisions:
        # A mandate's actions show in its row of the mandates' table; these are the decision's others.
        decision.actions_of_no_mandate = [action for action in decision.ordered_actions if action.mandate_id is None]
    return decisions


# The plot of a report's chart on a wide screen, where site.css shows it (.chart-wide, from 72rem): about the
# width of its column, 643 px of a 1,152 px page.
WIDE_PLOT_WIDTH = 560


def _status_chart(
    title: str, categories: list[str], counts: list[dict[str, int]], *, urls: list[str] | None = None, **drawing
):
    series = [
        (str(STATUS_LABELS[status]), f"status-{status}", [count[status] for count in counts]) for status in STATUS_ORDER
    ]
    description = "; ".join(
        f"{category}: "
        + ", ".join(
            # Translators: a number of decisions and their status in the description of a chart, "9 pending".
            _("%(count)s %(status)s") % {"count": count[s], "status": str(STATUS_LABELS[s]).lower()}
            for s in STATUS_ORDER
            if count[s]
        )
        for category, count in zip(categories, counts, strict=True)
    )
    return stacked_bar_chart(
        title=title, description=description, categories=categories, series=series, urls=urls, **drawing
    )


def implementation_report(request: HttpRequest, key: MeetingKey) -> HttpResponse:
    conference = get_conference_or_404(key, request.user)
    decisions = _report_decisions(request, conference)
    counts = status_counts(decisions)
    title = _("Decisions of the %(conference)s by status") % {"conference": conference.name}
    return render(
        request,
        "followup/implementation_report.html",
        {
            "conference": conference,
            "decisions": decisions,
            "counts": [(STATUS_LABELS[status], status, count) for status, count in counts.items()],
            # Drawn twice, as a phone reads it and as wide as a wide screen's column: site.css shows one.
            "chart": _status_chart(title, [conference.numeral], [counts]),
            "wide_chart": _status_chart(title, [conference.numeral], [counts], plot_width=WIDE_PLOT_WIDTH),
        },
    )


def implementation_overview(request: HttpRequest) -> HttpResponse:
    """Every conference's decisions by status, and the conferences in time: charts with their tables."""
    conferences = list(conferences_for_reading(request.user).order_by("sort_year", "start_date", "number"))
    decisions = readable_decisions(request.user).only("conference_id", "status")
    by_conference = {conference.id: [] for conference in conferences}
    for decision in decisions:
        by_conference[decision.conference_id].append(decision)
    with_decisions = [c for c in conferences if by_conference[c.id]]
    counts = [status_counts(by_conference[c.id]) for c in with_decisions]
    timeline = timeline_chart(
        title=_("RCM conferences"),
        description=", ".join(f"{c.name} ({c.year})" for c in conferences),
        events=[(c.year, c.numeral, c.get_absolute_url(), c.has_readable_declaration) for c in conferences],
    )
    return render(
        request,
        "followup/implementation_overview.html",
        {
            "conferences": conferences,
            "rows": [
                (c, [(STATUS_LABELS[status], count[status]) for status in STATUS_ORDER], sum(count.values()))
                for c, count in zip(with_decisions, counts, strict=True)
            ],
            "statuses": [STATUS_LABELS[status] for status in STATUS_ORDER],
            "status_chart": _status_chart(
                _("Decisions by status, per conference"),
                [c.numeral for c in with_decisions],
                counts,
                urls=[reverse("implementation_report", args=[c]) for c in with_decisions],
            )
            if with_decisions
            else None,
            "timeline": timeline,
        },
    )


MATRIX_COLUMNS = [
    gettext_lazy("Decision"),
    gettext_lazy("Text"),
    gettext_lazy("Status"),
    gettext_lazy("Status since"),
    gettext_lazy("Mandates"),
    # The conference that those of its mandates due by the next conference wait for, when in the archive.
    gettext_lazy("Next conference"),
    gettext_lazy("Latest action"),
    # Translators: the header of the column of each decision's page, in the follow-up matrix (CSV, XLSX).
    gettext_lazy("Page"),
]


def _matrix_rows(decisions: list) -> list[list[str]]:
    rows = []
    for decision in decisions:
        mandates = "\n".join(
            f"{mention.actor}: {mention.mandate.task}"
            + (" " + _("(due %(date)s)") % {"date": f"{decision.deadline:%Y-%m-%d}"} if decision.deadline else "")
            + (" " + _("(by the next conference)") if mention.mandate.waits_for_a_conference else "")
            + f" [{mention.mandate.get_status_display()}]"
            for mention in decision.mandated_followed
        )
        waited_for = next(
            (m.mandate.conference_waited_for for m in decision.mandated_followed if m.mandate.conference_waited_for),
            None,
        )
        latest = decision.ordered_actions[0] if decision.ordered_actions else None
        rows.append(
            [
                decision.citation,
                str(in_reader_language(decision, "text")),
                str(STATUS_LABELS[decision.status or "not_assessed"]),
                decision.status_date.isoformat() if decision.status_date else "",
                mandates,
                f"{waited_for.numeral} ({waited_for.when})" if waited_for else "",
                f"{latest.date:%Y-%m-%d} {latest.done_by}: {latest.description}" if latest else "",
                export_address(decision.get_absolute_url()),
            ]
        )
    return rows


def implementation_csv(request: HttpRequest, key: MeetingKey) -> HttpResponse:
    conference = get_conference_or_404(key, request.user)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([str(column) for column in MATRIX_COLUMNS])
    writer.writerows(csv_cells(row) for row in _matrix_rows(_report_decisions(request, conference)))
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{conference.file_stem}-follow-up.csv"'
    return response


def implementation_xlsx(request: HttpRequest, key: MeetingKey) -> HttpResponse:
    conference = get_conference_or_404(key, request.user)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Follow-up")
    xlsx_append(sheet, [str(column) for column in MATRIX_COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in _matrix_rows(_report_decisions(request, conference)):
        xlsx_append(sheet, row)
    for column, width in zip("ABCDEFGH", (14, 70, 14, 14, 60, 20, 50, 40), strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{conference.file_stem}-follow-up.xlsx"'
    return response


def evidence(
    request: HttpRequest, key: MeetingKey, number: int, action_id: int, document: OutcomeKey | None = None
) -> FileResponse:
    """An evidence document, to those who may read its decision."""
    outcome = get_outcome_or_404(get_conference_or_404(key, request.user), document)
    decision = get_object_or_404(readable_decisions(request.user), outcome=outcome, number=number)
    action = get_object_or_404(FollowUpAction, pk=action_id, decision=decision)
    if not action.evidence_file:
        raise Http404("No document")
    extension = "." + action.evidence_file.name.rsplit(".", 1)[-1].lower()
    content_type = next((kind.content_type for kind in EVIDENCE_KINDS if kind.extension == extension), None)
    response = FileResponse(
        action.evidence_file.open("rb"),
        as_attachment=True,
        filename=action.evidence_name or action.evidence_file.name.rsplit("/", 1)[-1],
        content_type=content_type or "application/octet-stream",
    )
    response["Cache-Control"] = "no-cache"  # and private to signed-in readers (rcm.front.middleware)
    response["X-Content-Type-Options"] = "nosniff"
    return response
