"""Pure rendering from the core's structured reply: source lines, review status, choices,
splitting, per-platform formats (no Rasa server). Turns are made the way the bot makes
them: the core's Reply through actions/send.py, response names resolved from domain.yml."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
import yaml
from rasa_sdk.executor import CollectingDispatcher

from actions.send import response_text, send_reply
from channels import formats, texts
from channels.render import (
    Choice,
    max_chars,
    plain_block,
    plain_sources,
    reply_prompt,
    split_text,
    truncate,
    turn_blocks,
    turn_choices,
)
from channels.sms import is_gsm, next_page, segments, sms_citation
from mbc.render import REVIEW_DRAFT, answer_part
from mbc.reply import CitationInfo, Reply, Review
from mbc.respond import Context, respond

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
DISCLAIMER = {"text": response_text(DOMAIN, "utter_disclaimer"), "utter_action": "utter_disclaimer"}

LBBC = CitationInfo(
    "lbbc",
    "Living Beyond Breast Cancer (LBBC)",
    "LBBC",
    "Metastatic breast cancer",
    "lbbc.org",
    "https://www.lbbc.org",
    "Bone",
    "2025-07-10",
    ("Zanetta Lamar, MD",),
    "high",
)
HEALTHLINE = CitationInfo(
    "healthline",
    "Healthline",
    "Healthline",
    "Understanding Metastatic Breast Cancer",
    "healthline.com",
    "https://www.healthline.com",
    "",
    None,
    (),
    "medium",
)
UNATTRIBUTED = CitationInfo(
    "unattributed",
    "Unattributed web article",
    "Unattributed article",
    "Where does breast cancer spread to?",
    None,
    None,
    "",
    None,
    (),
    "low",
)
SMS_LBBC = "Source: LBBC, Metastatic breast cancer, reviewed Jul 2025 - lbbc.org"
PLAIN_LBBC = 'Source: LBBC, "Metastatic breast cancer", reviewed Jul 10, 2025 (lbbc.org)'
DRAFT_LINE = f"{REVIEW_DRAFT}."


def channel_turn(reply: Reply, domain: dict = DOMAIN, first: bool = False) -> list[dict]:
    """The bot messages a channel receives for one turn: what actions/send.py dispatches,
    with each response name resolved from the domain as Rasa does (and the session-start
    note first, on a conversation's first turn)."""
    dispatcher = CollectingDispatcher()
    send_reply(dispatcher, reply, domain)
    out = [dict(DISCLAIMER)] if first else []
    for m in dispatcher.messages:
        text = m.get("text") or (response_text(domain, m["response"]) if m.get("response") else None)
        message = {
            "text": text,
            "buttons": m.get("buttons") or None,
            "custom": m.get("custom"),
            "reply_part": m.get("reply_part"),
            "utter_action": m.get("response"),
        }
        out.append({k: v for k, v in message.items() if v})
    return out


def words(text: str) -> list[str]:
    return re.findall(r"\S+", text)


@pytest.fixture(scope="module")
def spread(kb) -> Reply:  # type: ignore[no-untyped-def]
    reply = respond("where does breast cancer spread?", Context(), kb)
    assert reply.answer_ids == ["spread-overview"]
    return reply


@pytest.fixture(scope="module")
def deferral(kb) -> Reply:  # type: ignore[no-untyped-def]
    reply = respond("should I stop taking my tamoxifen?", Context(), kb)
    assert reply.kind == "deferral" and reply.choices
    return reply


@pytest.fixture(scope="module")
def menu(kb) -> Reply:  # type: ignore[no-untyped-def]
    reply = respond("what can you do?", Context(act="ask_capabilities", act_confidence=0.99), kb)
    assert len(reply.choices) == 5
    return reply


# --- the citation formatters -------------------------------------------------------------


def test_sms_citation_format() -> None:
    assert sms_citation(LBBC) == SMS_LBBC
    assert (
        sms_citation(HEALTHLINE)
        == "Source: Healthline, Understanding Metastatic Breast Cancer, no review date - healthline.com"
    )
    assert sms_citation(UNATTRIBUTED).endswith("no review date (no references)")
    assert sms_citation(dataclasses.replace(LBBC, reviewed="not a date")).endswith("no review date - lbbc.org")


def test_plain_sources_one_line_per_source_then_the_review_status(spread: Reply) -> None:
    [part] = spread.answers
    lines = plain_sources(part)
    assert lines[-1] == DRAFT_LINE
    assert PLAIN_LBBC in lines
    assert len(lines) == len({c.source_id for c in part.citations}) + 1  # a source cited twice is listed once
    signed = dataclasses.replace(part, review=Review("reviewed", "Nancy U. Lin, MD", "2026-12-01", "2026-11-22"))
    assert plain_sources(signed)[-1] == "Reviewed by Nancy U. Lin, MD on Dec 1, 2026."


# --- a turn from the reply payload ----------------------------------------------------------


def test_an_answer_is_rendered_from_the_payload_not_from_its_text(spread: Reply) -> None:
    blocks = turn_blocks(channel_turn(spread, first=True))
    assert [b.answer is not None for b in blocks] == [False, True]
    assert blocks[0].text == DISCLAIMER["text"]  # a message outside the reply is shown as it is
    [part] = spread.answers
    assert blocks[1].text.startswith(part.short) and "Sources:" not in blocks[1].text
    assert blocks[1].answer == part  # citations and review status, as the core made them


def test_choices_are_numbered_across_the_turn(deferral: Reply, menu: Reply) -> None:
    messages = channel_turn(deferral)
    blocks = turn_blocks(messages)
    assert [c.number for b in blocks for c in b.choices] == [1, 2]  # the plain copies are not counted again
    offer = blocks[-1]
    assert offer.text == response_text(DOMAIN, "utter_advice_offer")
    assert offer.choices[0] == Choice(
        1, "Yes, questions to ask", '/show_answer{"answer_id": "support-oncologist-questions"}'
    )
    assert plain_block(offer).splitlines()[-3:] == ["1. Yes, questions to ask", "2. Talk to a person", "Reply 1 or 2."]
    extra = {"text": "More?", "buttons": [{"title": "Yes", "payload": "/affirm"}]}  # a message outside the reply
    assert [c.number for c in turn_choices(channel_turn(menu) + [extra])] == [1, 2, 3, 4, 5, 6]
    assert reply_prompt([1]) == "Reply 1." and reply_prompt([4, 5, 6]) == "Reply 4, 5 or 6."


@pytest.mark.parametrize("limit", [60, 153, 300, 459, 2000])
def test_split_keeps_every_word_and_cuts_at_sentences(deferral: Reply, limit: int) -> None:
    body = "\n\n".join(b.text for b in turn_blocks(channel_turn(deferral)) if b.answer)
    parts = split_text(body, max_chars(limit))
    assert all(len(p) <= limit for p in parts)
    assert words(" ".join(parts)) == words(body)  # nothing lost, nothing cut mid-word
    if limit >= 300:
        assert all(p.endswith((".", "!", "?", ":")) for p in parts), parts
    assert split_text("Cells lodge, e.g. in a tiny vessel. Then more.", max_chars(40)) == [
        "Cells lodge, e.g. in a tiny vessel.",
        "Then more.",
    ]  # "e.g." is not a sentence end


def test_split_a_word_longer_than_the_limit() -> None:
    assert split_text("a " + "x" * 25, max_chars(10)) == ["a", "x" * 10, "x" * 10, "x" * 5]


def test_truncate_at_a_word() -> None:
    assert truncate("1. Where does it spread?", 20) == "1. Where does it\u2026"
    assert truncate("short", 20) == "short"


# --- per platform ---------------------------------------------------------------------------


def test_sms_pages_of_three_segments_with_more_and_the_feedback_prompt(spread: Reply, deferral: Reply) -> None:
    now, later = formats.sms_turn(channel_turn(spread, first=True))
    assert now[0] == DISCLAIMER["text"]  # the note is never held back
    assert now[1].endswith("\n" + texts.MORE_SUFFIX)
    sent = []
    while later:  # what the MORE replies send: the suffix on every page but the last
        page, later = next_page(later, texts.MORE_SUFFIX)
        sent.append(page)
    assert all(p.endswith(texts.MORE_SUFFIX) for p in sent[:-1]) and not sent[-1].endswith(texts.MORE_SUFFIX)
    pages = now[1:] + sent
    assert all(segments(p) <= 3 and is_gsm(p) for p in now + sent)
    joined = "\n".join(p.replace(texts.MORE_SUFFIX, "") for p in pages)
    [part] = spread.answers
    assert words(part.short) == words(joined)[: len(words(part.short))]
    assert SMS_LBBC in joined and DRAFT_LINE in joined
    assert "\u2014" not in joined and "Sources:" not in joined and "Checked by our team" not in joined
    assert sent[-1].endswith(texts.SMS_FEEDBACK_PROMPT)  # the answer's last segment asks for feedback
    # no prompt after a deferral (nothing to rate yet), choices last
    now, later = formats.sms_turn(channel_turn(deferral))
    assert (now + later)[-1].endswith("Reply 1 or 2.") and texts.SMS_FEEDBACK_PROMPT not in "".join(now + later)


def test_sms_uses_the_domains_feedback_prompt_when_it_is_plain_text(spread: Reply) -> None:
    domain = {
        **DOMAIN,
        "responses": {**DOMAIN["responses"], "utter_feedback_prompt": [{"text": "Was that useful? YES or NO"}]},
    }
    now, later = formats.sms_turn(channel_turn(spread, domain))
    assert (now + later)[-1].endswith("Was that useful? YES or NO")
    assert "\U0001f44d" in response_text(DOMAIN, "utter_feedback_prompt")  # the real one has emoji: SMS wording instead


def test_short_sms_turn_is_sent_whole(kb) -> None:  # type: ignore[no-untyped-def]
    urgent = respond("my wife can't breathe", Context(), kb)
    now, later = formats.sms_turn(channel_turn(urgent))
    assert now == [response_text(DOMAIN, "utter_urgent_emergency")] and later == []


def test_whatsapp_splits_at_4096_without_more(deferral: Reply) -> None:
    msgs = formats.whatsapp_turn(channel_turn(deferral))
    assert all(len(m) <= 4096 for m in msgs)
    assert msgs[-1].endswith("Reply 1 or 2.")
    assert PLAIN_LBBC in "\n".join(msgs) and not any(texts.MORE_SUFFIX in m for m in msgs)


def test_telegram_keyboard_and_the_64_byte_callback_limit(kb, menu: Reply) -> None:  # type: ignore[no-untyped-def]
    out = formats.telegram_turn(channel_turn(menu))
    text, buttons = out[-1]
    assert text == response_text(DOMAIN, "utter_capabilities")
    assert buttons[0] == ("Where does it spread?", '/show_answer{"answer_id": "spread-overview"}')
    long = '/show_answer{"answer_id": "symptoms-bone-very-long-identifier-for-testing"}'  # over 64 bytes
    menu2 = dataclasses.replace(
        menu,
        parts=(
            menu.parts[0],
            dataclasses.replace(
                menu.parts[1], options=(menu.choices[0], dataclasses.replace(menu.choices[1], payload=long))
            ),
        ),
    )
    assert [d for _, d in formats.telegram_turn(channel_turn(menu2))[-1][1]] == [menu.choices[0].payload, "choice:2"]


def test_messenger_quick_replies(deferral: Reply, menu: Reply) -> None:
    out = formats.messenger_turn(channel_turn(menu))
    last = out[-1]
    assert [q["payload"] for q in last["quick_replies"]] == [c.payload for c in menu.choices]
    assert all(len(q["title"]) <= 20 for q in last["quick_replies"])
    assert "2. What are the symptoms?" in last["text"]  # some titles are too long: all numbered in the text
    out = formats.messenger_turn(channel_turn(deferral))
    assert all(len(m["text"]) <= 2000 for m in out)


def test_slack_blocks(spread: Reply, menu: Reply) -> None:
    [answer] = formats.slack_turn(channel_turn(spread))
    kinds = [b["type"] for b in answer["blocks"]]
    assert kinds[-1] == "context" and set(kinds[:-1]) == {"section"}
    assert answer["blocks"][0]["text"]["type"] == "plain_text"  # nothing read as markup
    context = [e["text"] for e in answer["blocks"][-1]["elements"]]
    assert PLAIN_LBBC in context and context[-1] == DRAFT_LINE
    [reply] = formats.slack_turn(channel_turn(menu))
    assert [e["value"] for e in reply["blocks"][-1]["elements"]] == [c.payload for c in menu.choices]
    assert reply["text"] == response_text(DOMAIN, "utter_capabilities")


# --- new wording breaks no client ----------------------------------------------------------------


NEW_SHORT = "Rewritten first sentence about spread. Sources: this is body text, not a sources line."
NEW_DETAIL = "A new second paragraph. Checked by our team is a phrase in the body here."


def reworded(kb, reply: Reply) -> tuple[Reply, dict]:  # type: ignore[no-untyped-def]
    """The same reply after an editor rewrote the answer and every domain response."""
    first = reply.answer_ids[0]
    answer = dataclasses.replace(kb.answers[first], short=NEW_SHORT, detail=NEW_DETAIL)
    parts = tuple(answer_part(answer, kb.sources) if getattr(p, "id", None) == first else p for p in reply.parts)
    responses = {
        name: [{"text": f"Completely new wording for {name}, with no old phrases."}] for name in DOMAIN["responses"]
    }
    return dataclasses.replace(reply, parts=parts), {**DOMAIN, "responses": responses}


def test_new_wording_of_responses_and_answers_breaks_no_renderer(kb, deferral: Reply) -> None:  # type: ignore[no-untyped-def]
    reply, domain = reworded(kb, deferral)
    messages = channel_turn(reply, domain)
    offer = "Completely new wording for utter_advice_offer, with no old phrases."
    sms_now, sms_later = formats.sms_turn(messages)
    sms = "\n".join(p.replace(texts.MORE_SUFFIX, "") for p in sms_now + sms_later)
    outputs = {
        "sms": sms,
        "whatsapp": "\n".join(formats.whatsapp_turn(messages)),
        "telegram": "\n".join(t for t, _ in formats.telegram_turn(messages)),
        "messenger": "\n".join(m["text"] for m in formats.messenger_turn(messages)),
        "slack": "\n".join(
            b["text"]["text"]
            if b["type"] == "section"
            else "\n".join(e.get("text", "") for e in b["elements"] if isinstance(e.get("text"), str))
            for m in formats.slack_turn(messages)
            for b in m["blocks"]
        ),
    }
    for name, text in outputs.items():
        flat = " ".join(text.split())
        assert NEW_SHORT in flat and NEW_DETAIL in flat, name  # the body, whole, whatever it says
        assert offer in flat, name
        assert f"{REVIEW_DRAFT}." in flat, name  # the review status still shown
        assert ("Source: LBBC" in flat) and flat.count(
            "Source: LBBC"
        ) == 1, name  # one line for the new answer's source
        assert "Sources: " not in flat.replace(NEW_SHORT, ""), name  # the plain sources paragraph is never shown
    assert outputs["sms"].rstrip().endswith("Reply 1 or 2.")
    assert [c.title for c in turn_choices(messages)] == ["Yes, questions to ask", "Talk to a person"]
