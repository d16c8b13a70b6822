"""No dead ends on a phone, in a real browser (tests/browser.py): a delegate signs in from the header and
lands on what was circulated to them; at the staff area they are told why not and find their way back; an
editor sees a published text's staff screen read-only, with the reason. No page is wider than the screen."""

import pytest
from playwright.sync_api import expect

from declarations.models import Declaration
from tests.browser import PHONE, SCREENSHOTS, accounts, fits_a_phone, sign_in


@pytest.fixture
def archive(live_archive):
    """The seed, with the XVII English text published, and a delegate and an editor."""
    accounts(dee="delegate", ana="editor")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)


def test_a_delegate_and_an_editor_never_hit_a_dead_end(browser, live_server, archive):
    base = live_server.url
    delegate = sign_in(browser.new_page(viewport=PHONE), base, "dee")
    expect(delegate).to_have_url(f"{base}/circulated/")
    expect(delegate.locator("h1")).to_have_text("Drafts circulated to delegates")
    fits_a_phone(delegate)

    refused = delegate.goto(f"{base}/staff/")
    assert refused.status == 403
    expect(delegate.locator("header.site-header")).to_be_visible()
    expect(delegate.locator("main")).to_contain_text("Your account (delegate) may read the drafts circulated")
    fits_a_phone(delegate)
    delegate.screenshot(path=SCREENSHOTS / "dead-ends-403-phone.png", full_page=True)
    delegate.click("text=The drafts circulated to you")
    expect(delegate).to_have_url(f"{base}/circulated/")

    editor = sign_in(browser.new_page(viewport=PHONE), base, "ana")
    expect(editor).to_have_url(f"{base}/staff/")
    declaration = Declaration.objects.get(conference__kind="ordinary", conference__number=17)
    editor.goto(f"{base}/staff/declarations/{declaration.pk}/")
    expect(editor.locator(".read-only")).to_contain_text("only a publisher may change it")
    expect(editor.locator("main :is(input, textarea, select):not([type=hidden]):enabled")).to_have_count(0)
    expect(editor.locator("main button")).to_have_count(0)
    fits_a_phone(editor)
    editor.screenshot(path=SCREENSHOTS / "dead-ends-published-declaration-phone.png", full_page=True)
