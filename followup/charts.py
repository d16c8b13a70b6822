"""Charts drawn on the server as inline SVG: no JavaScript, and coloured by the site's stylesheet through classes."""

import math
import uuid
from urllib.parse import urlsplit

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from rcm.lib.words import shorten

# A chart is drawn at its size in CSS pixels and never enlarged (site.css), so these are the sizes read on a
# phone's screen too.
FONT_SIZE = 14
SMALL_FONT_SIZE = 13
# Defaults for axes and text only, from site.css's --ink, --muted and --line; the stylesheet may override them.
INK = "#1c2430"
MUTED = "#5a6472"
LINE = "#d9dee5"

LABEL_LIMIT = 28
LEGEND_ROW = 20
SWATCH = 12
PLOT_HEIGHT = 240
# A bar chart of a few categories fits a 390 px phone whole, without being shrunk; more categories widen it
# (its figure scrolls sideways then: site.css).
MIN_PLOT_WIDTH = 290
# The narrowest room a bar takes: its total above it (up to two figures) and its label, turned 45° and so 17 px
# from the next one's, stay apart at FONT_SIZE. So 12 bars fit a phone, and some 43 the 1,112 px of a 1,280 px
# screen, before the figure scrolls.
BAR_SLOT = 24
MARKER_RADIUS = 6
LANE = 20

Series = tuple[str, str, list[int]]
Event = tuple[int, str, str | None, bool]


def stacked_bar_chart(
    *,
    title: str,
    description: str,
    categories: list[str],
    series: list[Series],
    urls: list[str] | None = None,
    plot_width: float = MIN_PLOT_WIDTH,
) -> SafeString:
    """Vertical bars, one per category, stacked from `series` in order, with the total above each bar.

    Each series is (label, css_class, values), one value per category; the stylesheet colours the css_class.
    A legend of the series sits above the bars. `urls`, one per category, link the categories' names, which
    the keyboard then reaches (and a chart scrolled on a phone follows). The bars take at least `plot_width`.
    """
    if urls is not None and len(urls) != len(categories):
        raise ValueError(f"{len(urls)} links for {len(categories)} categories")
    for label, _css_class, values in series:
        if len(values) != len(categories):
            raise ValueError(f"Series {label!r} has {len(values)} values for {len(categories)} categories")
        if any(value < 0 for value in values):
            raise ValueError(f"Series {label!r} has a negative value")
    totals = [sum(values[index] for _label, _css_class, values in series) for index in range(len(categories))]
    ticks = _value_ticks(max(totals, default=0))
    has_data = ticks[-1] > 0

    # The legend wraps within the width asked for, which a phone shows whole, even where many bars widen the plot.
    legend_limit = plot_width
    # Totals of three figures and more need more room than BAR_SLOT to stand apart.
    widest_total = max((_text_width(str(total), FONT_SIZE) for total in totals), default=0.0)
    plot_width = float(max(plot_width, max(BAR_SLOT, widest_total + 6) * len(categories)))
    slot = plot_width / max(len(categories), 1)
    names = [shorten(category, LABEL_LIMIT) for category in categories]
    widest = max((_text_width(name, FONT_SIZE) for name in names), default=0.0)
    # Labels wider than their bar's slot are turned 45° so that they do not run into each other.
    rotated = widest > slot - 8
    diagonal = math.sqrt(0.5)
    left = _text_width(str(ticks[-1]), SMALL_FONT_SIZE) + 16
    if rotated:
        left = max(left, widest * diagonal - slot / 2 + 12)
    width = left + plot_width + 16
    legend, legend_rows = _legend(series, left, left + legend_limit + 8)
    top = 10 + legend_rows * LEGEND_ROW + 22
    base = top + PLOT_HEIGHT
    bottom = (widest + FONT_SIZE) * diagonal + 20 if rotated else 30
    height = base + bottom

    def y(value: float) -> float:
        return base - value / (ticks[-1] or 1) * PLOT_HEIGHT

    body = [*legend, '<g class="chart-grid">']
    for tick in ticks:
        if tick:
            body.append(_line(left, y(tick), left + plot_width, y(tick), stroke=LINE))
    body.append("</g>")

    body.append('<g class="chart-bars">')
    bar_width = min(slot * 0.6, 48)
    for index, category in enumerate(categories):
        x = left + slot * (index + 0.5) - bar_width / 2
        stacked = 0
        for label, css_class, values in series:
            value = values[index]
            if not value:
                continue
            # Both edges come from the running total, so that rounding leaves no gap between segments.
            upper, lower = y(stacked + value), y(stacked)
            stacked += value
            body.append(
                f'<rect class="{escape(css_class)}" x="{_n(x)}" y="{_n(upper)}" width="{_n(bar_width)}" '
                f'height="{_n(lower - upper)}"><title>{escape(category)}: {escape(label)} {value}</title></rect>'
            )
    body.append("</g>")

    if has_data:
        body.append('<g class="chart-totals">')
        for index, total in enumerate(totals):
            body.append(_text(left + slot * (index + 0.5), y(total) - 5, str(total), weight="600"))
        body.append("</g>")
    else:
        body.append(
            _text(left + plot_width / 2, top + PLOT_HEIGHT / 2, _("No data"), fill=MUTED, css_class="chart-empty")
        )

    body.append('<g class="chart-labels">')
    for index, (category, name) in enumerate(zip(categories, names, strict=True)):
        x = left + slot * (index + 0.5)
        tooltip = "" if name == category else f"<title>{escape(category)}</title>"
        if rotated:
            label = (
                f'<text x="{_n(x + 4)}" y="{_n(base + 14)}" transform="rotate(-45 {_n(x + 4)} {_n(base + 14)})" '
                f'text-anchor="end" font-size="{FONT_SIZE}" fill="{INK}">{escape(name)}{tooltip}</text>'
            )
        else:
            label = _text(x, base + 18, name, tooltip=tooltip)
        body.append(f'<a href="{escape(_web_address(urls[index], category))}">{label}</a>' if urls else label)
    body.append("</g>")

    body.append('<g class="chart-axis">')
    for tick in ticks:
        body.append(_line(left - 4, y(tick), left, y(tick), stroke=MUTED))
        body.append(_text(left - 7, y(tick) + 4, str(tick), size=SMALL_FONT_SIZE, anchor="end", fill=MUTED))
    body.append(_line(left, top, left, base, stroke=MUTED))
    body.append(_line(left, base, left + plot_width, base, stroke=MUTED))
    body.append("</g>")
    return _svg(width, height, title, description, body, linked=bool(urls))


def timeline_chart(*, title: str, description: str, events: list[Event]) -> SafeString:
    """A horizontal axis of years with a circle on it for each event, and the events' labels above and below.

    Each event is (year, label, url or None, filled): a filled circle (class "filled") or an outlined one (class
    "open"), linked to `url` when there is one.
    """
    width = 720.0
    left, right = 24.0, width - 24
    for _year, label, url, _filled in events:
        if url is not None:
            _web_address(url, label)
    if not events:
        body = [
            _line(left, 40, right, 40, stroke=MUTED, css_class="chart-axis"),
            _text(width / 2, 70, _("No data"), fill=MUTED, css_class="chart-empty"),
        ]
        return _svg(width, 90, title, description, body)

    first = min(year for year, *_rest in events) - 1
    last = max(year for year, *_rest in events) + 1

    def x(year: float) -> float:
        return left + (year - first) / (last - first) * (right - left)

    # Sorted by year only, so that events of the same year keep the order they were given in.
    ordered = sorted(events, key=lambda event: event[0])
    per_year: dict[int, int] = {}
    for year, *_event in ordered:
        per_year[year] = per_year.get(year, 0) + 1
    placed = []
    seen: dict[int, int] = {}
    lanes: dict[tuple[int, int], list[tuple[float, float]]] = {}
    for index, (year, label, url, filled) in enumerate(ordered):
        # Events of the same year sit side by side around their year rather than on top of each other.
        rank = seen[year] = seen.get(year, -1) + 1
        cx = x(year) + (rank - (per_year[year] - 1) / 2) * (2 * MARKER_RADIUS + 3)
        name = shorten(label, 40)
        half = _text_width(name, FONT_SIZE) / 2
        centre = min(max(cx, 8 + half), width - 8 - half)
        span = (centre - half - 6, centre + half + 6)
        # Alternate above (side 0) and below (side 1); a label that would overlap another moves out one lane.
        side, level = _free_lane(lanes, span, prefer=index % 2)
        lanes.setdefault((side, level), []).append(span)
        placed.append((year, label, name, url, filled, cx, centre, side, level))

    levels_above = 1 + max((level for *_placed, side, level in placed if side == 0), default=-1)
    levels_below = 1 + max((level for *_placed, side, level in placed if side == 1), default=-1)
    axis = 10 + MARKER_RADIUS + levels_above * LANE
    height = axis + MARKER_RADIUS + 24 + levels_below * LANE

    leaders, markers = ['<g class="chart-leaders">'], ['<g class="chart-events">']
    for year, label, name, url, filled, cx, centre, side, level in placed:
        if side == 0:
            baseline = axis - MARKER_RADIUS - 8 - level * LANE
            leaders.append(_line(cx, axis - MARKER_RADIUS, cx, baseline + 3, stroke=LINE))
        else:
            baseline = axis + MARKER_RADIUS + 34 + level * LANE
            leaders.append(_line(cx, axis + MARKER_RADIUS, cx, baseline - FONT_SIZE, stroke=LINE))
        tooltip = f"<title>{year}: {escape(label)}</title>"
        marker = (
            f'<circle class="{"filled" if filled else "open"}" cx="{_n(cx)}" cy="{_n(axis)}" r="{MARKER_RADIUS}" '
            f'stroke-width="2">{tooltip}</circle>'
        )
        marker += _text(centre, baseline, name, css_class="chart-label", tooltip=tooltip if name != label else "")
        markers.append(f'<a href="{escape(url)}">{marker}</a>' if url is not None else f"<g>{marker}</g>")
    leaders.append("</g>")
    markers.append("</g>")

    # Leaders, then the axis, then the markers over it. The years' white outline keeps them legible where a leader
    # passes behind them on its way to a label below the axis.
    axis_parts = ['<g class="chart-axis">', _line(left, axis, right, axis, stroke=MUTED)]
    for tick in _year_ticks(first, last):
        axis_parts.append(_line(x(tick), axis, x(tick), axis + 4, stroke=MUTED))
        axis_parts.append(
            f'<text x="{_n(x(tick))}" y="{_n(axis + MARKER_RADIUS + 14)}" text-anchor="middle" '
            f'font-size="{SMALL_FONT_SIZE}" fill="{MUTED}" stroke="#fff" stroke-width="3" paint-order="stroke">'
            f"{tick}</text>"
        )
    axis_parts.append("</g>")
    body = [*leaders, *axis_parts, *markers]
    return _svg(
        width, height, title, description, body, linked=any(url is not None for _year, _label, url, _filled in events)
    )


def _svg(
    width: float, height: float, title: str, description: str, body: list[str], *, linked: bool = False
) -> SafeString:
    chart_id = f"chart-{uuid.uuid4().hex}"
    # A picture is one image to a screen reader, which then skips what is inside it: a chart with links is a
    # group of them instead, or its links could be neither read nor reached.
    role = "group" if linked else "img"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(width)} {_n(height)}" width="{_n(width)}" '
        f'height="{_n(height)}" role="{role}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" class="chart">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
        *body,
        "</svg>",
    ]
    # Every text and attribute value in `body` was escaped where it was written; the rest is markup and numbers.
    return mark_safe("".join(parts))  # noqa: S308


def _web_address(url: str, label: str) -> str:
    """`url`, which must be a web address: a chart links nowhere else (no javascript:)."""
    if urlsplit(url.strip()).scheme not in ("", "http", "https"):
        raise ValueError(f"The link of {label!r} is not a web address: {url!r}")
    return url


def _legend(series: list[Series], x: float, limit: float) -> tuple[list[str], int]:
    """The legend's swatches and labels, in rows that wrap before `limit`; and how many rows there are."""
    if not series:
        return [], 0
    parts, row, start = ['<g class="chart-legend">'], 0, x
    for label, css_class, _values in series:
        item = SWATCH + 6 + _text_width(label, FONT_SIZE)
        if x > start and x + item > limit:
            x, row = start, row + 1
        y = 10 + row * LEGEND_ROW
        parts.append(f'<rect class="{escape(css_class)}" x="{_n(x)}" y="{y}" width="{SWATCH}" height="{SWATCH}"/>')
        parts.append(_text(x + SWATCH + 6, y + 10, label, anchor="start"))
        x += item + 18
    parts.append("</g>")
    return parts, row + 1


def _free_lane(
    lanes: dict[tuple[int, int], list[tuple[float, float]]], span: tuple[float, float], prefer: int
) -> tuple[int, int]:
    """The nearest (side, level) where `span` overlaps no label already placed, trying the `prefer` side first."""
    level = 0
    while True:
        for side in (prefer, 1 - prefer):
            if all(span[1] <= start or end <= span[0] for start, end in lanes.get((side, level), [])):
                return side, level
        level += 1


def _value_ticks(highest: int) -> list[int]:
    """0 up to a round number at or above `highest`, in at most 5 equal steps of 1, 2 or 5 × 10ⁿ."""
    if highest <= 0:
        return [0]
    magnitude = 1
    while True:
        for step in (magnitude, 2 * magnitude, 5 * magnitude):
            if math.ceil(highest / step) <= 5:
                return list(range(0, math.ceil(highest / step) * step + 1, step))
        magnitude *= 10


def _year_ticks(first: int, last: int) -> list[int]:
    """The years between `first` and `last` to write on the axis: every one, or every 2nd, 5th, 10th… year."""
    magnitude = 1
    while True:
        for step in (magnitude, 2 * magnitude, 5 * magnitude):
            if (last - first) / step <= 12:
                return list(range(-(-first // step) * step, last + 1, step))
        magnitude *= 10


def _text(
    x: float,
    y: float,
    content: str,
    *,
    size: int = FONT_SIZE,
    anchor: str = "middle",
    fill: str = INK,
    css_class: str = "",
    weight: str = "",
    tooltip: str = "",
) -> str:
    """A <text> element; `content` is escaped here, `tooltip` must be markup escaped already."""
    attributes = f' class="{css_class}"' if css_class else ""
    if weight:
        attributes += f' font-weight="{weight}"'
    return (
        f'<text{attributes} x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}" font-size="{size}" fill="{fill}">'
        f"{escape(content)}{tooltip}</text>"
    )


def _line(x1: float, y1: float, x2: float, y2: float, *, stroke: str, css_class: str = "") -> str:
    attributes = f' class="{css_class}"' if css_class else ""
    return f'<line{attributes} x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" stroke="{stroke}"/>'


def _n(value: float) -> str:
    """A coordinate to one decimal, so that the same chart is always the same text."""
    return f"{value:.1f}".removesuffix(".0")


def _text_width(text: str, size: float) -> float:
    # There are no font metrics on the server: 0.6em is a little wider than an average sans-serif letter, so that
    # the estimate leaves room rather than overlaps.
    return len(text) * size * 0.6
