"""A Spanish-speaking delegate's journey on a phone, in a real browser: Debian's Chromium driven by Playwright.

Her browser asks for Spanish (es-MX) on a 390 px screen. She reads the home page, a declaration held in both
languages side by side, one of its decisions and its PDF, searches "niños no acompañados" and "migracion"
(without its accent) and finds the right decisions, then switches the interface to English.

The bilingual declaration is test data written for this test (conference XXX), not a text of the RCM: the
archive holds the XVII declaration in English only.
"""

import io

import pypdf
import pytest
from playwright.sync_api import Page, expect

from rcm.interchange.schema import read_declaration_json
from rcm.interchange.services import declaration_import
from tests.browser import PHONE, SCREENSHOTS, accounts, fits_a_phone
from tests.factories import declaration_document

# Conference XXX's texts in both languages: test data, marked as such.
THEME = {"en": "Test theme: protection of migrant children", "es": "Tema de prueba: protección de la niñez migrante"}
OPENING = {
    "en": "[Test data] The Vice-Ministerial Meeting was held in San José.",
    "es": "[Datos de prueba] La Reunión Viceministerial se celebró en San José.",
}
PARAGRAPHS = {
    "en": ["Recognized the work of the Technical Secretariat.", "Reiterated the commitment to migrants' rights."],
    "es": [
        "Reconocieron el trabajo de la Secretaría Técnica.",
        "Reiteraron el compromiso con los derechos de las personas migrantes.",
    ],
}
DECISIONS = {
    "en": [
        "Approve the regional guidelines on labour migration.",
        "Instruct the Technical Secretariat to report on unaccompanied children returned to their countries.",
        "Thank Costa Rica for its hospitality.",
    ],
    "es": [
        "Aprobar los lineamientos regionales sobre migración laboral.",
        "Instruir a la Secretaría Técnica que informe sobre las niñas, niños y adolescentes no acompañados retornados.",
        "Agradecer a Costa Rica su hospitalidad.",
    ],
}


def _bilingual_conference() -> None:
    for language in ("en", "es"):
        document = declaration_document(30, 3, language=language)
        document["conference"]["theme"] = THEME[language]
        document["title"] = (
            "XXX CONFERENCIA REGIONAL SOBRE MIGRACIÓN" if language == "es" else "XXX REGIONAL CONFERENCE ON MIGRATION"
        )
        document["opening"] = OPENING[language]
        document["chapeau"] = "Los Viceministros:" if language == "es" else "The Vice-Ministers:"
        document["paragraphs"] = [{"verb": text.split()[0], "text": text} for text in PARAGRAPHS[language]]
        for decision, text in zip(document["decisions"], DECISIONS[language], strict=True):
            decision["text"] = text
        declaration_import(data=read_declaration_json(document), publish=True)


@pytest.fixture
def archive(live_archive):
    _bilingual_conference()
    accounts(delegada="delegate")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)


def _shot(page: Page, name: str) -> None:
    page.screenshot(path=SCREENSHOTS / f"es-{name}.png", full_page=True)


def _pdf_text(context, address: str) -> str:
    response = context.request.get(address)
    assert response.headers["content-type"] == "application/pdf", address
    return " ".join(" ".join(p.extract_text().split()) for p in pypdf.PdfReader(io.BytesIO(response.body())).pages)


def _search(page: Page, base: str, words: str) -> None:
    page.goto(f"{base}/search/")
    page.fill("#search-q", words)
    page.locator("form.search-form button[type=submit]").click()


def test_a_spanish_speaking_delegate_reads_on_her_phone(browser, live_server, archive):
    context = browser.new_context(locale="es-MX", viewport=PHONE)
    page = context.new_page()
    base = live_server.url

    page.goto(f"{base}/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator("body")).to_contain_text(THEME["es"])
    fits_a_phone(page)
    _shot(page, "01-inicio")

    page.goto(f"{base}/conferences/30/declaration/")
    expect(page.locator("h1")).to_have_text("Declaración")  # the Spanish text's own heading
    page.get_by_role("link", name="Leer en paralelo").first.click()
    for language in ("en", "es"):
        expect(page.locator(f'[lang="{language}"]', has_text=DECISIONS[language][1]).first).to_be_visible()
    fits_a_phone(page)
    _shot(page, "02-en-paralelo")
    both = _pdf_text(context, base + page.get_by_role("link", name="A4").get_attribute("href"))
    assert DECISIONS["en"][0] in both and DECISIONS["es"][0] in both

    page.goto(f"{base}/conferences/30/decisions/2/")
    expect(page.locator("main")).to_contain_text(DECISIONS["es"][1])
    expect(page.locator("main")).to_contain_text("Secretaría Técnica")
    _shot(page, "03-decision")
    fits_a_phone(page)
    page.get_by_role("link", name="declaración").first.click()  # the Spanish text, shown first
    expect(page.locator("h1")).to_have_text("Declaración")
    pdf = _pdf_text(context, base + page.get_by_role("link", name="PDF, A4").get_attribute("href"))
    assert "D E C L A R A C I Ó N" in pdf and "Instruir a la Secretaría Técnica" in pdf  # its heading letter-spaced
    assert "página 1 de 1" in pdf

    _search(page, base, "niños no acompañados")
    expect(page.locator("main")).to_contain_text("CRM XXX/2")
    _shot(page, "04-busqueda")
    _search(page, base, "migracion")
    expect(page.locator("main")).to_contain_text("CRM XXX/1")
    fits_a_phone(page)

    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.goto(f"{base}/conferences/30/decisions/2/")
    expect(page.locator("html")).to_have_attribute("lang", "en")  # remembered
    expect(page.locator("main")).to_contain_text(DECISIONS["en"][1])
    _shot(page, "05-english")
    context.close()
