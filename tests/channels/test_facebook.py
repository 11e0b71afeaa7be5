"""Facebook Messenger: webhooks signed with X-Hub-Signature-256 into the real bot,
Send API calls checked on a local fake of the Graph API."""

from __future__ import annotations

import json

import requests

from tests.channels import fakes
from tests.channels.conftest import ChannelBot
from tests.channels.fakes import Call, FakePlatforms

PATH = "/webhooks/facebook/webhook"


def psid(uid: str) -> str:
    return str(int(uid, 16))


def to(user: str):  # type: ignore[no-untyped-def]
    return lambda c: c.data.get("recipient", {}).get("id") == user and "message" in c.data


def event(user: str, text: str | None = None, quick_reply: str | None = None, postback: str | None = None) -> dict:
    ev: dict = {"sender": {"id": user}, "recipient": {"id": "PAGE"}, "timestamp": 1700000000000}
    if postback is not None:
        ev["postback"] = {"title": "x", "payload": postback}
    else:
        ev["message"] = {"mid": f"m_{fakes.new_id()}", "text": text or ""}
        if quick_reply is not None:
            ev["message"]["quick_reply"] = {"payload": quick_reply}
    return {"object": "page", "entry": [{"id": "PAGE", "time": 1700000000000, "messaging": [ev]}]}


def post(bot: ChannelBot, payload: dict | bytes, signature: str | None = None) -> requests.Response:
    body = payload if isinstance(payload, bytes) else fakes.json_body(payload)
    sig = fakes.facebook_signature(body) if signature is None else signature
    return bot.post(PATH, body, {"X-Hub-Signature-256": sig} if sig else {}, "application/json")


def say(bot: ChannelBot, platforms: FakePlatforms, user: str, **kwargs: str) -> list[Call]:
    before = len(platforms.find("facebook", to(user)))
    r = post(bot, event(user, **kwargs))
    assert r.status_code == 200, r.text
    return platforms.wait_for("facebook", to(user), count=before + 1)[before:]


def test_verify_token(channel_bot: ChannelBot) -> None:
    ok = requests.get(
        f"{channel_bot.url}{PATH}",
        params={"hub.mode": "subscribe", "hub.verify_token": fakes.FB_VERIFY, "hub.challenge": "c123"},
        timeout=10,
    )
    assert ok.status_code == 200 and ok.text == "c123"
    bad = requests.get(
        f"{channel_bot.url}{PATH}",
        params={"hub.mode": "subscribe", "hub.verify_token": "nope", "hub.challenge": "c123"},
        timeout=10,
    )
    assert bad.status_code == 403


def test_answer_with_source_lines_quick_replies_and_numbers(
    channel_bot: ChannelBot, platforms: FakePlatforms, uid: str
) -> None:
    user = psid(uid)
    sent = say(channel_bot, platforms, user, text="where does breast cancer spread?")
    body = "\n".join(c.data["message"]["text"] for c in sent)
    assert (
        'Source: LBBC, "Metastatic breast cancer", reviewed Jul 10, 2025 (lbbc.org)' in body and "Sources:" not in body
    )
    assert "not yet reviewed by a clinician" in body
    assert all(len(c.data["message"]["text"]) <= 2000 and c.data["messaging_type"] == "RESPONSE" for c in sent)
    [menu] = say(channel_bot, platforms, user, text="what can you do?")
    replies = menu.data["message"]["quick_replies"]
    assert len(replies) == 5 and all(len(q["title"]) <= 20 for q in replies)
    assert replies[0]["payload"] == '/show_answer{"answer_id": "spread-overview"}'
    assert "5. Where can I find support?" in menu.data["message"]["text"]  # titles too long: numbered in the text
    typed = say(channel_bot, platforms, user, text="2")  # typing the number works too
    assert "Source: " in "\n".join(c.data["message"]["text"] for c in typed)
    tapped = say(
        channel_bot,
        platforms,
        user,
        text="How is spread found?",
        quick_reply='/show_answer{"answer_id": "diagnosis-overview"}',
    )
    assert "Source: " in "\n".join(c.data["message"]["text"] for c in tapped)


def test_wrong_or_old_signature_is_403_and_nothing_is_sent(
    channel_bot: ChannelBot, platforms: FakePlatforms, uid: str
) -> None:
    user = psid(uid)
    body = fakes.json_body(event(user, text="where does it spread?"))
    assert post(channel_bot, body, signature=fakes.facebook_signature(body, secret="wrong")).status_code == 403
    assert post(channel_bot, body, signature="").status_code == 403
    sha1 = channel_bot.post(PATH, body, {"X-Hub-Signature": "sha1=" + "0" * 40}, "application/json")
    assert sha1.status_code == 403
    assert platforms.find("facebook", to(user)) == []


def test_limits_apply(channel_bot: ChannelBot, platforms: FakePlatforms, uid: str) -> None:
    user = psid(uid)
    r = post(channel_bot, b"{oops")
    assert r.status_code == 400 and "JSON" in r.json()["error"]
    assert post(channel_bot, {"object": "page"}).status_code == 400
    [reply] = say(channel_bot, platforms, user, text="y" * 2001)
    assert reply.data["message"]["text"].startswith("Sorry, that message is too long")


def test_signature_is_checked_over_the_raw_body_bytes(
    channel_bot: ChannelBot, platforms: FakePlatforms, uid: str
) -> None:
    """Meta signs the bytes it sent: odd spacing and \\u escapes must verify as they are."""
    user = psid(uid)
    body = (
        (
            '{ "object" :"page",\n  "entry": [ {"id":"PAGE", "time":1700000000000, "messaging":[\n'
            '   {"sender": {"id": "USER"}, "recipient":{"id":"PAGE"}, "timestamp":1700000000000,\n'
            '    "message": {"mid":"m_UID", "text":"what is a bone scan\\u003f \\u2764\\ufe0f"}} ] } ]  }'
        )
        .replace("USER", user)
        .replace("UID", uid)
        .encode()
    )
    r = post(channel_bot, body)
    assert r.status_code == 200, r.text
    sent = platforms.wait_for("facebook", to(user))
    assert "bone scan" in "\n".join(c.data["message"]["text"] for c in sent).lower()
    respaced = fakes.json_body(json.loads(body))  # the same JSON, re-serialised
    assert post(channel_bot, body, signature=fakes.facebook_signature(respaced)).status_code == 403
