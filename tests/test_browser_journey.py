"""The Secretariat's journey in a real browser: Debian's Chromium driven by Playwright.

An editor creates conference XVIII with a declaration and two decisions and links XVIII/1 to XVII/2;
delegates read it once it is circulated, the public only once a publisher has published it. Screenshots
of the main screens land in test-output/screenshots/ for a person to look at.
"""

import pytest
from playwright.sync_api import Page, expect

from declarations.models import Conference
from followup.models import Mandate
from tests.browser import DESKTOP, SCREENSHOTS, accounts, sign_in


@pytest.fixture
def archive(live_archive):
    """The seed without the planned XVIII, which the editor is about to create, and three accounts."""
    Mandate.objects.filter(report_to__number=18).update(report_to=None)
    Conference.objects.filter(kind="ordinary", number=18).delete()
    accounts(ana="editor", pat="publisher", dee="delegate")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)


def _sign_in(browser, base: str, name: str) -> Page:
    return sign_in(browser.new_page(viewport=DESKTOP), base, name)


def _shot(page: Page, name: str) -> None:
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


def test_the_secretariat_journey(browser, live_server, archive):
    base = live_server.url
    editor = _sign_in(browser, base, "ana")
    expect(editor.locator("h1")).to_have_text("Dashboard")
    _shot(editor, "01-dashboard")

    editor.click("text=New meeting")
    editor.fill("#id_number", "18")
    editor.fill("#id_theme_en", "Migrant Families and Children")
    editor.select_option("#id_host_country", label="Costa Rica")
    editor.fill("#id_cities", "San José")
    editor.fill("#id_start_date", "2013-06-27")
    editor.fill("#id_end_date", "2013-06-28")
    editor.select_option("#id_participants-0-role", "member_state")
    editor.select_option("#id_participants-0-country", label="Costa Rica")
    _shot(editor, "02-conference-form")
    editor.click("button.primary:has-text('Save')")
    expect(editor.locator(".messages")).to_contain_text("Saved the XVIII Regional Conference on Migration.")

    editor.click("text=New text")
    editor.fill("#id_title", "XVIII REGIONAL CONFERENCE ON MIGRATION")
    editor.click("button:has-text('Create the draft')")
    editor.fill("#id_opening", "The XVIII Vice-Ministerial Meeting was held in San José, Costa Rica.")
    editor.fill("#id_paragraphs-0-text", "Recognized the work of the Technical Secretariat.")
    editor.click("button.primary:has-text('Save')")
    editor.fill("#id_paragraphs-1-text", "Reiterated the commitment to protect migrant children.")
    editor.click("button.primary:has-text('Save')")
    expect(editor.locator("#id_paragraphs-1-text")).to_have_value(
        "Reiterated the commitment to protect migrant children."
    )
    _shot(editor, "03-declaration-form")

    for number, text in ((1, "Follow up on the proposals on extra-continental migration."), (2, "Thank Costa Rica.")):
        editor.click("nav.breadcrumbs >> text=XVIII Regional Conference on Migration")
        editor.click("text=New decision")
        editor.fill("#id_number", str(number))
        editor.fill("#id_text_en", text)
        editor.click("button.primary:has-text('Save')")
        expect(editor.locator(".messages")).to_contain_text(f"Saved RCM XVIII/{number}.")
        if number == 1:
            editor.select_option("#id_kind", "follows_up_on")
            editor.fill("#id_decision", "XVII/2")
            editor.click("button:has-text('Add the link')")
            expect(editor.locator(".messages")).to_contain_text("RCM XVIII/1 follows up on RCM XVII/2")
            _shot(editor, "04-decision-form")

    editor.click("nav.breadcrumbs >> text=XVIII Regional Conference on Migration")
    editor.click("text=English text")
    editor.click("text=Circulate to delegates")
    editor.click("button:has-text('Circulate to delegates')")
    expect(editor.locator(".badge").first).to_have_text("Circulated to delegates")
    expect(editor.locator(".workflow a.button", has_text="Publish")).to_have_count(0)  # editors do not publish

    delegate = _sign_in(browser, base, "dee")
    delegate.goto(f"{base}/conferences/18/declaration/")
    expect(delegate.locator(".banner")).to_contain_text("DRAFT: circulated to delegates")
    _shot(delegate, "05-delegate-reads-draft")
    public = browser.new_page()
    assert public.goto(f"{base}/conferences/18/declaration/").status == 404

    publisher = _sign_in(browser, base, "pat")
    publisher.goto(editor.url)
    publisher.click("a:has-text('Publish')")
    _shot(publisher, "06-publish-confirmation")
    publisher.click("button:has-text('Publish')")
    expect(publisher.locator(".messages")).to_contain_text("Published: everyone can read it now.")

    assert public.goto(f"{base}/conferences/18/declaration/").status == 200
    expect(public.locator("#decision-1")).to_contain_text("Follow up on the proposals on extra-continental migration.")
    expect(public.locator(".banner")).to_have_count(0)
    _shot(public, "07-public-declaration")
    public.goto(f"{base}/conferences/17/decisions/2/")
    expect(public.locator(".links")).to_contain_text("Followed up by RCM XVIII/1")
    _shot(public, "08-public-decision-followed-up")
