"""The filters of a list as a reader sees them in Debian's Chromium (tests/browser.py): open on a desktop;
closed on a phone, where their sixteen fields filled the first screens before any result, unless they
have an error to show."""

from tests.browser import DESKTOP, PHONE

OPEN = "details.filters-box"


def test_a_phone_shows_the_results_first_and_the_filters_on_demand(browser, live_archive):
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{live_archive}/decisions/?topic=meetings&sort=citation")
    assert not page.locator(OPEN).evaluate("details => details.open")
    assert page.locator("summary").first.inner_text() == "Filters · 2 chosen"
    first_result = page.locator(".result").first.bounding_box()
    assert first_result["y"] + first_result["height"] < PHONE["height"]
    page.locator("summary").first.click()
    assert page.locator("#id_topic").input_value() == "meetings"
    page.close()


def test_a_desktop_and_a_phone_with_an_error_show_the_filters_open(browser, live_archive):
    for screen, address in [(DESKTOP, "/decisions/?state=PA"), (PHONE, "/decisions/?year_from=soon")]:
        page = browser.new_page(viewport=screen)
        page.goto(f"{live_archive}{address}")
        assert page.locator(OPEN).evaluate("details => details.open"), (screen, address)
        assert page.locator("#id_year_from").is_visible()
        page.close()
