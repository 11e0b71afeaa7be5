"""The volunteer lookup page in headless Chromium: keyboard-first search, arrow keys
through the results, and "copy as plain text" (clipboard API and its fallback)."""

from __future__ import annotations

import requests
from playwright.sync_api import Page, expect

from tests.browser.conftest import ARTIFACTS, Live, PageWatch

ACTIVE_ID = "() => document.activeElement && (document.activeElement.id || document.activeElement.dataset.id)"


def search(page: Page, live: Live, q: str) -> None:
    page.goto(f"{live.web.url}/lookup")
    assert page.evaluate(ACTIVE_ID) == "q", "focus starts in the search box"
    page.keyboard.type(q)
    page.keyboard.press("Enter")
    expect(page.locator(".result").first).to_be_visible()


def api_results(live: Live, q: str) -> list[dict]:
    return requests.get(f"{live.web.url}/api/lookup", params={"q": q, "limit": 5}, timeout=10).json()["results"]


def test_search_and_arrow_keys(page: Page, live: Live, watch: PageWatch) -> None:
    search(page, live, "bone scan")
    expected = api_results(live, "bone scan")
    results = page.locator(".result")
    expect(results).to_have_count(len(expected))
    first = results.first
    expect(first.locator("h2")).to_have_text(expected[0]["question"])
    expect(first.locator(".short")).to_have_text(expected[0]["short"])
    expect(first.locator(".detail")).to_contain_text(expected[0]["detail"][:40])
    expect(first.locator(".sources")).to_contain_text("no review date given")
    expect(page.locator("#status")).to_contain_text(f"{len(expected)} answers")
    page.screenshot(path=str(ARTIFACTS / "lookup-desktop.png"), full_page=False)

    ids = [r["id"] for r in expected]
    page.keyboard.press("ArrowDown")
    assert page.evaluate(ACTIVE_ID) == ids[0]
    page.keyboard.press("ArrowDown")
    assert page.evaluate(ACTIVE_ID) == ids[1]
    page.keyboard.press("End")
    assert page.evaluate(ACTIVE_ID) == ids[-1]
    page.keyboard.press("ArrowDown")  # stays on the last one
    assert page.evaluate(ACTIVE_ID) == ids[-1]
    page.keyboard.press("Home")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    assert page.evaluate(ACTIVE_ID) == ids[0]
    page.keyboard.press("ArrowUp")  # back to the search box
    assert page.evaluate(ACTIVE_ID) == "q"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Escape")
    assert page.evaluate(ACTIVE_ID) == "q"
    outline = page.evaluate(
        "() => { document.querySelector('.result').focus(); return getComputedStyle(document.activeElement).outlineStyle; }"
    )
    assert outline != "none"

    # Escape selects the old query, so typing replaces it; the URL keeps the new query.
    page.keyboard.press("Escape")
    assert page.evaluate(ACTIVE_ID) == "q"
    page.keyboard.type("liver mets symptoms")
    page.keyboard.press("Enter")
    expect(page.locator(".result").first.locator("h2")).to_have_text(
        api_results(live, "liver mets symptoms")[0]["question"]
    )
    assert page.url.endswith("/lookup?q=liver%20mets%20symptoms")
    assert not watch.dialogs and not watch.errors


def test_copy_as_plain_text_with_the_clipboard(make_context, live: Live) -> None:
    ctx = make_context()
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=live.web.origin)
    page = ctx.new_page()
    search(page, live, "what is herceptin")
    expected = api_results(live, "what is herceptin")[0]
    page.keyboard.press("ArrowDown")
    for _ in range(10):  # Tab from the focused result to its copy button
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.classList.contains('copy')"):
            break
    else:
        raise AssertionError("Tab never reached the copy button")
    page.keyboard.press("Enter")
    expect(page.locator("#status")).to_contain_text("Copied")
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied == expected["plain_text"]
    assert "<" not in copied and "Source:" in copied
    expect(page.locator(".result").first.locator(".count")).to_contain_text(f"{len(copied)} characters")


def test_copy_falls_back_without_the_clipboard_api(make_context, live: Live) -> None:
    ctx = make_context()
    ctx.add_init_script(
        """
        Object.defineProperty(Navigator.prototype, 'clipboard', { get() { return undefined; }, configurable: true });
        const realExec = document.execCommand.bind(document);
        document.execCommand = function (cmd, ...rest) {
          if (cmd === 'copy') { window.__copied = document.activeElement && document.activeElement.value; return true; }
          return realExec(cmd, ...rest);
        };
        """
    )
    page = ctx.new_page()
    search(page, live, "bone scan")
    page.locator(".result").first.get_by_role("button", name="Copy as plain text").click()
    expect(page.locator("#status")).to_contain_text("Copied")
    assert page.evaluate("() => window.__copied") == api_results(live, "bone scan")[0]["plain_text"]
    assert page.evaluate("() => document.activeElement.classList.contains('copy')"), "focus returns to the button"


def test_validation_and_no_match_messages(page: Page, live: Live) -> None:
    page.goto(f"{live.web.url}/lookup")
    page.keyboard.press("Enter")
    expect(page.locator("#status")).to_have_text("Type a few words to search for.")
    page.keyboard.type("zzzqx wvvvk")
    page.keyboard.press("Enter")
    expect(page.locator("#status")).to_contain_text("753-5222")
    expect(page.locator(".result")).to_have_count(0)


def test_lookup_at_375_px(make_context, live: Live) -> None:
    page = make_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True).new_page()
    search(page, live, "side effects of chemo")
    overflow = page.evaluate("() => document.documentElement.scrollWidth > document.documentElement.clientWidth")
    assert not overflow, "no sideways scrolling at 375 px"
    expect(page.locator(".result").first.get_by_role("button", name="Copy as plain text")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "lookup-375.png"))


def test_urgent_guidance_comes_before_the_answers(page: Page, live: Live) -> None:
    search(page, live, "my mum has bone mets and suddenly can't breathe")
    urgent = page.get_by_role("alert")
    expect(urgent).to_be_visible()
    expect(urgent).to_contain_text("Please call 911")
    first = page.evaluate(
        "() => [...document.querySelectorAll('#urgent:not([hidden]), .result')].map(e => e.id || 'result')[0]"
    )
    assert first == "urgent"
    search(page, live, "bone scan")
    expect(page.locator("#urgent")).to_be_hidden()
