"""Conversation keys: per channel and pseudonymous. REST cannot reach, read or delete an
SMS conversation, and phone numbers are not stored as keys."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import requests

from channels.state import ChannelState
from mbc.privacy import conversation_key, is_conversation_key
from tests.channels.conftest import ChannelBot
from tests.channels.fakes import FakePlatforms
from tests.channels.test_telegram import chat_id
from tests.channels.test_telegram import say as telegram_say
from tests.channels.test_twilio import phone, sms, sms_all
from tests.servers import texts

REST = "/webhooks/rest/webhook"


def rest(bot: ChannelBot, sender: str, message: str) -> requests.Response:
    return requests.post(f"{bot.url}{REST}", json={"sender": sender, "message": message}, timeout=60)


def forget_over_rest(bot: ChannelBot, sender: str) -> None:
    """'forget me', confirmed if the bot asks for a confirmation."""
    reply = rest(bot, sender, "forget me")
    assert reply.status_code == 200
    if "YES" in texts(reply.json()):
        assert rest(bot, sender, "yes").status_code == 200


def events_of(bot: ChannelBot, key: str) -> list[dict]:
    con = sqlite3.connect(Path(bot.workdir) / "tracker.db")
    rows = [json.loads(r[0]) for r in con.execute("SELECT data FROM events WHERE sender_id = ? ORDER BY id", (key,))]
    con.close()
    return rows


def all_sender_ids(bot: ChannelBot) -> set[str]:
    con = sqlite3.connect(Path(bot.workdir) / "tracker.db")
    ids = {r[0] for r in con.execute("SELECT DISTINCT sender_id FROM events")}
    ids |= {r[0] for r in con.execute("SELECT sender FROM mbc_channel_optout")}
    ids |= {r[0] for r in con.execute("SELECT sender FROM mbc_channel_pending")}
    con.close()
    return ids


def test_rest_cannot_reach_read_or_delete_an_sms_conversation(
    channel_bot: ChannelBot, platforms: FakePlatforms, uid: str
) -> None:
    number = phone(uid)
    key = conversation_key("twilio", number)
    sms_all(channel_bot, platforms, number, "what is tamoxifen?")
    sms_all(channel_bot, platforms, number, "what are its side effects?")  # tamoxifen is a remembered slot now
    before = events_of(channel_bot, key)
    assert before and any(e.get("name") == "drug" and e.get("value") for e in before if e["event"] == "slot")
    # posting as the phone number, or as the conversation's key in any spelling: refused
    for sender in (
        number,
        number[1:],
        f"whatsapp:{number}",
        key,
        key.upper(),
        f"twilio:{number}",
        f"telegram:{uid}",
        f"facebook:{uid}",
        f"slack:{uid}",
        f"rest:{uid}",
    ):
        r = rest(channel_bot, sender, "what are its side effects?")
        assert r.status_code == 400, (sender, r.text)
        assert "phone number or another channel" in r.json()["error"]
    assert rest(channel_bot, number, "forget me").status_code == 400
    # the key's digest alone is just another REST sender: a different, empty conversation
    digest = key.split(":", 1)[1]
    messages = rest(channel_bot, digest, "what are its side effects?").json()
    assert "tamoxifen" not in texts(messages).lower()
    assert all(m["recipient_id"] == digest for m in messages)  # the client's own id back, not the key
    assert events_of(channel_bot, conversation_key("rest", digest))
    forget_over_rest(channel_bot, digest)
    assert events_of(channel_bot, conversation_key("rest", digest)) == []  # that REST conversation went
    # ... and the SMS conversation is all still there
    assert events_of(channel_bot, key)[: len(before)] == before
    [reply] = sms(channel_bot, platforms, number, "help")
    assert "Reply STOP" in reply


def test_phone_numbers_and_chat_ids_are_not_stored_as_keys(
    channel_bot: ChannelBot, platforms: FakePlatforms, uid: str
) -> None:
    number = phone(uid)
    sms_all(channel_bot, platforms, number, "should I stop taking my tamoxifen?")  # leaves pages for MORE
    sms(channel_bot, platforms, number, "STOP")
    chat = chat_id(uid)
    telegram_say(channel_bot, platforms, chat, "what is a bone scan?")
    ids = all_sender_ids(channel_bot)
    assert conversation_key("twilio", number) in ids and conversation_key("telegram", str(chat)) in ids
    assert not any(number in i or number[1:] in i or str(chat) in i for i in ids)
    assert all(is_conversation_key(i) for i in ids if i.startswith(("twilio:", "telegram:")))
    # the replies still went to the real number and chat
    assert platforms.find("twilio", lambda c: c.data["To"] == number)
    assert platforms.find("telegram", lambda c: str(c.data.get("chat_id")) == str(chat))


def test_the_same_id_on_two_channels_is_two_conversations() -> None:
    assert conversation_key("twilio", "+15550001234") != conversation_key("whatsapp", "+15550001234")
    assert conversation_key("rest", "+15550001234") != conversation_key("twilio", "+15550001234")


def test_forget_me_by_sms_deletes_its_conversation_and_waiting_pages(
    channel_bot: ChannelBot, platforms: FakePlatforms, uid: str
) -> None:
    number = phone(uid)
    key = conversation_key("twilio", number)
    first = sms(channel_bot, platforms, number, "should I stop taking my tamoxifen?")
    assert any(p.endswith("Reply MORE for the rest.") for p in first)
    db = Path(channel_bot.workdir) / "tracker.db"
    state = ChannelState.from_url(f"sqlite:///{db}")
    assert state.pending_pages("twilio", key) and events_of(channel_bot, key)
    reply = "\n".join(sms(channel_bot, platforms, number, "forget me"))
    if "YES" in reply:  # asked to confirm
        sms(channel_bot, platforms, number, "yes")
    assert events_of(channel_bot, key) == []
    assert state.pending_pages("twilio", key) == []
