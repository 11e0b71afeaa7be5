"""No conversation content outside the tracker store: the action server's error reply
does not echo the request, and the servers' logs name conversation keys only (the logs
read include whatever the other channel tests of the session wrote before)."""

from __future__ import annotations

import re
from pathlib import Path

import requests

from tests.channels.conftest import ChannelBot
from tests.channels.fakes import FakePlatforms
from tests.channels.test_telegram import chat_id
from tests.channels.test_telegram import say as telegram_say
from tests.channels.test_twilio import phone, sms, sms_all

MARKER = "Zebulonia"  # a word nobody else writes


def test_the_action_servers_500_does_not_echo_the_request(channel_bot: ChannelBot) -> None:
    url = f"http://127.0.0.1:{channel_bot.action_port}/webhook"
    for body in (
        {"next_action": "action_answer", "tracker": f"my name is {MARKER}, my drug is tamoxifen"},
        [{"text": f"{MARKER} +15551234567"}],
    ):
        r = requests.post(url, json=body, timeout=30)
        assert r.status_code == 500
        assert MARKER not in r.text and "tamoxifen" not in r.text and "5551234567" not in r.text
        assert r.json() == {"error": "internal error in the action server"}
    r = requests.post(url, data=f'{{"{MARKER}": ', headers={"Content-Type": "application/json"}, timeout=30)
    assert r.status_code == 400 and MARKER not in r.text


def test_logs_carry_no_conversation_content(channel_bot: ChannelBot, platforms: FakePlatforms, uid: str) -> None:
    number = phone(uid)
    rest = requests.post(
        f"{channel_bot.url}/webhooks/rest/webhook",
        json={"sender": f"logs-{uid}", "message": f"I'm {MARKER}, should I stop my tamoxifen?"},
        timeout=60,
    )
    assert rest.status_code == 200
    sms_all(channel_bot, platforms, number, f"{MARKER} here: should I skip my tamoxifen dose? my liver hurts")
    sms(channel_bot, platforms, number, "forget me")
    telegram_say(channel_bot, platforms, chat_id(uid), f"{MARKER}: what is a bone scan?")
    requests.post(f"http://127.0.0.1:{channel_bot.action_port}/webhook", json={"tracker": MARKER}, timeout=30)
    logs = {p.name: p.read_text(errors="replace") for p in Path(channel_bot.workdir).glob("*.log")}
    assert logs and any("rasa" in name for name in logs) and "actions.log" in logs
    for name, text in logs.items():
        assert MARKER not in text, name  # no message text
        assert number not in text and number[1:] not in text, name  # no phone number
        assert not re.search(r"\btamoxifen\b", text, re.IGNORECASE), name  # no slot values (drug, site)
        assert "Traceback" not in text, name
