"""The chat widget in headless Chromium: against the real bot (answers, sources, quick
replies, keyboard, storage, layout) and against crafted replies (nothing from the server
is ever markup, unsafe links are inert, the error state when the server goes away)."""

from __future__ import annotations

import json
import re
import sqlite3
import time

from playwright.sync_api import Page, expect

from tests.browser.conftest import ARTIFACTS, WIDGET_TITLE, FakeRest, Live, PageWatch, host_page_html

ANSWER_TIMEOUT = 60_000  # ms; the first reply of a run can be slow on 2 busy cores
HELPLINE_TEL = "tel:+18887535222"
SHADOW = "document.getElementById('mbc-chat-widget').shadowRoot"


def open_widget(page: Page, url: str) -> None:
    page.goto(url)
    page.get_by_role("button", name=WIDGET_TITLE).click()
    expect(page.get_by_role("textbox", name="Your question")).to_be_focused()


def ask(page: Page, text: str) -> None:
    box = page.get_by_role("textbox", name="Your question")
    box.fill(text)
    box.press("Enter")


def answers_with_sources(page: Page):
    return page.locator("#mbc-chat-widget .msg-bot").filter(has=page.locator(".sources"))


def settle_scroll(page: Page) -> None:
    """Jump the conversation to its end (the widget scrolls smoothly) before a screenshot."""
    page.evaluate(
        f"() => {{ const log = {SHADOW}.querySelector('.log'); log.scrollTo({{top: log.scrollHeight, behavior: 'instant'}}); }}"
    )
    page.wait_for_timeout(100)


def shadow_count(page: Page, selector: str) -> int:
    return page.evaluate(f"sel => {SHADOW}.querySelectorAll(sel).length", selector)


def serve_host_page(page: Page, live: Live, server: str, path: str = "/test-host.html") -> str:
    """A third-party page (on the web origin) with the one script tag pointing at ``server``."""
    url = f"{live.web.url}{path}"
    page.route(url, lambda route: route.fulfill(status=200, content_type="text/html", body=host_page_html(server)))
    return url


# ---- against the real bot --------------------------------------------------------------


def test_question_gets_an_answer_with_a_clickable_source_link(page: Page, live: Live, watch: PageWatch) -> None:
    open_widget(page, f"{live.web.url}/")
    widget = page.locator("#mbc-chat-widget")
    expect(widget.locator(".note")).to_contain_text("not medical advice")
    helpline = widget.locator("a.helpline")
    expect(helpline).to_be_visible()
    assert helpline.get_attribute("href") == HELPLINE_TEL
    expect(helpline).to_contain_text("(888) 753-5222")

    ask(page, "where does breast cancer spread?")
    expect(widget.locator(".msg-user").last).to_have_text(re.compile("where does breast cancer spread"))
    answer = answers_with_sources(page)
    expect(answer).to_have_count(1, timeout=ANSWER_TIMEOUT)
    # the conversation's first reply carries the "not medical advice" note
    expect(widget.locator(".msg-bot").filter(has_text="not medical advice")).to_have_count(1)
    text = answer.inner_text()
    assert text.count("Sources:") == 1, "the answer is shown from the structured reply, its sources once, as a list"
    assert "reviewed Jul 10, 2025" in text
    assert "Written from our sources by our team; not yet reviewed by a clinician." in text  # the truthful status
    assert "Checked by our team against its sources" in text
    link = answer.locator("a.source-link").first
    href = link.get_attribute("href")
    assert href and href.startswith("https://")
    assert re.fullmatch(
        r"[a-z.]+\.(org|com) \(publisher's site\)\s+\(opens in a new tab\)", link.inner_text()
    ), link.inner_text()
    assert link.get_attribute("rel") == "noopener noreferrer"
    settle_scroll(page)
    page.screenshot(path=str(ARTIFACTS / "widget-desktop.png"))
    with page.expect_popup() as popup:
        link.click()
    assert popup.value.url.rstrip("/") == href.rstrip("/")
    assert not watch.dialogs and not watch.errors


def test_quick_reply_buttons(page: Page, live: Live) -> None:
    open_widget(page, f"{live.web.url}/")
    ask(page, "what can you do?")
    replies = page.locator("#mbc-chat-widget .quick-replies")
    expect(replies).to_have_count(1, timeout=ANSWER_TIMEOUT)
    expect(replies).to_have_attribute("role", "group")
    button = page.get_by_role("button", name="Where does it spread?")
    button.click()
    expect(page.locator("#mbc-chat-widget .msg-user").last).to_have_text(re.compile("Where does it spread\\?"))
    expect(replies).to_have_count(0)  # used quick replies go away
    expect(answers_with_sources(page)).to_have_count(1, timeout=ANSWER_TIMEOUT)
    # the payload was sent, not the title: the bot answered the intent
    assert "spread" in answers_with_sources(page).inner_text().lower()


def test_markup_typed_by_a_person_stays_text(page: Page, live: Live, watch: PageWatch) -> None:
    open_widget(page, f"{live.web.url}/")
    attack = "<img src=x onerror=alert(1)>"
    ask(page, attack)
    expect(page.locator("#mbc-chat-widget .msg-user").last).to_contain_text(attack)
    expect(page.locator("#mbc-chat-widget .msg-bot").nth(1)).to_be_visible(timeout=ANSWER_TIMEOUT)  # after the greeting
    expect(page.locator("#mbc-chat-widget .typing")).to_be_hidden(timeout=ANSWER_TIMEOUT)
    page.wait_for_timeout(300)  # time for an onerror handler to fire, if an image had been made
    assert shadow_count(page, "img") == 0 and page.locator("img").count() == 0
    assert not watch.dialogs and not watch.errors


def test_keyboard_only_flow(page: Page, live: Live, watch: PageWatch) -> None:
    page.goto(f"{live.web.url}/")
    in_widget = f"(sel) => document.activeElement && document.activeElement.id === 'mbc-chat-widget' && !!{SHADOW}.activeElement && {SHADOW}.activeElement.matches(sel)"
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate(in_widget, ".launcher"):
            break
    else:
        raise AssertionError("Tab never reached the chat launcher")
    outline = page.evaluate(
        f"() => {{ const s = getComputedStyle({SHADOW}.activeElement); return [s.outlineStyle, s.outlineWidth]; }}"
    )
    assert outline[0] != "none" and float(outline[1].rstrip("px")) >= 2, outline  # visible focus
    page.keyboard.press("Enter")
    assert page.evaluate(in_widget, "input")
    page.keyboard.type("what is a bone scan?")
    page.keyboard.press("Enter")
    expect(answers_with_sources(page)).to_have_count(1, timeout=ANSWER_TIMEOUT)
    assert page.evaluate(in_widget, "input"), "focus stays in the question box after the answer arrives"

    # Shift+Tab back from the question box reaches the answer's source link; Enter follows it.
    for _ in range(15):
        page.keyboard.press("Shift+Tab")
        if page.evaluate(in_widget, "a.source-link"):
            break
    else:
        raise AssertionError("Shift+Tab never reached a source link")
    with page.expect_popup():
        page.keyboard.press("Enter")

    # ... and further back, the helpline and "Start over".
    for _ in range(30):
        page.keyboard.press("Shift+Tab")
        if page.evaluate(in_widget, "a.helpline"):
            break
    else:
        raise AssertionError("Shift+Tab never reached the helpline link")
    sender_before = page.evaluate("() => sessionStorage.getItem('mbc-chat:sender')")
    for _ in range(5):
        page.keyboard.press("Shift+Tab")
        if page.evaluate(in_widget, "button.restart"):
            break
    else:
        raise AssertionError("Shift+Tab never reached Start over")
    page.keyboard.press("Enter")
    assert page.evaluate(in_widget, "input"), "Start over puts focus back in the question box"
    expect(page.locator("#mbc-chat-widget .msg")).to_have_count(1)  # just the greeting
    assert page.evaluate("() => sessionStorage.getItem('mbc-chat:sender')") != sender_before

    page.keyboard.press("Escape")
    assert page.evaluate(in_widget, ".launcher"), "Escape closes the chat and returns focus to the launcher"
    expect(page.locator("#mbc-chat-widget .panel")).to_be_hidden()
    assert not watch.dialogs and not watch.errors


def test_every_control_has_a_label_and_news_is_announced(page: Page, live: Live) -> None:
    open_widget(page, f"{live.web.url}/")
    ask(page, "what can you do?")
    expect(page.locator("#mbc-chat-widget .quick-reply").first).to_be_visible(timeout=ANSWER_TIMEOUT)
    unnamed = page.evaluate(
        f"""() => [...{SHADOW}.querySelectorAll('button, a, input, [tabindex]')].filter(el => {{
              const label = el.getAttribute('aria-label') || (el.getAttribute('aria-labelledby')
                  && {SHADOW}.getElementById(el.getAttribute('aria-labelledby')).textContent)
                  || (el.labels && [...el.labels].map(l => l.textContent).join(''))
                  || el.textContent;
              return !(label && label.trim());
           }}).map(el => el.outerHTML.slice(0, 80))"""
    )
    assert unnamed == []
    log = page.locator("#mbc-chat-widget .log")
    expect(log).to_have_attribute("role", "log")
    expect(log).to_have_attribute("aria-live", "polite")
    assert log.locator(".msg-bot").count() >= 2, "replies are added inside the live region"
    expect(page.locator("#mbc-chat-widget .typing")).to_have_attribute("role", "status")
    expect(page.get_by_role("region", name=WIDGET_TITLE)).to_be_visible()


def test_conversation_lives_in_the_tab_not_local_storage(make_context, live: Live) -> None:
    ctx = make_context()
    page = ctx.new_page()
    open_widget(page, f"{live.web.url}/")
    with page.expect_response(lambda r: r.url.endswith("/webhooks/rest/conversation")) as issued:
        ask(page, "what is a bone scan?")
    expect(answers_with_sources(page)).to_have_count(1, timeout=ANSWER_TIMEOUT)
    sender = page.evaluate("() => sessionStorage.getItem('mbc-chat:sender')")
    assert re.fullmatch(r"web-[0-9a-f]{32}", sender or "")
    assert issued.value.status == 201 and issued.value.json()["sender"] == sender  # issued by the bot, not made up here
    assert page.evaluate("() => localStorage.length") == 0
    messages = page.locator("#mbc-chat-widget .msg").count()
    page.reload()  # same tab: same conversation, same sender id
    expect(page.locator("#mbc-chat-widget .msg")).to_have_count(messages)
    assert page.evaluate("() => sessionStorage.getItem('mbc-chat:sender')") == sender
    other = ctx.new_page()  # another tab starts its own conversation
    other.goto(f"{live.web.url}/")
    assert other.evaluate("() => sessionStorage.getItem('mbc-chat:sender')") is None
    assert other.evaluate("() => localStorage.length") == 0


def test_phone_widths(make_context, live: Live) -> None:
    for width, height in ((320, 640), (375, 740)):
        page = make_context(viewport={"width": width, "height": height}, is_mobile=True, has_touch=True).new_page()
        open_widget(page, f"{live.web.url}/")
        ask(page, "symptoms of liver mets")
        expect(answers_with_sources(page)).to_have_count(1, timeout=ANSWER_TIMEOUT)
        box = page.locator("#mbc-chat-widget .panel").bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= width + 0.5, box
        overflow = page.evaluate(
            f"() => [...{SHADOW}.querySelectorAll('.panel, .log, .bar, .header, .composer, .msg')]"
            ".filter(el => el.scrollWidth > el.clientWidth + 1).map(el => el.className)"
        )
        assert overflow == [], f"horizontal overflow at {width}px: {overflow}"
        for name in ("Your question",):
            expect(page.get_by_role("textbox", name=name)).to_be_in_viewport()
        for locator in (
            page.get_by_role("button", name="Send question"),
            page.locator("#mbc-chat-widget a.helpline"),
            page.get_by_role("button", name="Close chat"),
        ):
            expect(locator).to_be_in_viewport()
        if width == 375:
            settle_scroll(page)
            page.screenshot(path=str(ARTIFACTS / "widget-375.png"))


def test_reduced_motion_is_respected(make_context, live: Live) -> None:
    names = {}
    for motion in ("no-preference", "reduce"):
        page = make_context(reduced_motion=motion).new_page()
        open_widget(page, f"{live.web.url}/")
        names[motion] = page.evaluate(
            f"() => [getComputedStyle({SHADOW}.querySelector('.dots span')).animationName,"
            f" getComputedStyle({SHADOW}.querySelector('.panel')).animationName]"
        )
    assert names["no-preference"] == ["mbc-blink", "mbc-rise"]
    assert names["reduce"] == ["none", "none"]


# ---- crafted replies and a server that goes away ------------------------------------------


def reply_message(parts: list[dict], **extra) -> dict:
    """A REST message carrying the bot's structured reply payload."""
    return {"recipient_id": "x", "custom": {"type": "reply", "version": 1, "kind": "answer", "parts": parts, **extra}}


EVIL_ANSWER = {
    "type": "answer",
    "id": "x",
    "question": "Q",
    "caveat": "",
    "short": "Hello <img src=x onerror=alert(1)> <script>alert(2)</script> javascript:alert(3) and https://example.org/page.",
    "detail": "",
    "review": {
        "status": "draft",
        "reviewed_by": None,
        "reviewed_on": None,
        "checked_on": "2026-11-22",
        "label": "Written <b>by</b> our team",
        "checked": "Checked by our team against its sources Nov 22, 2026",
    },
    "citations": [
        {
            "publisher": "Evil<img src=x onerror=alert(4)>",
            "publisher_short": "Evil<b>bold</b>",
            "title": "T",
            "site": "evil.example",
            "url": "javascript:alert(1)",
            "reviewed": "2025-01-01",
            "trust": "high",
            "source_id": "evil",
            "section": "s",
        },
        {
            "publisher": "Evil",
            "publisher_short": "Evil",
            "title": "T",
            "site": "evil.example",
            "url": "javascript:alert(1)",
            "reviewed": "2025-01-01",
            "trust": "high",
            "source_id": "evil",
            "section": "another section of the same source",
        },
        {
            "publisher": "Data",
            "publisher_short": "Data",
            "title": "D",
            "site": "data.example",
            "url": "data:text/html,<script>alert(5)</script>",
            "reviewed": None,
            "trust": "medium",
            "source_id": "data",
            "section": "s",
        },
        {
            "publisher": "Mail",
            "publisher_short": "Mail",
            "title": "M",
            "site": None,
            "url": "mailto:help@example.org",
            "reviewed": None,
            "trust": "low",
            "source_id": "mail",
            "section": "s",
        },
        {
            "publisher": "Good",
            "publisher_short": "Good",
            "title": "G",
            "site": "good.example",
            "url": "https://good.example/page",
            "reviewed": "2025-07-10",
            "trust": "high",
            "source_id": "good",
            "section": "s",
        },
    ],
}
CRAFTED = [
    {"recipient_id": "x", "text": "A plain copy that must not be shown.", "reply_part": True},
    reply_message(
        [
            EVIL_ANSWER,
            {"type": "response", "name": "utter_x", "text": "Pick one"},
            {"type": "choices", "options": [{"title": "<img src=x onerror=alert(6)>", "payload": "/greet"}]},
        ]
    ),
]


def test_crafted_reply_is_rendered_inert(page: Page, live: Live, watch: PageWatch) -> None:
    fake = f"{live.web.url}/fake"
    page.route(
        f"{fake}/webhooks/rest/webhook",
        lambda route: route.fulfill(status=200, content_type="application/json", body=json.dumps(CRAFTED)),
    )
    open_widget(page, serve_host_page(page, live, fake))
    ask(page, "hi")
    answer = answers_with_sources(page)
    expect(answer).to_have_count(1)
    page.wait_for_timeout(300)
    assert shadow_count(page, "img, script, b, iframe, object, embed") == 0
    assert page.locator("img").count() == 0
    hrefs = page.evaluate(f"() => [...{SHADOW}.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))")
    assert hrefs and all(re.match(r"^(https?:|tel:|mailto:)", h) for h in hrefs), hrefs
    assert not any("javascript" in h.lower() or h.lower().startswith("data:") for h in hrefs)
    text = answer.inner_text()
    assert "<img src=x onerror=alert(1)>" in text and "<script>alert(2)</script>" in text  # shown as text
    assert "Evil<b>bold</b>" in text and "(evil.example)" in text  # javascript: source -> site as text
    assert text.count("Sources:") == 1 and text.count("Evil<b>bold</b>") == 1  # same source listed once
    assert "Written <b>by</b> our team." in text and "Checked by our team against its sources Nov 22, 2026." in text
    assert "A plain copy that must not be shown." not in page.locator("#mbc-chat-widget").inner_text()
    source_links = answer.locator("a.source-link")
    expect(source_links).to_have_count(1)  # only the https source; javascript:, data:, mailto: are not links
    assert source_links.get_attribute("href") == "https://good.example/page"
    assert source_links.inner_text().startswith("good.example (publisher's site)")
    assert answer.locator("a", has_text="https://example.org/page").get_attribute("href") == "https://example.org/page"
    expect(page.get_by_role("button", name="<img src=x onerror=alert(6)>")).to_be_visible()
    answer.get_by_text("Evil<b>bold</b>").click()  # plain text: clicking does nothing
    page.wait_for_timeout(200)
    assert not watch.dialogs and not watch.errors


def test_link_sanitiser_in_the_browser(page: Page, live: Live, watch: PageWatch) -> None:
    page.goto(f"{live.web.url}/")
    cases = {
        "https://www.lbbc.org": "https://www.lbbc.org/",
        " http://example.org/a?b=c#d ": "http://example.org/a?b=c#d",
        "mailto:help@example.org": "mailto:help@example.org",
        "tel:+18887535222": "tel:+18887535222",
        "javascript:alert(1)": None,
        "JaVaScRiPt:alert(1)": None,
        " javascript:alert(1)": None,
        "java\tscript:alert(1)": None,
        "java\nscript:alert(1)": None,
        "\u0000javascript:alert(1)": None,
        "jav&#x09;ascript:alert(1)": None,
        "data:text/html,<script>alert(1)</script>": None,
        "vbscript:msgbox(1)": None,
        "file:///etc/passwd": None,
        "blob:https://example.org/x": None,
        "//evil.example/x": None,
        "/relative/path": None,
        "https://www.lbbc.org@evil.example/": None,
        "": None,
    }
    got = page.evaluate("cases => Object.keys(cases).map(k => MBCChat.safeHref(k))", cases)
    assert dict(zip(cases, got, strict=True)) == cases
    assert page.evaluate("() => [null, 42, {}, []].map(v => MBCChat.safeHref(v))") == [None] * 4
    # source links are http(s) only
    assert page.evaluate("() => MBCChat.safeHref('mailto:a@b.org', ['http:', 'https:'])") is None
    # replies are read from the structured payload: its plain copies (reply_part) are skipped,
    # the older answer payload too, and any other message is shown as it is
    entries = page.evaluate(
        """() => MBCChat.prepareReply([
             {text: 'Hi, I am an automated helper.'},
             {text: 'Body.', reply_part: true}, {text: 'Sources: A.', reply_part: true},
             {custom: {type: 'answer', answer_id: 'a', sources_text: 'Sources: A.'}, reply_part: true},
             {custom: {type: 'reply', version: 1, kind: 'answer', simpler: 'simpler please', parts: [
               {type: 'answer', id: 'a', short: 'Body.', detail: 'More.', caveat: 'Ask your team.',
                citations: [{source_id: 'a', publisher_short: 'A', url: 'https://a.example'}], review: {label: 'Draft'}},
               {type: 'response', name: 'utter_advice_offer', text: 'Questions?'},
               {type: 'choices', options: [{title: 'Yes', payload: '/affirm'}]}]}}])"""
    )
    assert [e["text"] for e in entries] == ["Hi, I am an automated helper.", "", "Questions?"]
    answer = entries[1]["answer"]
    assert answer["body"] == "Body.\n\nMore.\n\nPlease note: Ask your team." and answer["review"]["label"] == "Draft"
    assert answer["citations"][0]["url"] == "https://a.example/"
    assert entries[1]["buttons"] == [{"title": "Say it more simply", "payload": "simpler please"}]
    assert entries[2]["buttons"] == [{"title": "Yes", "payload": "/affirm"}]
    assert not watch.dialogs and not watch.errors


def test_server_stopped_shows_the_error_state_with_the_helpline(make_context, live: Live, watch: PageWatch) -> None:
    # The host page here is served by Playwright (so Chromium sees no address for it) and the
    # fake bot is on loopback: Chromium's Local Network Access check needs the permission that
    # a real page served from loopback (like the demo page) does not.
    ctx = make_context()
    ctx.grant_permissions(["local-network-access"])
    page = ctx.new_page()
    watch.attach(page)
    fake = FakeRest(origin=live.web.origin).start()
    try:
        open_widget(page, serve_host_page(page, live, fake.url))
        ask(page, "hello")
        expect(page.locator("#mbc-chat-widget .msg-bot").last).to_contain_text("I'm here.")
        assert (
            fake.received[0]["message"] == "hello" and fake.received[0]["sender"] == fake.issued[0]
        )  # the server's id
        fake.stop()  # the server goes away mid-conversation

        ask(page, "what is a bone scan?")
        error = page.locator("#mbc-chat-widget .msg-error")
        expect(error).to_have_count(1, timeout=30_000)
        expect(error).to_have_attribute("role", "alert")
        expect(error).to_contain_text("can\u2019t reach")
        expect(error).to_contain_text("(888) 753-5222")
        assert error.locator("a").get_attribute("href") == HELPLINE_TEL
        expect(page.locator("#mbc-chat-widget .typing")).to_be_hidden()
        expect(page.locator("#mbc-chat-widget a.helpline")).to_be_visible()
        page.screenshot(path=str(ARTIFACTS / "widget-error.png"))

        fake.start()  # back again (same port): "Try again" resends the question
        page.get_by_role("button", name="Try again").click()
        expect(error).to_have_count(0)
        expect(page.locator("#mbc-chat-widget .msg-bot").last).to_contain_text("I'm here.")
        assert fake.received[-1]["message"] == "what is a bone scan?"
    finally:
        fake.stop()
    assert not watch.dialogs and not watch.errors


# ---- feedback, "say it more simply", and new wording -------------------------------------


def slot_events(live: Live, sender: str, name: str) -> list[dict]:
    from mbc.privacy import conversation_key

    con = sqlite3.connect(live.bot.workdir / "tracker.db")
    rows = [
        json.loads(r[0])
        for r in con.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'slot' ORDER BY id",
            (conversation_key("rest", sender),),
        )
    ]
    con.close()
    return [e for e in rows if e.get("name") == name]


def test_thumbs_up_under_an_answer_reaches_the_tracker_as_feedback(page: Page, live: Live, watch: PageWatch) -> None:
    open_widget(page, f"{live.web.url}/")
    ask(page, "what is a bone scan?")
    answer = answers_with_sources(page)
    expect(answer).to_have_count(1, timeout=ANSWER_TIMEOUT)
    bar = answer.get_by_role("group", name="Was this answer helpful?")
    expect(bar).to_contain_text("Was this helpful?")
    bar.get_by_role("button", name="Yes, this was helpful").click()
    expect(bar).to_contain_text("you said this was helpful")  # no second vote
    expect(page.locator("#mbc-chat-widget .msg-user").last).to_have_text(re.compile("\U0001f44d"))
    expect(page.locator("#mbc-chat-widget .msg-bot").last).to_contain_text(
        "Thank you for telling us", timeout=ANSWER_TIMEOUT
    )
    sender = page.evaluate("() => sessionStorage.getItem('mbc-chat:sender')")
    events = slot_events(live, sender, "feedback")
    assert [e["value"] for e in events] == [{"answer_id": "diagnosis-bone-scan", "value": "up"}]
    page.reload()  # the vote is remembered with the conversation
    expect(answers_with_sources(page).first.get_by_role("group", name="Was this answer helpful?")).to_contain_text(
        "you said this was helpful"
    )
    assert not watch.dialogs and not watch.errors


def test_say_it_more_simply_is_offered_when_the_answer_has_a_simpler_version(page: Page, live: Live) -> None:
    fake = f"{live.web.url}/fake"
    sent: list[dict] = []

    def reply(route) -> None:  # type: ignore[no-untyped-def]
        sent.append(json.loads(route.request.post_data or "{}"))
        simple = {**EVIL_ANSWER, "short": "A bone scan looks for cancer in the bones.", "citations": []}
        body = (
            [reply_message([simple], simpler="simpler please")]
            if len(sent) == 1
            else [reply_message([{**simple, "short": "A simple version."}])]
        )
        route.fulfill(status=200, content_type="application/json", body=json.dumps(body))

    page.route(f"{fake}/webhooks/rest/webhook", reply)
    open_widget(page, serve_host_page(page, live, fake))
    ask(page, "what is a bone scan?")
    page.get_by_role("button", name="Say it more simply").click()
    expect(page.locator("#mbc-chat-widget .msg-bot").last).to_contain_text("A simple version.")
    assert sent[-1]["message"] == "simpler please"
    expect(page.get_by_role("button", name="Say it more simply")).to_have_count(0)  # not offered again


def test_new_wording_in_the_reply_still_renders(page: Page, live: Live, watch: PageWatch) -> None:
    """A real reply from the bot after an editor rewrote the answer and the responses: the
    widget shows the new words, sources and review status, and nothing twice."""
    messages = live.bot.say(f"wording-{int(time.time() * 1000)}", "should I stop taking my tamoxifen?")
    [payload] = [m["custom"] for m in messages if (m.get("custom") or {}).get("type") == "reply"]
    for part in payload["parts"]:
        if part["type"] == "response":
            part["text"] = f"Completely new wording for {part['name']}."
        elif part["type"] == "answer":
            part["short"] = f"Rewritten {part['id']}. Sources: this is part of the body."
            part["detail"] = "Checked by our team is a phrase in the body here."
    fake = f"{live.web.url}/fake"
    page.route(
        f"{fake}/webhooks/rest/webhook",
        lambda route: route.fulfill(status=200, content_type="application/json", body=json.dumps(messages)),
    )
    open_widget(page, serve_host_page(page, live, fake))
    ask(page, "should I stop taking my tamoxifen?")
    widget = page.locator("#mbc-chat-widget")
    expect(widget.locator(".msg-bot").filter(has_text="Completely new wording for utter_advice_offer.")).to_have_count(
        1
    )
    answers = answers_with_sources(page)
    parts = [p for p in payload["parts"] if p["type"] == "answer"]
    expect(answers).to_have_count(len(parts))
    for i, part in enumerate(parts):
        text = answers.nth(i).inner_text()
        assert f"Rewritten {part['id']}. Sources: this is part of the body." in text
        assert text.count("Sources:") == 2  # the body's words, then the list
        assert "not yet reviewed by a clinician" in text
    log = widget.locator(".log").inner_text()
    assert log.count(f"Rewritten {parts[0]['id']}.") == 1  # the plain copies are not shown
    expect(page.get_by_role("button", name="Yes, questions to ask")).to_be_visible()
    assert not watch.dialogs and not watch.errors
