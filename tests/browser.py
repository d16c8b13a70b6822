"""What the browser tests share: Debian's Chromium driven by Playwright, the site served by a live server
over the seed, and accounts that sign in from the header as a person would.

The fixtures (`browser`, `live_archive`) reach the tests through tests/conftest.py.
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.db import connections
from playwright.sync_api import Browser, Page, sync_playwright

from declarations.roles import ensure_roles

CHROMIUM = "/usr/bin/chromium"
PASSWORD = "Browser-2026-password"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
SCREENSHOTS = Path(__file__).resolve().parent.parent / "test-output" / "screenshots"


@pytest.fixture
def browser(monkeypatch) -> Iterator[Browser]:
    """Chromium, headless. Without it the test is skipped, saying so, except in CI, where it must run."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing: CI must install Debian's chromium package", pytrace=False)
        pytest.skip(f"browser tests need Debian's Chromium at {CHROMIUM}: apt-get install chromium")
    # Playwright's sync API runs an event loop in this thread; the ORM calls of the test are not async code.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        # No sandbox: CI runs as root, where Chromium's sandbox will not start. No background traffic: the
        # tests reach nothing but the live server.
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        yield browser
        browser.close()


@pytest.fixture
def live_archive(transactional_db, live_server) -> Iterator[str]:
    """The address of a live server over the seed (loaded for the session: tests/conftest.py), in a database
    that the test's own writes are committed to, as the server's thread must see them."""
    yield live_server.url
    # Playwright runs the test in a greenlet, whose context gets database connections of its own: closed,
    # or PostgreSQL cannot drop the test database at the end of the run.
    connections.close_all()


def accounts(**roles: str) -> None:
    """Accounts by name and role (`accounts(ana="editor", dee="delegate")`), each with PASSWORD."""
    groups = ensure_roles()
    for name, role in roles.items():
        User.objects.create_user(name, password=PASSWORD).groups.add(groups[role])


def sign_in(page: Page, base: str, name: str) -> Page:
    """Signs in from the header of the home page, and stays where the site then lands that account."""
    page.goto(f"{base}/")
    page.click("header a:has-text('Sign in')")
    page.fill("#id_username", name)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("main button:has-text('Sign in')")
    return page


def fits_a_phone(page: Page) -> None:
    """Nothing on the page is wider than a phone's screen (a 390 px viewport)."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width} px wide"
