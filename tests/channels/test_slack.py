"""Slack: signed Events API and interactivity requests into the real bot,
chat.postMessage calls checked on a local fake of the Web API."""

from __future__ import annotations

import json
import time

import requests

from tests.channels import fakes
from tests.channels.conftest import ChannelBot
from tests.channels.fakes import Call, FakePlatforms

PATH = "/webhooks/slack/webhook"


def channel_of(uid: str) -> str:
    return "D" + uid.upper()


def to(channel: str):  # type: ignore[no-untyped-def]
    return lambda c: c.method == "chat.postMessage" and c.data.get("channel") == channel


def message_event(uid: str, text: str, **extra: str) -> dict:
    return {
        "token": "x",
        "team_id": "T1",
        "api_app_id": "A1",
        "type": "event_callback",
        "event_id": f"Ev{fakes.new_id()}",
        "event_time": int(time.time()),
        "authorizations": [{"user_id": "UBOT", "is_bot": True}],
        "event": {
            "type": "message",
            "channel_type": "im",
            "channel": channel_of(uid),
            "user": f"U{uid.upper()}",
            "text": text,
            "ts": f"{time.time():.6f}",
            **extra,
        },
    }


def post_json(bot: ChannelBot, payload: dict | bytes, headers: dict[str, str] | None = None) -> requests.Response:
    body = payload if isinstance(payload, bytes) else fakes.json_body(payload)
    return bot.post(PATH, body, fakes.slack_headers(body) if headers is None else headers, "application/json")


def say(bot: ChannelBot, platforms: FakePlatforms, uid: str, text: str) -> list[Call]:
    before = len(platforms.find("slack", to(channel_of(uid))))
    r = post_json(bot, message_event(uid, text))
    assert r.status_code == 200, r.text
    return platforms.wait_for("slack", to(channel_of(uid)), count=before + 1)[before:]


def click(bot: ChannelBot, platforms: FakePlatforms, uid: str, value: str) -> list[Call]:
    before = len(platforms.find("slack", to(channel_of(uid))))
    payload = {
        "type": "block_actions",
        "user": {"id": f"U{uid.upper()}"},
        "channel": {"id": channel_of(uid)},
        "message": {"ts": "1.1"},
        "actions": [{"type": "button", "action_id": "choice_1", "value": value}],
    }
    body = fakes.form_body({"payload": json.dumps(payload)})
    r = bot.post(PATH, body, fakes.slack_headers(body), "application/x-www-form-urlencoded")
    assert r.status_code == 200, r.text
    return platforms.wait_for("slack", to(channel_of(uid)), count=before + 1)[before:]


def blocks_of(calls: list[Call], kind: str) -> list[dict]:
    return [b for c in calls for b in c.data["blocks"] if b["type"] == kind]


def test_url_verification(channel_bot: ChannelBot) -> None:
    r = post_json(channel_bot, {"type": "url_verification", "challenge": "abc123", "token": "x"})
    assert r.status_code == 200 and r.json() == {"challenge": "abc123"}


def test_answer_blocks_sources_context_and_buttons(channel_bot: ChannelBot, platforms: FakePlatforms, uid: str) -> None:
    sent = say(channel_bot, platforms, uid, "where does breast cancer spread?")
    sections = " ".join(b["text"]["text"] for b in blocks_of(sent, "section"))
    assert "bones" in sections and "Sources:" not in sections
    context = [e["text"] for b in blocks_of(sent, "context") for e in b["elements"]]
    assert 'Source: LBBC, "Metastatic breast cancer", reviewed Jul 10, 2025 (lbbc.org)' in context
    assert context[-1] == "Written from our sources by our team; not yet reviewed by a clinician."
    menu = say(channel_bot, platforms, uid, "what can you do?")
    [actions] = blocks_of(menu, "actions")
    assert [e["value"] for e in actions["elements"]][:2] == [
        '/show_answer{"answer_id": "spread-overview"}',
        '/show_answer{"answer_id": "symptoms-overview"}',
    ]
    answer = click(channel_bot, platforms, uid, '/show_answer{"answer_id": "treatment-overview"}')
    assert blocks_of(answer, "context")


def test_wrong_or_stale_signature_is_403_and_nothing_is_sent(
    channel_bot: ChannelBot, platforms: FakePlatforms, uid: str
) -> None:
    body = fakes.json_body(message_event(uid, "where does it spread?"))
    assert post_json(channel_bot, body, fakes.slack_headers(body, secret="wrong")).status_code == 403
    assert post_json(channel_bot, body, {}).status_code == 403
    stale = fakes.slack_headers(body, timestamp=int(time.time()) - 6 * 60)  # correctly signed, 6 minutes old
    assert post_json(channel_bot, body, stale).status_code == 403
    time.sleep(1.0)  # Slack turns run in the background: give a wrongly accepted one time to show
    assert platforms.find("slack", to(channel_of(uid))) == []


def test_limits_and_bot_messages(channel_bot: ChannelBot, platforms: FakePlatforms, uid: str) -> None:
    assert post_json(channel_bot, b"{nope").status_code == 400
    [reply] = say(channel_bot, platforms, uid, "z" * 2100)
    assert reply.data["text"].startswith("Sorry, that message is too long")
    r = post_json(channel_bot, message_event(uid, "where does it spread?", bot_id="B1"))
    assert r.status_code == 200
    time.sleep(1.0)
    assert len(platforms.find("slack", to(channel_of(uid)))) == 1  # the bot's own messages are ignored


def test_signature_is_checked_over_the_raw_body_bytes(
    channel_bot: ChannelBot, platforms: FakePlatforms, uid: str
) -> None:
    """Slack signs the bytes it sent: odd spacing and \\u escapes must verify as they are."""
    event = message_event(uid, "what is a bone scan?")
    body = json.dumps(event, indent=3, separators=(" ,", " :  ")).replace("bone scan", "bone sc\\u0061n").encode()
    assert b"\\u0061" in body
    before = len(platforms.find("slack", to(channel_of(uid))))
    assert post_json(channel_bot, body).status_code == 200
    sent = platforms.wait_for("slack", to(channel_of(uid)), count=before + 1)[before:]
    assert "bone scan" in " ".join(b["text"]["text"] for b in blocks_of(sent, "section")).lower()
    respaced = fakes.json_body(json.loads(body))
    assert post_json(channel_bot, body, fakes.slack_headers(respaced)).status_code == 403
