"""Pure rendering: source lines, choices, splitting, per-platform formats (no Rasa)."""

from __future__ import annotations

import re

import pytest

from channels import formats, texts
from channels.render import (
    Choice,
    max_chars,
    plain_block,
    reply_prompt,
    source_line,
    source_lines,
    split_text,
    strip_sources,
    truncate,
    turn_blocks,
    turn_choices,
)
from channels.sms import is_gsm, next_page, segments

LBBC = {"id": "lbbc", "source_id": "lbbc", "publisher": "Living Beyond Breast Cancer (LBBC)", "publisher_short": "LBBC",
        "title": "Metastatic breast cancer", "site": "lbbc.org", "reviewed": "2025-07-10", "trust": "high", "section": "Bone"}
HEALTHLINE = {"id": "healthline", "source_id": "healthline", "publisher_short": "Healthline",
              "title": "Understanding Metastatic Breast Cancer", "site": "healthline.com", "reviewed": None, "trust": "medium"}
UNATTRIBUTED = {"id": "unattributed", "source_id": "unattributed", "publisher_short": "Unattributed article",
                "title": "Where does breast cancer spread to?", "site": None, "reviewed": None, "trust": "low"}
SOURCES_TEXT = ('Sources: LBBC, "Metastatic breast cancer", reviewed Jul 10, 2025 (lbbc.org); Healthline, "Understanding '
                'Metastatic Breast Cancer", no review date given (healthline.com). Checked by our team Nov 22, 2026.')
BODY = ("Breast cancer most often spreads to the bones, lungs, liver and brain, but it can reach any organ. It spreads "
        "when cells break off from the original tumor and travel in the blood or the lymph system.\n\n"
        "Cancer cells do not hold together as firmly as normal cells, so some can come loose. Cells that get into small "
        "blood vessels are carried along until they get stuck, e.g. in a tiny vessel called a capillary; from there they "
        "can pass into a nearby organ and grow into a new tumor. Cells can also lodge in the closest lymph nodes, which is "
        "why doctors check those nodes first. ") * 3
ANSWER = {"text": f"{BODY.strip()}\n\n{SOURCES_TEXT}",
          "custom": {"type": "answer", "answer_id": "spread-overview", "sources_text": SOURCES_TEXT,
                     "citations": [LBBC, HEALTHLINE, {**LBBC, "section": "Lungs"}]}}
MENU = {"text": "Did you mean one of these?", "buttons": [
    {"title": "Where does it spread?", "payload": "/ask_spread"},
    {"title": "What are the symptoms of metastatic breast cancer in the bones?",
     "payload": '/show_answer{"answer_id": "symptoms-bone-very-long-identifier-for-testing"}'},
    {"title": "None of these", "payload": "/none_of_these"},
]}


def words(text: str) -> list[str]:
    return re.findall(r"\S+", text)


def test_source_line_format() -> None:
    assert source_line(LBBC) == "Source: LBBC, Metastatic breast cancer, reviewed Jul 2025 \u2014 lbbc.org"
    assert source_line(HEALTHLINE, dash="-") == "Source: Healthline, Understanding Metastatic Breast Cancer, no review date - healthline.com"
    assert source_line(UNATTRIBUTED).endswith("no review date (no references)")


def test_source_lines_one_per_source_then_the_check_date() -> None:
    lines = source_lines([LBBC, HEALTHLINE, LBBC], SOURCES_TEXT)
    assert lines == [source_line(LBBC), source_line(HEALTHLINE), "Checked by our team Nov 22, 2026."]
    assert source_lines([], SOURCES_TEXT) == []


def test_the_long_sources_paragraph_is_not_sent_twice() -> None:
    [block] = turn_blocks([ANSWER])
    assert "Sources:" not in block.text and block.text == BODY.strip()
    assert strip_sources("no sources here", SOURCES_TEXT) == "no sources here"
    # the payload as its own message right after its text (CollectingOutputChannel's shape)
    [block] = turn_blocks([{"text": ANSWER["text"]}, {"custom": ANSWER["custom"]}])
    assert "Sources:" not in block.text and block.sources[0].startswith("Source: LBBC")


def test_choices_are_numbered_across_the_turn() -> None:
    blocks = turn_blocks([{"text": "Hello"}, MENU, {"text": "More?", "buttons": [{"title": "Yes", "payload": "/affirm"}]}])
    assert [c.number for b in blocks for c in b.choices] == [1, 2, 3, 4]
    assert turn_choices([MENU])[2] == Choice(3, "None of these", "/none_of_these")
    text = plain_block(blocks[1])
    assert text.splitlines()[2:] == [
        "1. Where does it spread?", "2. What are the symptoms of metastatic breast cancer in the bones?",
        "3. None of these", "Reply 1, 2 or 3."]
    assert reply_prompt([1]) == "Reply 1." and reply_prompt([1, 2]) == "Reply 1 or 2."
    assert reply_prompt([4, 5, 6]) == "Reply 4, 5 or 6."


@pytest.mark.parametrize("limit", [60, 153, 300, 459, 2000])
def test_split_keeps_every_word_and_cuts_at_sentences(limit: int) -> None:
    parts = split_text(BODY, max_chars(limit))
    assert all(len(p) <= limit for p in parts)
    assert words(" ".join(parts)) == words(BODY)  # nothing lost, nothing cut mid-word
    if limit >= 300:
        assert all(p.endswith((".", "!", "?")) for p in parts), parts
        assert not any(p.startswith("in a tiny vessel") for p in parts)  # "e.g." is not a sentence end


def test_split_a_word_longer_than_the_limit() -> None:
    assert split_text("a " + "x" * 25, max_chars(10)) == ["a", "x" * 10, "x" * 10, "x" * 5]


def test_truncate_at_a_word() -> None:
    assert truncate("1. Where does it spread?", 20) == "1. Where does it\u2026"
    assert truncate("short", 20) == "short"


def test_sms_pages_of_three_segments_with_more() -> None:
    now, later = formats.sms_turn([{"text": "Hi, I'm an automated helper."}, ANSWER, MENU])
    assert now[0] == "Hi, I'm an automated helper."
    assert now[1].endswith("\n" + texts.MORE_SUFFIX)
    pages = now[1:] + later
    assert len(later) >= 2
    sent = []
    while later:  # what the MORE replies send: the suffix on every page but the last
        page, later = next_page(later, texts.MORE_SUFFIX)
        sent.append(page)
    assert all(p.endswith(texts.MORE_SUFFIX) for p in sent[:-1]) and not sent[-1].endswith(texts.MORE_SUFFIX)
    assert all(segments(p) <= 3 and is_gsm(p) for p in now + sent)
    joined = "\n".join(p.replace(texts.MORE_SUFFIX, "") for p in pages)
    assert words(BODY) == words(joined)[: len(words(BODY))]
    assert "Source: LBBC, Metastatic breast cancer, reviewed Jul 2025 - lbbc.org" in joined
    assert "\u2014" not in joined and "Sources:" not in joined
    assert sent[-1].endswith("Reply 1, 2 or 3.")


def test_short_sms_turn_is_sent_whole() -> None:
    now, later = formats.sms_turn([{"text": "This could be an emergency. Please call 911 now."}, {"text": "Take care."}])
    assert now == ["This could be an emergency. Please call 911 now.", "Take care."] and later == []


def test_whatsapp_splits_at_4096_without_more() -> None:
    long = {"text": BODY * 4}
    msgs = formats.whatsapp_turn([long, MENU])
    assert len(msgs) > 2 and all(len(m) <= 4096 for m in msgs)
    assert msgs[-1].endswith("Reply 1, 2 or 3.")
    assert words(" ".join(msgs[:-1])) == words(BODY * 4)


def test_telegram_keyboard_and_the_64_byte_callback_limit() -> None:
    out = formats.telegram_turn([ANSWER, MENU])
    assert out[0][1] == [] and source_line(LBBC) in out[0][0]
    text, buttons = out[-1]
    assert text == "Did you mean one of these?"
    assert buttons == [("Where does it spread?", "/ask_spread"),
                       ("What are the symptoms of metastatic breast cancer in the bones?", "choice:2"),
                       ("None of these", "/none_of_these")]


def test_messenger_quick_replies() -> None:
    out = formats.messenger_turn([ANSWER, MENU])
    assert all(len(m["text"]) <= 2000 for m in out)
    last = out[-1]
    assert [q["payload"] for q in last["quick_replies"]] == [b["payload"] for b in MENU["buttons"]]
    assert all(len(q["title"]) <= 20 for q in last["quick_replies"])
    assert "2. What are the symptoms of metastatic breast cancer in the bones?" in last["text"]  # full titles, numbered
    short = formats.messenger_turn([{"text": "Ok?", "buttons": [{"title": "Yes", "payload": "/affirm"}]}])
    assert short == [{"text": "Ok?", "quick_replies": [{"content_type": "text", "title": "Yes", "payload": "/affirm"}]}]


def test_slack_blocks() -> None:
    [answer, menu] = formats.slack_turn([ANSWER, MENU])
    kinds = [b["type"] for b in answer["blocks"]]
    assert kinds == ["section", "context"]
    assert answer["blocks"][0]["text"]["type"] == "plain_text"  # nothing read as markup
    assert [e["text"] for e in answer["blocks"][1]["elements"]][0] == source_line(LBBC)
    assert [e["value"] for e in menu["blocks"][-1]["elements"]] == [b["payload"] for b in MENU["buttons"]]
    assert menu["text"] == "Did you mean one of these?"
