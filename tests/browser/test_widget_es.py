"""The chat widget in Spanish, in headless Chromium against the real bot (issue 12): the
language toggle, data-lang="es", Spanish answers with their English sources marked
"(en inglés)" and the Spanish text's own review status."""

from __future__ import annotations

import json
import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import WIDGET_TITLE, Live, PageWatch
from tests.browser.test_widget import ANSWER_TIMEOUT, answers_with_sources, open_widget

SPANISH_TITLE = "Preguntas sobre el cáncer de mama metastásico"


def ask_es(page: Page, text: str) -> None:
    box = page.get_by_role("textbox", name="Su pregunta")
    box.fill(text)
    box.press("Enter")


def test_the_toggle_switches_the_widget_and_the_answers_to_spanish(page: Page, live: Live, watch: PageWatch) -> None:
    sent: list[dict] = []
    page.on(
        "request",
        lambda r: sent.append(json.loads(r.post_data or "{}")) if r.url.endswith("/webhooks/rest/webhook") else None,
    )
    open_widget(page, f"{live.web.url}/")
    widget = page.locator("#mbc-chat-widget")
    page.get_by_role("button", name="Cambiar a español").click()
    # The widget's own words switch at once, and a Spanish greeting says so.
    expect(page.get_by_role("textbox", name="Su pregunta")).to_be_visible()
    expect(widget.locator(".note")).to_contain_text("no es un consejo médico")
    expect(widget.locator("h2.title")).to_have_text(SPANISH_TITLE)
    expect(widget.locator(".msg-bot").last).to_contain_text("¿Qué le gustaría saber?")
    assert widget.locator("section.panel").get_attribute("lang") == "es"

    ask_es(page, "¿a dónde se extiende el cáncer de mama?")
    answer = answers_with_sources(page)
    expect(answer).to_have_count(1, timeout=ANSWER_TIMEOUT)
    text = answer.inner_text()
    assert sent and sent[-1]["metadata"] == {"lang": "es"}, "each message says which language was chosen"
    assert "huesos" in text and "pulmones" in text, "the answer itself is in Spanish"
    assert "Fuentes:" in text and "Sources:" not in text
    assert text.count("(en inglés)") >= 1, "the English sources are marked as English"
    assert "revisada el 10 de julio de 2025" in text
    assert "todavía no lo revisó un profesional de la salud" in text, "the Spanish text's own, truthful status"
    expect(widget.get_by_role("group", name="¿Le sirvió esta respuesta?")).to_have_count(1)

    page.get_by_role("button", name="Switch to English").click()
    expect(page.get_by_role("textbox", name="Your question")).to_be_visible()
    expect(widget.locator(".note")).to_contain_text("not medical advice")


def test_data_lang_es_starts_in_spanish_and_keeps_the_choice_on_reload(page: Page, live: Live) -> None:
    url = f"{live.web.url}/es"  # the demo page as a Spanish site embeds it: data-lang="es"
    page.goto(url)
    # data-title is the page's English title; the Spanish widget uses its Spanish default.
    page.get_by_role("button", name=SPANISH_TITLE).click()
    expect(page.get_by_role("textbox", name="Su pregunta")).to_be_focused()
    ask_es(page, "que es la terapia hormonal")
    answer = answers_with_sources(page)
    expect(answer).to_have_count(1, timeout=ANSWER_TIMEOUT)
    expect(answer).to_contain_text(re.compile("hormona"))
    expect(answer).to_contain_text("(en inglés)")
    page.get_by_role("button", name="Switch to English").click()
    page.reload()
    # the toggle's choice (kept in the tab) wins over data-lang
    expect(page.locator("#mbc-chat-widget .launcher-text")).to_have_text(WIDGET_TITLE)
    expect(page.locator("#mbc-chat-widget .note")).to_contain_text("not medical advice")
