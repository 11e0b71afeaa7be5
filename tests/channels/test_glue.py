"""The thin Rasa glue without a server: disabled channels, the last turn's choices read
from tracker events."""

from __future__ import annotations

import pytest
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered

from channels.base import last_turn_messages
from channels.facebook import VerifiedFacebookInput
from channels.render import pick_choice, turn_choices
from channels.slack import VerifiedSlackInput
from channels.telegram import VerifiedTelegramInput
from channels.twilio import VerifiedTwilioInput, VerifiedWhatsAppInput

MENU = [{"title": "Where does it spread?", "payload": "/ask_spread"}, {"title": "None of these", "payload": "/none_of_these"}]


def test_choices_come_from_the_last_bot_turn_in_the_tracker() -> None:
    events = [
        UserUttered("hi"), ActionExecuted("utter_greet"), BotUttered("old", {"buttons": [{"title": "Old", "payload": "/old"}]}),
        UserUttered("what can you do?"), ActionExecuted("utter_capabilities"),
        BotUttered("You can ask:", {"buttons": MENU}), ActionExecuted("action_listen"),
    ]
    messages = last_turn_messages(events)
    assert messages == [{"text": "You can ask:", "buttons": MENU}]
    assert pick_choice(turn_choices(messages), 2).payload == "/none_of_these"
    assert pick_choice(turn_choices(messages), 3) is None
    assert last_turn_messages(events + [UserUttered("1")]) == []


@pytest.mark.parametrize("cls", [VerifiedTwilioInput, VerifiedWhatsAppInput, VerifiedTelegramInput, VerifiedFacebookInput,
                                 VerifiedSlackInput])
def test_a_channel_without_its_variables_is_not_enabled(cls, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    for var in ("TWILIO_AUTH_TOKEN", "TELEGRAM_BOT_TOKEN", "FACEBOOK_APP_SECRET", "SLACK_SIGNING_SECRET"):
        monkeypatch.delenv(var, raising=False)
    creds = {"auth_token": "${TWILIO_AUTH_TOKEN}", "access_token": "${TELEGRAM_BOT_TOKEN}", "secret": "${FACEBOOK_APP_SECRET}",
             "slack_signing_secret": "${SLACK_SIGNING_SECRET}"}
    channel = cls.from_credentials(creds)
    assert channel.enabled is False and channel.missing
