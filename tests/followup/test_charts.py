import math
import re
import xml.etree.ElementTree as ET

import pytest

from followup.charts import stacked_bar_chart, timeline_chart
from rcm.lib.numerals import to_roman

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "<script>alert(1)</script> & \"double\" 'single'"
CATEGORIES = ["XVII (2012)", "XVIII (2013)", "XIX (2014)"]
SERIES = [
    ("Completed", "completed", [3, 0, 2]),
    ("In progress", "in_progress", [1, 4, 0]),
    ("Pending", "pending", [0, 0, 5]),
]


def bars(**changes) -> str:
    arguments = {
        "title": "Decisions by conference",
        "description": "How far each conference's decisions have been carried out",
        "categories": CATEGORIES,
        "series": SERIES,
    }
    return stacked_bar_chart(**(arguments | changes))


def timeline(events, **changes) -> str:
    arguments = {"title": "Conferences", "description": "One circle per conference", "events": events}
    return timeline_chart(**(arguments | changes))


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def texts(root: ET.Element) -> list[str]:
    """What the chart writes on the page: its <text> elements, without their hover titles."""
    return [(text.text or "") for text in root.iter(f"{SVG}text")]


def group(root: ET.Element, css_class: str) -> ET.Element:
    return root.find(f".//{SVG}g[@class='{css_class}']")


@pytest.mark.parametrize("chart", [bars, lambda **changes: timeline([(2012, "XVII", None, True)], **changes)])
def test_it_labels_the_chart_for_screen_readers(chart):
    root = parse(chart(title="Decisions by conference", description="What became of each decision"))
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("class") == "chart"
    title_id, desc_id = root.get("aria-labelledby").split()
    title, desc = root[0], root[1]
    assert (title.tag, title.get("id"), title.text) == (f"{SVG}title", title_id, "Decisions by conference")
    assert (desc.tag, desc.get("id"), desc.text) == (f"{SVG}desc", desc_id, "What became of each decision")


def test_a_timeline_with_links_is_a_group_whose_links_a_screen_reader_reaches():
    # An image's content is hidden from screen readers (axe-core: nested-interactive); a group's is not.
    root = parse(timeline([(2012, "XVII", "/conferences/17/", True)]))
    assert root.get("role") == "group"
    assert root.get("aria-labelledby")


def test_every_chart_has_its_own_ids():
    first, second = parse(bars()), parse(bars())
    assert first.get("aria-labelledby") != second.get("aria-labelledby")


def test_it_draws_the_same_chart_for_the_same_data():
    def without_ids(svg: str) -> str:
        return re.sub(r"chart-[0-9a-f]{32}", "ID", svg)

    assert without_ids(bars()) == without_ids(bars())
    events = [(2012, "XVII", "/17/", True), (2013, "XVIII", None, False)]
    assert without_ids(timeline(events)) == without_ids(timeline(events))


@pytest.mark.parametrize(("css_class", "segments"), [("completed", 2), ("in_progress", 2), ("pending", 1)])
def test_it_draws_a_segment_for_each_value_that_is_not_zero(css_class, segments):
    drawn = group(parse(bars()), "chart-bars").findall(f"{SVG}rect[@class='{css_class}']")
    assert len(drawn) == segments
    assert all(float(rect.get("height")) > 0 for rect in drawn)


def test_segments_say_what_they_count_when_hovered():
    segments = group(parse(bars()), "chart-bars").findall(f"{SVG}rect")
    assert [rect.find(f"{SVG}title").text for rect in segments] == [
        "XVII (2012): Completed 3",
        "XVII (2012): In progress 1",
        "XVIII (2013): In progress 4",
        "XIX (2014): Completed 2",
        "XIX (2014): Pending 5",
    ]


def test_segments_of_a_bar_are_stacked_without_gaps():
    segments = group(parse(bars()), "chart-bars").findall(f"{SVG}rect")
    completed, in_progress = segments[0], segments[1]
    assert float(in_progress.get("y")) + float(in_progress.get("height")) == pytest.approx(float(completed.get("y")))


def test_it_writes_the_total_above_each_bar():
    assert [text.text for text in group(parse(bars()), "chart-totals")] == ["4", "4", "7"]


def test_it_writes_the_categories_and_a_legend():
    root = parse(bars())
    assert [text.text for text in group(root, "chart-labels")] == CATEGORIES
    legend = group(root, "chart-legend")
    assert [rect.get("class") for rect in legend.findall(f"{SVG}rect")] == ["completed", "in_progress", "pending"]
    assert [text.text for text in legend.findall(f"{SVG}text")] == ["Completed", "In progress", "Pending"]


def test_linked_categories_make_a_group_whose_links_a_keyboard_reaches():
    root = parse(bars(urls=["/conferences/17/implementation/", "/conferences/18/implementation/", "/x/"]))
    assert root.get("role") == "group"
    links = group(root, "chart-labels").findall(f"{SVG}a")
    assert [link.get("href") for link in links][:2] == [
        "/conferences/17/implementation/",
        "/conferences/18/implementation/",
    ]
    assert links[0].find(f"{SVG}text").text == "XVII (2012)"
    with pytest.raises(ValueError):
        bars(urls=["javascript:alert(1)", "/", "/"])


def test_many_categories_widen_the_bars_but_not_the_legend():
    categories = [f"C{index}" for index in range(20)]
    root = parse(bars(categories=categories, series=[("Completed", "completed", [1] * 20)] * 7))
    assert float(root.get("width")) > 350  # wider than a phone shows
    legend = group(root, "chart-legend").findall(f"{SVG}rect")
    assert max(float(rect.get("x")) + float(rect.get("width")) for rect in legend) < 350  # what a phone shows


def test_the_bars_of_40_conferences_fit_a_desktop_at_full_size_with_their_labels_apart():
    categories = [to_roman(number) for number in range(1, 41)]
    root = parse(bars(categories=categories, series=[("Completed", "completed", [12] * 40)]))
    # Shown at its drawn size when its column is as wide: 1,112 px of a 1,280 px screen (site.css).
    assert float(root.get("width")) <= 1112
    assert min(int(text.get("font-size")) for text in root.iter(f"{SVG}text")) >= 13
    labels = group(root, "chart-labels").findall(f"{SVG}text")
    # Labels turned 45° lie (distance between bars)·sin 45° apart, which must pass their 14 px.
    assert (float(labels[1].get("x")) - float(labels[0].get("x"))) * math.sqrt(0.5) >= 16


def test_totals_of_three_figures_stand_apart():
    root = parse(bars(categories=["I", "II", "III"], series=[("Completed", "completed", [120] * 3)], plot_width=0))
    first, second = (float(text.get("x")) for text in group(root, "chart-totals").findall(f"{SVG}text")[:2])
    assert second - first > len("120") * 14 * 0.6  # the chart's own estimate of their width: 0.6em a figure


def test_a_chart_asked_wider_draws_wider():
    assert float(parse(bars(plot_width=560)).get("width")) > 560 > float(parse(bars()).get("width"))


def test_it_numbers_the_value_axis():
    axis = [text.text for text in group(parse(bars()), "chart-axis").findall(f"{SVG}text")]
    assert axis[0] == "0"
    assert int(axis[-1]) >= 7


def test_a_chart_of_zeros_says_there_is_no_data():
    root = parse(bars(series=[("Completed", "completed", [0, 0, 0])]))
    assert "No data" in texts(root)
    assert group(root, "chart-bars").findall(f"{SVG}rect") == []
    assert len(group(root, "chart-axis").findall(f"{SVG}line")) >= 2
    assert [text.text for text in group(root, "chart-labels")] == CATEGORIES


def test_a_chart_with_data_does_not_say_there_is_none():
    assert "No data" not in texts(parse(bars()))


def test_what_users_typed_stays_text():
    svg = bars(title=HOSTILE, description=HOSTILE, categories=[HOSTILE, "XVIII"], series=[(HOSTILE, HOSTILE, [1, 2])])
    root = parse(svg)  # still well-formed XML
    assert "<script" not in svg
    assert not [element for element in root.iter() if element.tag.endswith("script")]
    assert root[0].text == HOSTILE
    assert root[1].text == HOSTILE
    assert group(root, "chart-legend").find(f"{SVG}text").text == HOSTILE
    assert group(root, "chart-bars").find(f"{SVG}rect/{SVG}title").text == f"{HOSTILE}: {HOSTILE} 1"


def test_what_users_typed_stays_text_in_a_timeline():
    url = '/search/?q="><script>alert(1)</script>&page=2'
    svg = timeline([(2012, HOSTILE, url, True)], title=HOSTILE, description=HOSTILE)
    root = parse(svg)
    assert "<script" not in svg
    assert not [element for element in root.iter() if element.tag.endswith("script")]
    assert root.find(f".//{SVG}a").get("href") == url
    assert root.find(f".//{SVG}circle/{SVG}title").text == f"2012: {HOSTILE}"


@pytest.mark.parametrize("url", ["javascript:alert(1)", " JavaScript:alert(1)", "java\tscript:alert(1)", "data:,x"])
def test_a_timeline_links_only_to_web_addresses(url):
    with pytest.raises(ValueError):
        timeline([(2012, "XVII", url, True)])


def test_the_timeline_has_a_marker_for_each_event():
    events = [
        (2012, "XVII", "/conferences/17/", True),
        (2013, "XVIII", None, False),
        (2013, "Extraordinary", None, True),
        (2019, "XXIV", "https://example.org/xxiv", False),
    ]
    root = parse(timeline(events))
    circles = root.findall(f".//{SVG}circle")
    assert [circle.get("class") for circle in circles] == ["filled", "open", "filled", "open"]
    assert [circle.find(f"{SVG}title").text for circle in circles] == [
        "2012: XVII",
        "2013: XVIII",
        "2013: Extraordinary",
        "2019: XXIV",
    ]
    assert len({circle.get("cx") for circle in circles}) == 4  # events of one year side by side, not on top
    links = root.findall(f".//{SVG}a")
    assert [link.get("href") for link in links] == ["/conferences/17/", "https://example.org/xxiv"]
    assert [link.find(f"{SVG}text").text for link in links] == ["XVII", "XXIV"]


def test_the_timeline_runs_from_the_year_before_to_the_year_after():
    root = parse(timeline([(2012, "XVII", None, True), (2016, "XXI", None, True)]))
    years = [int(text.text) for text in group(root, "chart-axis").findall(f"{SVG}text")]
    assert (years[0], years[-1]) == (2011, 2017)


def test_timeline_labels_alternate_above_and_below_the_axis():
    root = parse(timeline([(2012, "XVII", None, True), (2013, "XVIII", None, True), (2014, "XIX", None, True)]))
    axis = float(root.find(f".//{SVG}circle").get("cy"))
    above = [float(label.get("y")) < axis for label in root.iter(f"{SVG}text") if label.get("class") == "chart-label"]
    assert above == [True, False, True]


def test_timeline_labels_do_not_overlap():
    events = [(year, f"Conference of the year {year}", None, True) for year in range(1996, 2025)]
    root = parse(timeline(events))
    labels = [label for label in root.iter(f"{SVG}text") if label.get("class") == "chart-label"]
    boxes = []
    for label in labels:
        # The chart's own estimate: 0.6em a letter.
        half = len(label.text) * float(label.get("font-size")) * 0.6 / 2
        boxes.append((float(label.get("y")), float(label.get("x")) - half, float(label.get("x")) + half))
    for index, (y, start, end) in enumerate(boxes):
        for other_y, other_start, other_end in boxes[index + 1 :]:
            assert y != other_y or end <= other_start or other_end <= start


def test_an_empty_timeline_says_there_is_no_data():
    root = parse(timeline([]))
    assert "No data" in texts(root)
    assert root.findall(f".//{SVG}circle") == []
