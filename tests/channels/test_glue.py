"""The thin Rasa glue without a server: disabled channels, the last turn's choices read
from tracker events."""

from __future__ import annotations

import pytest
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered

from channels.base import last_turn_messages
from channels.facebook import VerifiedFacebookInput
from channels.limits import looks_like_other_channel
from channels.render import pick_choice, turn_choices
from channels.slack import VerifiedSlackInput
from channels.telegram import VerifiedTelegramInput
from channels.twilio import VerifiedTwilioInput, VerifiedWhatsAppInput

MENU = [
    {"title": "Where does it spread?", "payload": "/ask_spread"},
    {"title": "None of these", "payload": "/none_of_these"},
]


def test_choices_come_from_the_last_bot_turn_in_the_tracker() -> None:
    events = [
        UserUttered("hi"),
        ActionExecuted("utter_greet"),
        BotUttered("old", {"buttons": [{"title": "Old", "payload": "/old"}]}),
        UserUttered("what can you do?"),
        ActionExecuted("utter_capabilities"),
        BotUttered("You can ask:", {"buttons": MENU}),
        ActionExecuted("action_listen"),
    ]
    messages = last_turn_messages(events)
    assert messages == [{"text": "You can ask:", "buttons": MENU}]
    assert pick_choice(turn_choices(messages), 2).payload == "/none_of_these"
    assert pick_choice(turn_choices(messages), 3) is None
    assert last_turn_messages(events + [UserUttered("1")]) == []


def test_choices_of_a_reply_payload_are_numbered_once() -> None:
    """The core's choices come as buttons on a plain message (marked ``reply_part`` in the
    event's metadata) and inside the reply payload: "1" is the first choice, not a copy."""
    options = [
        {"title": "Yes, questions to ask", "payload": '/show_answer{"answer_id": "support-oncologist-questions"}'},
        {"title": "Talk to a person", "payload": "/none_of_these"},
    ]
    payload = {
        "type": "reply",
        "version": 1,
        "kind": "deferral",
        "parts": [
            {"type": "response", "name": "utter_advice_offer", "text": "Would you like some questions?"},
            {"type": "choices", "options": options},
        ],
    }
    events = [
        UserUttered("should I stop my tamoxifen?"),
        ActionExecuted("action_answer"),
        BotUttered(
            "Would you like some questions?",
            {"buttons": options},
            {"reply_part": True, "utter_action": "utter_advice_offer"},
        ),
        BotUttered(None, {"custom": payload}),
        ActionExecuted("action_listen"),
    ]
    messages = last_turn_messages(events)
    assert messages[0]["reply_part"] is True
    assert [(c.number, c.payload) for c in turn_choices(messages)] == [
        (1, options[0]["payload"]),
        (2, "/none_of_these"),
    ]


@pytest.mark.parametrize(
    "cls",
    [VerifiedTwilioInput, VerifiedWhatsAppInput, VerifiedTelegramInput, VerifiedFacebookInput, VerifiedSlackInput],
)
def test_a_channel_without_its_variables_is_not_enabled(cls, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    for var in ("TWILIO_AUTH_TOKEN", "TELEGRAM_BOT_TOKEN", "FACEBOOK_APP_SECRET", "SLACK_SIGNING_SECRET"):
        monkeypatch.delenv(var, raising=False)
    creds = {
        "auth_token": "${TWILIO_AUTH_TOKEN}",
        "access_token": "${TELEGRAM_BOT_TOKEN}",
        "secret": "${FACEBOOK_APP_SECRET}",
        "slack_signing_secret": "${SLACK_SIGNING_SECRET}",
    }
    channel = cls.from_credentials(creds)
    assert channel.enabled is False and channel.missing


def test_reply_addresses_are_kept_in_memory_only_and_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    import channels.base as base

    monkeypatch.setattr(base, "REPLY_ADDRESSES_KEPT", 3)
    channel = VerifiedTwilioInput("AC1", "token", "+15550001111")
    key = channel.key_for("+15551234567")
    assert key.startswith("twilio:") and "5551234567" not in key
    assert channel.direct_target(key) is None  # never heard from them: nowhere to send
    channel.remember_reply_address(key, "+15551234567")
    assert channel.direct_target(key) == "+15551234567"
    for n in range(3):
        channel.remember_reply_address(f"twilio:{n}", f"+1555000000{n}")
    assert channel.direct_target(key) is None  # the oldest is dropped


@pytest.mark.parametrize(
    ("sender", "refused"),
    [
        ("+15551234567", True),
        ("15551234567", True),
        ("555-123-4567", True),
        ("whatsapp:+15551234567", True),
        ("TWILIO:abc", True),
        ("slack:U1", True),
        ("rest:x", True),
        ("web-" + "a" * 32, False),
        ("test-123", False),
        ("u1", False),
        ("123456", False),
        ("me", False),
        ("bench-0a1b2c3d4e", False),
    ],
)
def test_rest_senders_that_look_like_another_channel(sender: str, refused: bool) -> None:
    assert looks_like_other_channel(sender) is refused


def test_a_bad_key_secret_stops_the_start_not_the_first_message(monkeypatch: pytest.MonkeyPatch) -> None:
    from channels.rest import SafeRestInput

    monkeypatch.setenv("MBC_KEY_SECRET", "too-short")
    with pytest.raises(ValueError, match="MBC_KEY_SECRET"):
        SafeRestInput().blueprint(lambda message: None)
    with pytest.raises(ValueError, match="MBC_KEY_SECRET"):
        VerifiedTwilioInput("AC1", "token", "+15550001111").new_blueprint()
