"""Telegram: updates with the webhook secret into the real bot, outbound Bot API calls
checked on a local fake."""

from __future__ import annotations

import json

from channels.limits import TOO_LONG_REPLY
from tests.channels import fakes
from tests.channels.conftest import TELEGRAM_PUBLIC_URL, ChannelBot
from tests.channels.fakes import Call, FakePlatforms

PATH = "/webhooks/telegram/webhook"
SOURCE_LBBC = 'Source: LBBC, "Metastatic breast cancer", reviewed Jul 10, 2025 (lbbc.org)'


def chat_id(uid: str) -> int:
    return int(uid, 16) % 10**9 + 1


def to_chat(chat: int):  # type: ignore[no-untyped-def]
    return lambda c: c.method == "sendMessage" and str(c.data.get("chat_id")) == str(chat)


def update(chat: int, text: str | None = None, callback: str | None = None) -> dict:
    user = {"id": chat, "is_bot": False, "first_name": "Pat", "language_code": "en"}
    message = {
        "message_id": 7,
        "from": user,
        "date": 1700000000,
        "chat": {"id": chat, "type": "private", "first_name": "Pat"},
    }
    if callback is not None:
        return {
            "update_id": fakes.new_id(),
            "callback_query": {
                "id": f"cb{chat}",
                "from": user,
                "chat_instance": "1",
                "message": {**message, "text": "..."},
                "data": callback,
            },
        }
    update_id = fakes.new_id()
    return (
        {"update_id": update_id, "message": {**message, "text": text}}
        if text is not None
        else {"update_id": update_id, "message": message}
    )


def post(bot: ChannelBot, payload: dict | bytes, secret: str | None = fakes.TELEGRAM_SECRET) -> int:
    body = payload if isinstance(payload, bytes) else fakes.json_body(payload)
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret is not None else {}
    return bot.post(PATH, body, headers, "application/json").status_code


def say(
    bot: ChannelBot, platforms: FakePlatforms, chat: int, text: str | None = None, callback: str | None = None
) -> list[Call]:
    before = len(platforms.find("telegram", to_chat(chat)))
    assert post(bot, update(chat, text, callback)) == 200
    return platforms.wait_for("telegram", to_chat(chat), count=before + 1)[before:]


def test_webhook_is_registered_with_the_secret_token(channel_bot: ChannelBot, platforms: FakePlatforms) -> None:
    [call] = platforms.wait_for("telegram", lambda c: c.method == "setWebhook")
    assert call.data["url"] == TELEGRAM_PUBLIC_URL and call.data["secret_token"] == fakes.TELEGRAM_SECRET


def test_answer_plain_text_with_source_lines_then_inline_keyboard(
    channel_bot: ChannelBot, platforms: FakePlatforms, uid: str
) -> None:
    chat = chat_id(uid)
    sent = say(channel_bot, platforms, chat, "where does breast cancer spread?")
    body = "\n".join(c.data["text"] for c in sent)
    assert SOURCE_LBBC in body and "Sources:" not in body
    assert all("parse_mode" not in c.data and len(c.data["text"]) <= 4096 for c in sent)
    [menu] = say(channel_bot, platforms, chat, "what can you do?")
    keyboard = json.loads(menu.data["reply_markup"])["inline_keyboard"]
    assert [row[0]["text"] for row in keyboard][:2] == ["Where does it spread?", "What are the symptoms?"]
    assert keyboard[1][0]["callback_data"] == '/show_answer{"answer_id": "symptoms-overview"}'
    before = len(platforms.find("telegram", lambda c: c.method == "answerCallbackQuery"))
    answer = say(channel_bot, platforms, chat, callback='/show_answer{"answer_id": "symptoms-overview"}')
    assert len(platforms.find("telegram", lambda c: c.method == "answerCallbackQuery")) == before + 1
    assert "Source: " in "\n".join(c.data["text"] for c in answer)


def test_start_command_greets(channel_bot: ChannelBot, platforms: FakePlatforms, uid: str) -> None:
    sent = say(channel_bot, platforms, chat_id(uid), "/start")
    assert "metastatic breast cancer" in "\n".join(c.data["text"] for c in sent)


def test_wrong_or_missing_secret_is_403_and_nothing_is_sent(
    channel_bot: ChannelBot, platforms: FakePlatforms, uid: str
) -> None:
    chat = chat_id(uid)
    assert post(channel_bot, update(chat, "where does it spread?"), secret="wrong") == 403
    assert post(channel_bot, update(chat, "where does it spread?"), secret=None) == 403
    assert platforms.find("telegram", to_chat(chat)) == []


def test_limits_apply(channel_bot: ChannelBot, platforms: FakePlatforms, uid: str) -> None:
    chat = chat_id(uid)
    assert post(channel_bot, b"{not json") == 400
    assert post(channel_bot, {"message": {"text": "hi"}}) == 400  # no update_id
    [reply] = say(channel_bot, platforms, chat, "x" * 2500)
    assert reply.data["text"] == TOO_LONG_REPLY.format(n=2500)
    [reply] = say(channel_bot, platforms, chat)  # a sticker: no text
    assert reply.data["text"].startswith("I didn't catch a question")


def test_an_update_with_odd_spacing_and_unicode_escapes_is_read_as_sent(
    channel_bot: ChannelBot, platforms: FakePlatforms, uid: str
) -> None:
    """Telegram authenticates with the secret header, not a body signature; the raw body
    is parsed as sent (spacing, \\u escapes)."""
    chat = chat_id(uid)
    body = (
        (
            '{"update_id" : UPDATE,\n "message": {"message_id":7, "date":1700000000,\n'
            '   "chat":{"id": CHAT , "type":"private"}, "text":"what is a bone sc\\u0061n?"}}'
        )
        .replace("UPDATE", str(9000 + chat % 1000))
        .replace("CHAT", str(chat))
        .encode()
    )
    before = len(platforms.find("telegram", to_chat(chat)))
    assert post(channel_bot, body) == 200
    sent = platforms.wait_for("telegram", to_chat(chat), count=before + 1)[before:]
    assert "bone scan" in "\n".join(c.data["text"] for c in sent).lower()
