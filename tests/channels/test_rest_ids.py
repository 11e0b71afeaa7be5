"""The REST channel: server-issued conversation ids for the widget, and the structured
reply with its plain copies marked (against the real bot)."""

from __future__ import annotations

import re

import requests

from tests.channels.conftest import ChannelBot

CONVERSATION = "/webhooks/rest/conversation"
WEBHOOK = "/webhooks/rest/webhook"


def new_id(bot: ChannelBot) -> str:
    r = requests.post(f"{bot.url}{CONVERSATION}", json={}, timeout=30)
    assert r.status_code == 201 and r.headers["Cache-Control"] == "no-store"
    return r.json()["sender"]


def test_the_server_issues_random_conversation_ids(channel_bot: ChannelBot) -> None:
    ids = {new_id(channel_bot) for _ in range(20)}
    assert len(ids) == 20 and all(re.fullmatch(r"web-[0-9a-f]{32}", i) for i in ids)
    # JSON only, like the webhook: a page elsewhere cannot ask for one without a CORS preflight
    r = requests.post(f"{channel_bot.url}{CONVERSATION}", data="{}", headers={"Content-Type": "text/plain"}, timeout=30)
    assert r.status_code == 415


def test_an_issued_id_holds_a_conversation(channel_bot: ChannelBot) -> None:
    sender = new_id(channel_bot)
    first = requests.post(
        f"{channel_bot.url}{WEBHOOK}", json={"sender": sender, "message": "what is tamoxifen?"}, timeout=60
    )
    assert first.status_code == 200 and all(m["recipient_id"] == sender for m in first.json())
    again = requests.post(
        f"{channel_bot.url}{WEBHOOK}", json={"sender": sender, "message": "what are its side effects?"}, timeout=60
    ).json()
    assert "tamoxifen" in " ".join(m.get("text") or "" for m in again).lower()  # the same conversation


def test_plain_copies_of_the_reply_are_marked(channel_bot: ChannelBot) -> None:
    messages = requests.post(
        f"{channel_bot.url}{WEBHOOK}",
        json={"sender": new_id(channel_bot), "message": "what is a bone scan?"},
        timeout=60,
    ).json()
    [reply] = [m for m in messages if (m.get("custom") or {}).get("type") == "reply"]
    assert "reply_part" not in reply
    note, *copies = (m for m in messages if m is not reply)
    assert "reply_part" not in note and "not medical advice" in note["text"]  # the session-start note
    assert copies and all(m["reply_part"] is True for m in copies)  # every paragraph of the answer, its payload too
    [answer] = [p for p in reply["custom"]["parts"] if p["type"] == "answer"]
    assert answer["short"] in " ".join(m.get("text") or "" for m in copies)
    assert reply["custom"]["feedback"]["answer_id"] == answer["id"] and reply["custom"]["feedback"]["prompt"]
