"""Every page, public and staff, on a phone: axe-core finds nothing wrong and nothing is wider than the screen.

One Chromium page at 390 px visits every page of every URL pattern that answers with a page (tests/browser.py),
as the public, a delegate, an editor and a publisher where what they see differs, over the seed and a conference
built for this test with many rows (16 participants, 16 decisions, a text in both languages, a second document,
a circulated draft, follow-up with evidence). On each page axe-core (bundled by axe-playwright-python) must report
no violation of any impact, and `document.documentElement.scrollWidth` must not pass 390 px. A URL pattern added
without a line here fails the test. docs/accessibility.md says what is checked and why.
"""

import datetime
import re
from dataclasses import dataclass

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.files.base import ContentFile
from django.urls import reverse
from playwright.sync_api import Page

from decisions.models import Decision, Link
from declarations.models import Conference, Declaration, OutcomeDocument
from followup.models import FollowUpAction, Mandate, StatusChange
from rcm.base.models import Body, Country, Organization
from rcm.interchange.schema import read_declaration_json
from rcm.interchange.services import declaration_import
from tests.browser import DESKTOP, PHONE, accounts, sign_in
from tests.factories import declaration_document
from tests.test_canary import CRAWLED, STAFF

# The URL patterns that answer with something other than a page to audit: files, feeds, probes, and the two
# that only take a POST.
NOT_PAGES = {
    "declaration_json", "declaration_json_language", "declaration_pdf", "declaration_pdf_language",
    "declaration_side_by_side_pdf", "briefing_pdf", "register_pdf", "implementation_csv", "implementation_xlsx",
    "evidence", "item_evidence", "decision_list_csv", "decision_list_json", "paragraph_list_csv",
    "paragraph_list_json", "decision_feed", "declaration_feed", "health", "ready", "set_language", "logout",
}  # fmt: skip
# The site's own 403 and 404 pages, which no URL pattern names.
ERROR_PAGES = {"page not found": 404, "permission denied": 403}
MEMBERS = ["BZ", "CA", "CR", "DO", "SV", "GT", "HN", "MX", "NI", "PA", "US"]
OBSERVER_STATES = ["AR", "CO"]
OBSERVER_ORGANIZATIONS = ["IOM", "UNHCR", "IACHR"]
ROLES = {"dee": "delegate", "ana": "editor", "pat": "publisher"}


@dataclass
class World:
    """What the pages are about: the conference with many rows (XXX), a circulated text (XXXI), a draft (XXXII)."""

    many: Conference
    english: Declaration
    circulated: Declaration
    draft: Declaration
    decision: Decision
    mandate: Mandate
    link: Link


def _many_rows() -> World:
    """Conference XXX: 16 participants, 16 decisions, its text in English and in Spanish, a joint communiqué
    beside it; XXXI circulated to delegates, XXXII a draft; XVII/2 with a status change and an action with
    its evidence."""
    participants = {
        "member_states": MEMBERS,
        "observer_states": OBSERVER_STATES,
        "observer_organizations": OBSERVER_ORGANIZATIONS,
    }
    texts = {}
    for language in ("en", "es"):
        document = declaration_document(30, 16, language=language, participants=participants)
        document["title"] = f"XXX REGIONAL CONFERENCE ON MIGRATION ({language}, test data)"
        texts[language] = declaration_import(data=read_declaration_json(document), publish=True)
    communique = declaration_document(30, 2, kind="joint_communique", participants=participants)
    declaration_import(data=read_declaration_json(communique), publish=True)
    circulated = declaration_import(data=read_declaration_json(declaration_document(31, 3)), publish=False)
    circulated.status = Declaration.Status.CIRCULATED
    circulated.save()
    draft = declaration_import(data=read_declaration_json(declaration_document(32, 2)), publish=False)

    decision = Decision.objects.get(conference__kind="ordinary", conference__number=17, number=2)
    mandate = Mandate.objects.filter(mention__decision=decision).first()
    StatusChange.objects.create(
        decision=decision, mandate=mandate, status="in_progress", date=datetime.date(2013, 1, 2),
        reason="A first meeting was held (test data).",
    )  # fmt: skip
    action = FollowUpAction(
        decision=decision, mandate=mandate, date=datetime.date(2013, 2, 3), description="Minutes (test data).",
        done_by="Technical Secretariat", evidence_url="https://example.org/minutes",
    )  # fmt: skip
    action.evidence_name = "minutes.pdf"
    action.evidence_file.save("minutes.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    action.save()
    return World(
        many=texts["en"].conference,
        english=texts["en"],
        circulated=circulated,
        draft=draft,
        decision=decision,
        mandate=mandate,
        link=Link.objects.filter(source__conference__number=17).first(),
    )


def _pages(world: World) -> list[tuple[str | None, str, str]]:
    """(who signs in, URL name, address) of every page to audit; None is the public."""
    xvii = Conference.objects.get(kind="ordinary", number=17)
    xvii_text = Declaration.objects.get(conference=xvii)
    many, many_pk = world.many, world.many.pk
    decision_pk = world.decision.pk
    outcome = world.english.outcome.slug
    communique = OutcomeDocument.objects.get(conference=many, kind="joint_communique")
    body = Body.objects.get(slug="technical-secretariat")
    panama = Country.objects.get(code="PA")
    iom = Organization.objects.get(acronym="IOM")
    history = world.decision.history.order_by("history_id").first()

    def url(name: str, *args) -> str:
        return reverse(name, args=args)

    public = [
        ("home", url("home")),
        ("conference_list", url("conference_list")),
        ("meeting_list", url("meeting_list")),
        ("conference_detail", url("conference_detail", xvii)),
        ("conference_detail", url("conference_detail", many)),
        ("declaration_detail", url("declaration_detail", xvii, "declaration")),
        ("declaration_detail", url("declaration_detail", many, outcome)),
        ("declaration_detail_language", url("declaration_detail_language", many, outcome, "es")),
        ("declaration_side_by_side", url("declaration_side_by_side", many, outcome)),
        ("decision_detail", url("decision_detail", xvii, 2)),
        ("decision_detail", url("decision_detail", xvii, 5)),
        ("item_detail", url("item_detail", many, communique.slug, 1)),
        ("implementation_overview", url("implementation_overview")),
        ("implementation_report", url("implementation_report", xvii)),
        ("state_list", url("state_list")),
        ("state_detail", url("state_detail", "PA")),
        ("organization_list", url("organization_list")),
        ("organization_detail", url("organization_detail", "IOM")),
        ("body_list", url("body_list")),
        ("body_detail", url("body_detail", "technical-secretariat")),
        ("document_detail", url("document_detail", "santa-fe-document")),
        ("decision_list", url("decision_list")),
        ("decision_list", url("decision_list") + "?q=migrants&state=PA"),
        ("paragraph_list", url("paragraph_list")),
        ("search", url("search")),
        ("search", url("search") + "?q=migration"),
        ("topic_list", url("topic_list")),
        ("topic_detail", url("topic_detail", "migrant-children")),
        ("login", url("login")),
        ("page not found", "/conferences/999/"),
    ]
    delegate = [
        ("circulated_list", url("circulated_list")),
        ("declaration_detail", url("declaration_detail", world.circulated.conference, "declaration")),
        ("permission denied", url("staff_dashboard")),
        ("password_change", url("password_change")),
        ("password_change_done", url("password_change_done")),
    ]
    editor = [
        ("declaration_detail", url("declaration_detail", xvii, "declaration")),
        ("decision_detail", url("decision_detail", xvii, 2)),
        ("staff_dashboard", url("staff_dashboard")),
        ("staff_conference_list", url("staff_conference_list")),
        ("staff_conference_new", url("staff_conference_new")),
        ("staff_conference_edit", url("staff_conference_edit", many_pk)),
        ("staff_import", url("staff_import")),
        ("staff_declaration_new", url("staff_declaration_new", many_pk)),
        ("staff_decision_new", url("staff_decision_new", world.draft.conference.pk)),
        ("staff_declaration_edit", url("staff_declaration_edit", xvii_text.pk)),  # published: read-only
        ("staff_declaration_edit", url("staff_declaration_edit", world.circulated.pk)),
        ("staff_declaration_circulate", url("staff_declaration_circulate", world.draft.pk)),
        ("staff_decision_edit", url("staff_decision_edit", decision_pk)),  # of a published text: read-only
        ("staff_link_new", url("staff_link_new", decision_pk)),
        ("staff_link_delete", url("staff_link_delete", world.link.pk)),
        ("staff_followup", url("staff_followup")),
        ("staff_responsible", url("staff_responsible", "body", body.pk)),
        ("staff_decision_followup", url("staff_decision_followup", decision_pk)),
        ("staff_mandate_edit", url("staff_mandate_edit", world.mandate.pk)),
        ("staff_history", url("staff_history", "decision", decision_pk)),
        ("staff_history_restore", url("staff_history_restore", "decision", decision_pk, history.history_id)),
        ("staff_translations", url("staff_translations")),
        ("staff_translation_edit", url("staff_translation_edit", world.english.outcome.pk, "es")),
        ("staff_translation_name", url("staff_translation_name", "meeting", many_pk)),
        ("staff_state_list", url("staff_state_list")),
        ("staff_state_new", url("staff_state_new")),
        ("staff_state_edit", url("staff_state_edit", panama.pk)),
        ("staff_organization_list", url("staff_organization_list")),
        ("staff_organization_new", url("staff_organization_new")),
        ("staff_organization_edit", url("staff_organization_edit", iom.pk)),
        ("staff_body_list", url("staff_body_list")),
        ("staff_body_new", url("staff_body_new")),
        ("staff_body_edit", url("staff_body_edit", body.pk)),
    ]
    publisher = [
        ("staff_declaration_edit", url("staff_declaration_edit", xvii_text.pk)),  # published: editable
        ("staff_decision_edit", url("staff_decision_edit", decision_pk)),  # of a published text: editable
        ("staff_declaration_publish", url("staff_declaration_publish", world.circulated.pk)),
        ("staff_declaration_unpublish", url("staff_declaration_unpublish", xvii_text.pk)),
    ]
    return (
        [(None, name, address) for name, address in public]
        + [("dee", name, address) for name, address in delegate]
        + [("ana", name, address) for name, address in editor]
        + [("pat", name, address) for name, address in publisher]
    )


@pytest.fixture
def world(live_archive) -> World:
    accounts(**ROLES)
    return _many_rows()


def _problems(page: Page, axe: Axe, who: str | None, address: str) -> list[str]:
    """What axe-core and the page's width say is wrong with the page now shown, in words."""
    found = []
    for violation in axe.run(page).response["violations"]:
        targets = "; ".join(" ".join(node["target"]) for node in violation["nodes"][:3])
        found.append(
            f"{who or 'public'} {address}: {violation['id']} ({violation['impact']}), "
            f"{len(violation['nodes'])}× e.g. {targets}: {violation['help']}"
        )
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > PHONE["width"]:
        found.append(f"{who or 'public'} {address}: {width} px wide on a {PHONE['width']} px screen")
    return found


def test_every_page_passes_axe_and_fits_a_phone_and_a_desktop(browser, world, live_archive):
    base = live_archive
    pages = _pages(world)
    # Every URL pattern is audited here or answers with no page: one added without a line here fails.
    assert {name for _, name, _ in pages} | NOT_PAGES == set(CRAWLED) | set(STAFF) | set(ERROR_PAGES)
    axe = Axe()
    page = browser.new_page(viewport=PHONE)
    problems, signed_in = [], None
    for who, name, address in pages:
        if who != signed_in:
            page.context.clear_cookies()
            if who is not None:
                sign_in(page, base, who)
            signed_in = who
        response = page.goto(base + address)
        expected = ERROR_PAGES.get(name, 200)
        assert response.status == expected, f"{who} {address}: {response.status}"
        problems += _problems(page, axe, who, address)
        # The same page on a desktop, where a column too narrow for its table can widen the page too.
        page.set_viewport_size(DESKTOP)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > DESKTOP["width"]:
            problems.append(f"{who or 'public'} {address}: {width} px wide on a {DESKTOP['width']} px screen")
        page.set_viewport_size(PHONE)
    assert not problems, "\n".join(problems)
    version = re.search(r"axe v([0-9.]+)", axe.axe_script)[1]
    print(f"\naxe-core {version} found nothing on {len(pages)} pages, none wider than the screen at 390 or 1280 px")


def test_the_pdf_of_a_text_is_a_few_tab_presses_from_the_top(browser, live_archive):
    """On a desktop, from the top of the XVII declaration: Tab to the skip link, Enter, then Tab to the PDF."""
    page = browser.new_page(viewport=DESKTOP)
    page.goto(f"{live_archive}/conferences/17/declaration/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    presses = 0
    while page.evaluate("document.activeElement.textContent") != "PDF, A4" and presses < 20:
        page.keyboard.press("Tab")
        presses += 1
    print(f"\nThe PDF of the XVII declaration: Tab, Enter, then {presses} Tab presses")
    assert presses <= 4
    assert page.evaluate("document.activeElement.getBoundingClientRect().bottom") < DESKTOP["height"]
