"""Rasa's own callback channel: the bot posts its answers to a local URL."""

from __future__ import annotations

import requests

from tests.channels.conftest import ChannelBot
from tests.channels.fakes import FakePlatforms


def test_callback_channel_posts_the_answer_to_the_callback_url(
    channel_bot: ChannelBot, platforms: FakePlatforms, uid: str
) -> None:
    sender = f"cb-{uid}"
    r = requests.post(
        f"{channel_bot.url}/webhooks/callback/webhook",
        json={"sender": sender, "message": "what is a bone scan?"},
        timeout=60,
    )
    assert r.status_code == 200 and r.text == "success"
    calls = platforms.wait_for("callback", lambda c: c.data.get("recipient_id") == sender, count=2)
    assert any("Sources:" in (c.data.get("text") or "") for c in calls)
    customs = [c.data["custom"] for c in calls if isinstance(c.data.get("custom"), dict)]
    [payload] = [c for c in customs if c.get("type") == "answer"]
    [reply] = [c for c in customs if c.get("type") == "reply"]
    assert reply["kind"] == "answer" and reply["parts"][0]["id"] == payload["answer_id"]
    assert payload["type"] == "answer" and payload["citations"]
