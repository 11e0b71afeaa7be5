"""Feedback and "forget me" on the messaging channels, against the real bot and the fake
platforms: what the person sees, and what the tracker store keeps."""

from __future__ import annotations

import json
import time
from pathlib import Path

from channels import texts
from channels.state import ChannelState
from mbc.privacy import conversation_key
from tests.channels.conftest import ChannelBot
from tests.channels.fakes import FakePlatforms
from tests.channels.test_keys import events_of
from tests.channels.test_telegram import chat_id, say, to_chat
from tests.channels.test_twilio import phone, sms, sms_all

CONFIRM = "Delete this conversation? Reply YES to delete it."
FORGOTTEN = "Done: this conversation has been deleted from our records."
THANKS = "Thank you for telling us."


def feedback_events(bot: ChannelBot, key: str) -> list[dict]:
    return [
        e["value"]
        for e in events_of(bot, key)
        if e["event"] == "slot" and e.get("name") == "feedback" and e.get("value")
    ]


# --- feedback --------------------------------------------------------------------------------


def test_sms_answer_ends_with_the_feedback_prompt_and_yes_is_recorded(
    channel_bot: ChannelBot, platforms: FakePlatforms, uid: str
) -> None:
    number = phone(uid)
    key = conversation_key("twilio", number)
    pages = sms_all(channel_bot, platforms, number, "what is a bone scan?")
    assert pages[-1].endswith(texts.SMS_FEEDBACK_PROMPT)  # the answer's last segment asks
    [thanks] = sms(channel_bot, platforms, number, "YES")
    assert thanks.startswith(THANKS)
    assert feedback_events(channel_bot, key) == [{"answer_id": "diagnosis-bone-scan", "value": "up"}]
    # the person's words are not what is kept: only the answer id and the value
    assert not any("YES" in json.dumps(e.get("value")) for e in events_of(channel_bot, key) if e["event"] == "slot")


def test_sms_thumbs_down_counts_only_right_after_an_answer(
    channel_bot: ChannelBot, platforms: FakePlatforms, uid: str
) -> None:
    number = phone(uid)
    key = conversation_key("twilio", number)
    sms_all(channel_bot, platforms, number, "what is tamoxifen?")
    [thanks] = sms(channel_bot, platforms, number, "\U0001f44e")
    assert thanks.startswith(THANKS)
    sms(channel_bot, platforms, number, "\U0001f44e")  # nothing was just answered: not a second vote
    assert [e["value"] for e in feedback_events(channel_bot, key)] == ["down"]
    assert {e["answer_id"] for e in feedback_events(channel_bot, key)} == {"treatment-tamoxifen"}


# --- forget me ------------------------------------------------------------------------------------


def test_sms_forget_me_asks_first_then_yes_deletes(channel_bot: ChannelBot, platforms: FakePlatforms, uid: str) -> None:
    number = phone(uid)
    key = conversation_key("twilio", number)
    sms_all(channel_bot, platforms, number, "what is a bone scan?")
    [ask] = sms(channel_bot, platforms, number, "forget me")
    assert ask.startswith(CONFIRM) and ask.endswith("1. YES, delete\n2. No, keep it\nReply 1 or 2.")
    assert events_of(channel_bot, key), "nothing is deleted before the YES"
    [done] = sms(channel_bot, platforms, number, "YES")
    assert done.startswith(FORGOTTEN)
    assert events_of(channel_bot, key) == []


def test_sms_forget_me_confirmed_by_its_number(channel_bot: ChannelBot, platforms: FakePlatforms, uid: str) -> None:
    number = phone(uid)
    key = conversation_key("twilio", number)
    sms(channel_bot, platforms, number, "borra mis datos")
    [done] = sms(channel_bot, platforms, number, "1")
    assert done.startswith(FORGOTTEN) and events_of(channel_bot, key) == []


def test_sms_look_alikes_and_typed_payloads_delete_nothing(
    channel_bot: ChannelBot, platforms: FakePlatforms, uid: str
) -> None:
    number = phone(uid)
    key = conversation_key("twilio", number)
    sms_all(channel_bot, platforms, number, "what is a bone scan?")
    for text in ("don't forget me", "forget it", "/forget_confirm", "/forget_me", "yes"):
        reply = "\n".join(sms(channel_bot, platforms, number, text))
        assert FORGOTTEN not in reply, text
        if text == "/forget_me":  # typed, it is only text: at most the question, never the deletion
            sms(channel_bot, platforms, number, "no")
    assert events_of(channel_bot, key)


def test_after_stop_forget_me_still_deletes_and_sends_nothing(
    channel_bot: ChannelBot, platforms: FakePlatforms, uid: str
) -> None:
    number = phone(uid)
    key = conversation_key("twilio", number)
    sms_all(channel_bot, platforms, number, "what is a bone scan?")
    sms(channel_bot, platforms, number, "STOP")
    assert events_of(channel_bot, key)
    sent = len(platforms.find("twilio", lambda c: c.data["To"] == number))
    assert sms(channel_bot, platforms, number, "please forget me", expect=0) == []
    deadline = time.monotonic() + 20
    while events_of(channel_bot, key) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert events_of(channel_bot, key) == []
    time.sleep(0.5)
    assert len(platforms.find("twilio", lambda c: c.data["To"] == number)) == sent  # carrier rule: nothing after STOP
    state = ChannelState.from_url(f"sqlite:///{Path(channel_bot.workdir) / 'tracker.db'}")
    assert state.is_opted_out("twilio", key)  # the opt-out is kept: no texts until START
    [started] = sms(channel_bot, platforms, number, "START")
    assert started == texts.SMS_STARTED


# --- forged button presses ---------------------------------------------------------------------


def test_a_forged_telegram_callback_is_not_accepted(
    channel_bot: ChannelBot, platforms: FakePlatforms, uid: str
) -> None:
    chat = chat_id(uid)
    key = conversation_key("telegram", str(chat))
    say(channel_bot, platforms, chat, "what is a bone scan?")
    for forged in ("/urgent", "/forget_confirm", '/show_answer{"answer_id": "about-what-is-mbc"}'):
        [reply] = say(channel_bot, platforms, chat, callback=forged)
        assert reply.data["text"] == texts.NOT_OFFERED, forged
    assert events_of(channel_bot, key)  # nothing deleted
    assert not any(
        e["event"] == "user" and e.get("text") in ("/urgent", "/forget_confirm") for e in events_of(channel_bot, key)
    )
    # a choice the bot did offer is still taken
    say(channel_bot, platforms, chat, "forget me")
    sent = say(channel_bot, platforms, chat, callback="/forget_confirm")
    assert FORGOTTEN in "\n".join(c.data["text"] for c in sent)
    assert events_of(channel_bot, key) == []
    assert platforms.find("telegram", to_chat(chat))
