"""Entering a conference by hand as fast as reading it, in a real browser (Debian's Chromium driven by Playwright).

An editor enters the XXV conference: 11 member states and 2 observer countries, a declaration with its chapeau,
3 paragraphs and 6 decisions, a link (XXV/1 follows up on XVII/2) and a mandate (XXV/2 mandates the Technical
Secretariat, with a deadline). The test counts the pages the browser loads on the way and holds them to 15 (the
same entry took 53 before rows could be added on the page and decisions entered on the text's page). The texts
are written for this test: test data, not the RCM's.
"""

import pytest
from playwright.sync_api import Page, expect

from declarations.models import Conference
from followup.models import Mandate
from tests.browser import PASSWORD, accounts

MOST_PAGE_LOADS = 15

MEMBERS = [
    "Belize",
    "Canada",
    "Costa Rica",
    "Dominican Republic",
    "El Salvador",
    "Guatemala",
    "Honduras",
    "Mexico",
    "Nicaragua",
    "Panama",
    "United States of America",
]
OBSERVERS = ["Argentina", "Colombia"]
PARAGRAPHS = [
    "Recognized the work of the Technical Secretariat during the year (test data).",
    "Emphasized the protection of migrant children in transit (test data).",
    "Reiterated the commitment to orderly and safe migration (test data).",
]
DECISIONS = [
    "Follow up on the work of the Ad Hoc Working Group on extra-continental migration (test data).",
    "Instruct the Technical Secretariat to prepare a report on return and reintegration (test data).",
    "Approve the budget of the Technical Secretariat for the coming year (test data).",
    "Convene a workshop of the liaison officers networks (test data).",
    "Thank the observer countries for their participation (test data).",
    "Thank the host country for its hospitality (test data).",
]


@pytest.fixture
def archive(live_archive):
    """The seed without the planned XXV, which the editor is about to enter, and an editor's account."""
    Mandate.objects.filter(report_to__number=25).update(report_to=None)
    Conference.objects.filter(kind="ordinary", number=25).delete()
    accounts(ana="editor")


def _add_rows(page: Page, prefix: str, wanted: int) -> None:
    """Press the formset's "Add a row" until it has `wanted` rows: the page's script adds each, with no load."""
    while int(page.input_value(f"#id_{prefix}-TOTAL_FORMS")) < wanted:
        page.click(f"button[data-formset-add='{prefix}']")


def test_an_editor_enters_the_xxv_conference_in_at_most_15_page_loads(browser, live_server, archive):
    base = live_server.url
    editor = browser.new_page(viewport={"width": 1280, "height": 900})
    loads: list[str] = []
    editor.on("load", lambda page: loads.append(page.url))

    editor.goto(f"{base}/accounts/login/")
    editor.fill("#id_username", "ana")
    editor.fill("#id_password", PASSWORD)
    editor.click("button:has-text('Sign in')")

    # The meeting and its 13 participants, on one page.
    editor.click("text=New meeting")
    editor.fill("#id_number", "XXV")
    editor.fill("#id_theme_en", "Migration, development and return (test data)")
    editor.select_option("#id_host_country", label="Guatemala")
    editor.fill("#id_cities", "Guatemala City")
    editor.fill("#id_start_date", "2020-06-18")
    editor.fill("#id_end_date", "2020-06-19")
    participants = [("member_state", name) for name in MEMBERS] + [("observer_state", name) for name in OBSERVERS]
    _add_rows(editor, "participants", len(participants))
    for number, (role, country) in enumerate(participants, start=1):
        # By the names a screen reader reads, which also head each row on a phone.
        editor.get_by_label(f"Participant {number}: Role", exact=True).select_option(role)
        editor.get_by_label(f"Participant {number}: State", exact=True).select_option(label=country)
        editor.get_by_label(f"Participant {number}: Order", exact=True).fill(str(number))
    editor.click("button.primary:has-text('Save')")
    expect(editor.locator(".messages")).to_contain_text("Saved the XXV Regional Conference on Migration.")
    expect(editor.locator("#id_number")).to_have_value("XXV")

    # The declaration: its chapeau, 3 paragraphs and 6 decisions, in one save.
    editor.click("text=New text or document")
    editor.fill("#id_title", "XXV REGIONAL CONFERENCE ON MIGRATION")
    editor.click("button:has-text('Create the draft')")
    editor.fill("#id_opening", "The XXV Vice-Ministerial Meeting was held in Guatemala City (test data).")
    editor.fill("#id_chapeau", "The Vice-Ministers and Heads of Delegation:")
    _add_rows(editor, "paragraphs", len(PARAGRAPHS))
    for index, text in enumerate(PARAGRAPHS):
        editor.fill(f"#id_paragraphs-{index}-text", text)
    _add_rows(editor, "decisions", len(DECISIONS))
    for index, text in enumerate(DECISIONS):
        editor.get_by_label(f"Decision row {index + 1}: Text", exact=True).fill(text)
    editor.click("button.primary:has-text('Save')")
    expect(editor.locator(".messages")).to_contain_text("Saved the text.")

    # The link, from XXV/1's own page.
    editor.click("text=RCM XXV/1: deadline, who it mandates, links, topics")
    editor.select_option("#id_kind", "follows_up_on")
    editor.fill("#id_decision", "XVII/2")
    editor.click("button:has-text('Add the link')")
    expect(editor.locator(".messages")).to_contain_text("RCM XXV/1 follows up on RCM XVII/2")

    # The mandate, on XXV/2's page: the Technical Secretariat, by a deadline.
    editor.click("nav.breadcrumbs >> text=XXV Regional Conference on Migration")
    editor.click("a.citation:has-text('RCM XXV/2')")
    editor.locator("fieldset", has_text="Mandated").get_by_label("Technical Secretariat").check()
    editor.fill("#id_deadline", "2021-06-30")
    editor.click("button.primary:has-text('Save')")
    expect(editor.locator(".messages")).to_contain_text("Saved RCM XXV/2.")

    print(f"\nEntering the XXV conference took {len(loads)} page loads (at most {MOST_PAGE_LOADS}).")
    assert len(loads) <= MOST_PAGE_LOADS, loads

    # What a reader of the draft (the Secretariat) then reads.
    editor.goto(f"{base}/conferences/25/")
    expect(editor.locator("ul.participants li")).to_have_text(MEMBERS + OBSERVERS)
    expect(editor.locator(".decision-list li")).to_have_count(len(DECISIONS))
    editor.goto(f"{base}/conferences/25/declaration/")
    expect(editor.locator(".chapeau")).to_have_text("The Vice-Ministers and Heads of Delegation:")
    expect(editor.locator("ol.paragraphs li p")).to_have_text(PARAGRAPHS)
    expect(editor.locator("ol.decisions li > div > p:first-child")).to_have_text(DECISIONS)
    # XXV/2's mandate, once: who must act, by when and its status together, typed once on the decision's page.
    editor.goto(f"{base}/conferences/25/decisions/2/")
    mandate = editor.locator("tr.mandate")
    expect(mandate).to_have_count(1)
    expect(mandate).to_contain_text("Technical Secretariat")
    expect(mandate).to_contain_text("30 June 2021")
    expect(mandate).to_contain_text("Pending")
    expect(editor.locator("main a[href='/bodies/technical-secretariat/']")).to_have_count(1)
    expect(editor.locator("main")).not_to_contain_text("No mandate is recorded")
    # And on the staff follow-up dashboard, owed by its deadline, not among the decisions that mandate no one.
    editor.goto(f"{base}/staff/follow-up/")
    expect(editor.locator("tr.owed", has_text="RCM XXV/2")).to_have_count(1)
    expect(editor.locator("tr.owed", has_text="RCM XXV/2")).to_contain_text("Technical Secretariat")
    without = editor.locator("section", has_text="Decisions that mandate no one")
    expect(without).to_contain_text("RCM XXV/1")
    expect(without).not_to_contain_text("RCM XXV/2")
    editor.goto(f"{base}/conferences/25/decisions/1/")
    expect(editor.locator(".links")).to_contain_text("Follows up on RCM XVII/2")
