"""Platforms retry webhooks: a replayed webhook (same platform message id) is
acknowledged but answered once; a new id with the same text is answered again."""

from __future__ import annotations

import json
import time

from tests.channels import fakes
from tests.channels import test_facebook as fb
from tests.channels import test_slack as sl
from tests.channels import test_telegram as tg
from tests.channels.conftest import TWILIO_PUBLIC_URL, ChannelBot
from tests.channels.fakes import FakePlatforms, twilio_signature
from tests.channels.test_twilio import SMS_PATH, phone

QUESTION = "what is a bone scan?"


def settle_count(platforms: FakePlatforms, platform: str, pred, at_least: int) -> int:  # type: ignore[no-untyped-def]
    """How many matching calls there are once the turn is complete (and a retry had time)."""
    platforms.wait_for(platform, pred, count=at_least)
    time.sleep(2.0)
    return len(platforms.find(platform, pred))


def test_replayed_twilio_webhook_is_answered_once(channel_bot: ChannelBot, platforms: FakePlatforms, uid: str) -> None:
    number = phone(uid)
    to = lambda c: c.data["To"] == number  # noqa: E731
    form = fakes.twilio_webhook(number, QUESTION)
    body, headers = fakes.form_body(form), {"X-Twilio-Signature": twilio_signature(TWILIO_PUBLIC_URL, form)}
    assert channel_bot.post(SMS_PATH, body, headers, "application/x-www-form-urlencoded").status_code == 200
    once = settle_count(platforms, "twilio", to, 1)
    r = channel_bot.post(SMS_PATH, body, headers, "application/x-www-form-urlencoded")  # Twilio retries
    assert r.status_code == 200 and "<Response>" in r.text
    assert settle_count(platforms, "twilio", to, once) == once
    again = fakes.twilio_webhook(number, QUESTION)  # a new message, same words: answered
    r = channel_bot.post(
        SMS_PATH,
        fakes.form_body(again),
        {"X-Twilio-Signature": twilio_signature(TWILIO_PUBLIC_URL, again)},
        "application/x-www-form-urlencoded",
    )
    assert r.status_code == 200
    assert settle_count(platforms, "twilio", to, once + 1) > once


def test_replayed_telegram_update_is_answered_once(channel_bot: ChannelBot, platforms: FakePlatforms, uid: str) -> None:
    chat = tg.chat_id(uid)
    update = tg.update(chat, QUESTION)
    assert tg.post(channel_bot, update) == 200
    once = settle_count(platforms, "telegram", tg.to_chat(chat), 1)
    assert tg.post(channel_bot, update) == 200
    assert settle_count(platforms, "telegram", tg.to_chat(chat), once) == once
    assert tg.post(channel_bot, tg.update(chat, QUESTION)) == 200
    assert settle_count(platforms, "telegram", tg.to_chat(chat), once + 1) > once


def test_replayed_messenger_event_is_answered_once(channel_bot: ChannelBot, platforms: FakePlatforms, uid: str) -> None:
    user = fb.psid(uid)
    payload = fb.event(user, text=QUESTION)
    assert fb.post(channel_bot, payload).status_code == 200
    once = settle_count(platforms, "facebook", fb.to(user), 1)
    r = fb.post(channel_bot, payload)
    assert r.status_code == 200 and r.text == "EVENT_RECEIVED"
    assert settle_count(platforms, "facebook", fb.to(user), once) == once
    assert fb.post(channel_bot, fb.event(user, text=QUESTION)).status_code == 200
    assert settle_count(platforms, "facebook", fb.to(user), once + 1) > once


def test_replayed_slack_event_is_answered_once(channel_bot: ChannelBot, platforms: FakePlatforms, uid: str) -> None:
    to = sl.to(sl.channel_of(uid))
    body = json.dumps(sl.message_event(uid, QUESTION)).encode()
    assert sl.post_json(channel_bot, body).status_code == 200
    once = settle_count(platforms, "slack", to, 1)
    # Slack's retry: the same event_id, a new signature and retry headers (any reason)
    retry = {**fakes.slack_headers(body), "X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_error"}
    assert sl.post_json(channel_bot, body, retry).status_code == 200
    assert sl.post_json(channel_bot, body).status_code == 200
    assert settle_count(platforms, "slack", to, once) == once
    assert sl.post_json(channel_bot, sl.message_event(uid, QUESTION)).status_code == 200
    assert settle_count(platforms, "slack", to, once + 1) > once
