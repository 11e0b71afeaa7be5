"""The terminal client (make shell): readable text, never the raw payload."""

from __future__ import annotations

import io

from actions.send import response_text
from channels.terminal import Client, chat, render_reply
from mbc.render import REVIEW_DRAFT
from mbc.respond import Context, respond
from tests.channels.conftest import ChannelBot
from tests.channels.test_render import DOMAIN, channel_turn


def scripted(lines: list[str]):  # type: ignore[no-untyped-def]
    feed = iter(lines)

    def read(prompt: str) -> str:
        try:
            return next(feed)
        except StopIteration:
            raise EOFError from None

    return read


def test_an_answer_reads_as_text_with_sources_review_and_prompt(kb) -> None:  # type: ignore[no-untyped-def]
    reply = respond("what is a bone scan?", Context(), kb)
    text, choices = render_reply(channel_turn(reply, first=True), width=70)
    assert "{" not in text and '"type"' not in text and "citations" not in text
    assert text.startswith("Hi, I'm an automated helper")
    assert reply.answers[0].short.split()[0] in text
    assert "Source: Healthline" in text and f"{REVIEW_DRAFT}." in " ".join(text.split())
    assert "Sources:" not in text  # the one-line plain copy is not shown again
    assert all(len(line) <= 70 for line in text.splitlines())
    prompt = response_text(DOMAIN, "utter_feedback_prompt")
    if kb.answers[reply.answer_ids[0]].simple:  # offered as choice 1, after the feedback prompt
        assert text.endswith(f"{prompt}\n\n1. Say it more simply\nReply 1.")
        assert [(c.title, c.payload) for c in choices] == [("Say it more simply", "simpler please")]
    else:
        assert text.endswith(prompt) and choices == []


def test_chat_over_rest_with_numbered_choices(channel_bot: ChannelBot) -> None:
    out = io.StringIO()
    assert chat(Client(channel_bot.url), scripted(["what can you do?", "1", "/quit"]), out, width=80) == 0
    shown = out.getvalue()
    assert "1. Where does it spread?" in shown and "Reply 1, 2, 3, 4 or 5." in shown
    assert "Source: LBBC" in shown and REVIEW_DRAFT in " ".join(shown.split())
    assert "spread" in shown.split("Reply 1, 2, 3, 4 or 5.")[1].lower()  # "1" picked the first choice
    for raw in ('"type"', '"citations"', "reply_part", "{'", '{"'):
        assert raw not in shown, raw
    # not a wall of JSON: every line is short prose
    assert all(len(line) <= 80 for line in shown.splitlines())


def test_an_unreachable_bot_says_so_with_the_helpline() -> None:
    out = io.StringIO()
    chat(Client("http://127.0.0.1:9", timeout=2), scripted(["hello"]), out)
    assert "can't be reached" in out.getvalue() and "(888) 753-5222" in out.getvalue()
