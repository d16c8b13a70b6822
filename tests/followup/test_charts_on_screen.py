"""The overview's charts as a reader sees them in Debian's Chromium (tests/browser.py): their text stays
readable on a desktop and on a phone however many conferences there are, the figure scrolling rather than
the chart shrinking."""

import io

from django.core.management import call_command

from tests.browser import DESKTOP, PHONE

# Each chart's smallest text as shown: its drawn font size times the scale the page shows the chart at.
SMALLEST_TEXT = """() => [...document.querySelectorAll('figure.chart-figure svg.chart')].map(svg => {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return Math.min(...[...svg.querySelectorAll('text')].map(text => text.getAttribute('font-size') * scale));
})"""
SCROLLS = "figure => figure.scrollWidth > figure.clientWidth"


def test_the_charts_of_60_conferences_keep_their_text_readable(browser, live_archive):
    call_command(
        "generate_synthetic", "--conferences", "60", "--decisions", "2", stdout=io.StringIO(), stderr=io.StringIO()
    )
    for screen in (DESKTOP, PHONE):
        page = browser.new_page(viewport=screen)
        page.goto(f"{live_archive}/implementation/")
        assert [round(size, 1) for size in page.evaluate(SMALLEST_TEXT)] == [13, 13], screen  # bars, timeline
        assert page.locator("figure.chart-figure").first.evaluate(SCROLLS), screen  # the bars of 61 conferences
        assert page.evaluate("document.documentElement.scrollWidth") == screen["width"]
        page.close()
