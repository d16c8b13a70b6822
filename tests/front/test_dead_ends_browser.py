"""No dead ends on a phone, in a real browser (Debian's Chromium driven by Playwright, as in
tests/test_browser_journey.py): a delegate signs in from the header and lands on what was circulated to
them; at the staff area they are told why not and find their way back; an editor sees a published text's
staff screen read-only, with the reason. No page is wider than the screen."""

import os
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.db import connections

from declarations.models import Declaration
from declarations.roles import ensure_roles
from rcm.front.seed import seed_load

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parent.parent.parent / "test-output" / "screenshots"
PHONE = {"width": 390, "height": 844}

if not Path(CHROMIUM).exists():
    if os.environ.get("CI") == "true":
        pytest.fail(f"{CHROMIUM} is missing: CI must install Debian's chromium package", pytrace=False)
    pytest.skip(
        f"browser tests need Debian's Chromium at {CHROMIUM}: apt-get install chromium", allow_module_level=True
    )

from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402 (after the skip, on purpose)

PASSWORD = "Dead-ends-2026-password"


@pytest.fixture
def browser(monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the ORM calls of the test are not async code.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        yield browser
        browser.close()


@pytest.fixture
def archive(transactional_db):
    """The seed, with the XVII English text published, and a delegate and an editor."""
    seed_load()
    roles = ensure_roles()
    for name, role in (("dee", "delegate"), ("ana", "editor")):
        User.objects.create_user(name, password=PASSWORD).groups.add(roles[role])
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    yield
    # Playwright's greenlet has database connections of its own: closed, or PostgreSQL cannot drop the database.
    connections.close_all()


def _sign_in_from_the_header(browser, base: str, name: str) -> Page:
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{base}/")
    page.click("header a:has-text('Sign in')")
    page.fill("#id_username", name)
    page.fill("#id_password", PASSWORD)
    page.click("main button:has-text('Sign in')")
    return page


def _fits_the_screen(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url


def test_a_delegate_and_an_editor_never_hit_a_dead_end(browser, live_server, archive):
    base = live_server.url
    delegate = _sign_in_from_the_header(browser, base, "dee")
    expect(delegate).to_have_url(f"{base}/circulated/")
    expect(delegate.locator("h1")).to_have_text("Drafts circulated to delegates")
    _fits_the_screen(delegate)

    refused = delegate.goto(f"{base}/staff/")
    assert refused.status == 403
    expect(delegate.locator("header.site-header")).to_be_visible()
    expect(delegate.locator("main")).to_contain_text("Your account (delegate) may read the drafts circulated")
    _fits_the_screen(delegate)
    delegate.screenshot(path=SCREENSHOTS / "dead-ends-403-phone.png", full_page=True)
    delegate.click("text=The drafts circulated to you")
    expect(delegate).to_have_url(f"{base}/circulated/")

    editor = _sign_in_from_the_header(browser, base, "ana")
    expect(editor).to_have_url(f"{base}/staff/")
    declaration = Declaration.objects.get(conference__kind="ordinary", conference__number=17)
    editor.goto(f"{base}/staff/declarations/{declaration.pk}/")
    expect(editor.locator(".read-only")).to_contain_text("only a publisher may change it")
    expect(editor.locator("main :is(input, textarea, select):not([type=hidden]):enabled")).to_have_count(0)
    expect(editor.locator("main button")).to_have_count(0)
    _fits_the_screen(editor)
    editor.screenshot(path=SCREENSHOTS / "dead-ends-published-declaration-phone.png", full_page=True)
