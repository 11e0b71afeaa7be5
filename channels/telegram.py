"""Telegram, with the webhook secret checked.

Rasa 3.6's TelegramInput does not check ``X-Telegram-Bot-Api-Secret-Token`` (it calls
getMe on every update instead). This subclass registers the webhook with a secret token
(setWebhook ``secret_token``) and answers 403 without processing when the header is
missing or wrong. Replies are plain text (no parse mode, so nothing is read as markup),
up to 4,096 characters a message, one line per source, and buttons as an inline keyboard.
The conversation key is ``telegram:`` + an HMAC of the chat id; replies go to the chat id
of the inbound update.

Webhook URL: /webhooks/telegram/webhook.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import Bot
from aiogram.bot.api import TelegramAPIServer
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.exceptions import TelegramAPIError
from rasa.core.channels.channel import UserMessage
from rasa.core.channels.telegram import TelegramInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.base import MessagingChannel, bad_request, same
from channels.formats import telegram_turn
from channels.limits import BadInput, load_json, valid_sender

logger = logging.getLogger(__name__)

COMMANDS = {"/start": "/greet", "/help": "/ask_capabilities"}


class VerifiedTelegramInput(MessagingChannel, TelegramInput):
    """Credentials: access_token, secret_token (you choose it: 1-256 characters of
    A-Z a-z 0-9 _ -); optional webhook_url (registered with Telegram at start-up),
    api_base (another Bot API server)."""

    @classmethod
    def name(cls) -> str:
        return "telegram"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> VerifiedTelegramInput:
        settings, missing = cls._settings(credentials)
        if settings is None:
            channel = cls(None, None)
            channel._disable(missing)
            return channel
        return cls(
            settings.get("access_token"),
            settings.get("secret_token"),
            webhook_url=settings.get("webhook_url"),
            api_base=settings.get("api_base"),
        )

    def __init__(
        self,
        access_token: str | None,
        secret_token: str | None,
        webhook_url: str | None = None,
        api_base: str | None = None,
    ) -> None:
        super().__init__(access_token, None, webhook_url, debug_mode=False)
        self.secret_token = secret_token
        self.api_base = api_base
        self.missing = []
        self._bot: Bot | None = None
        self._setup()

    def bot(self) -> Bot:
        """One aiogram Bot, created in the server's event loop on first use."""
        if self._bot is None:
            kwargs: dict[str, Any] = {}
            if self.api_base:
                kwargs["server"] = TelegramAPIServer.from_base(self.api_base)
            self._bot = Bot(self.access_token, **kwargs)
        return self._bot

    async def register_webhook(self) -> bool:
        try:
            ok = await self.bot().request(
                "setWebhook",
                {
                    "url": self.webhook_url,
                    "secret_token": self.secret_token,
                    "allowed_updates": json.dumps(["message", "callback_query"]),
                },
            )
        except TelegramAPIError as e:
            logger.error("telegram: setWebhook failed: %s", e)
            return False
        return bool(ok)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = self.new_blueprint()
        if not self.enabled:
            return bp

        @bp.listener("after_server_start")
        async def set_webhook(app: Any, _loop: Any) -> None:
            self._app = app
            if self.webhook_url and await self.register_webhook():
                logger.info("telegram: webhook registered")

        @bp.route("/webhook", methods=["POST"])
        async def message(request: Request) -> HTTPResponse:
            def authentic(r: Request) -> bool:
                return same(r.headers.get("X-Telegram-Bot-Api-Secret-Token"), self.secret_token)

            if (
                refused := self.refuse(request, authentic, "the right secret token", "invalid secret token")
            ) is not None:
                return refused
            try:
                update = load_json(request.body or b"")
            except BadInput as e:
                return bad_request(f"invalid JSON: {e}")
            if not isinstance(update, dict) or not isinstance(update.get("update_id"), int):
                return bad_request("expected a Telegram update object")
            self.remember_app(request)
            if self.replayed(request, update["update_id"]):
                return response.text("success")
            return await self.on_update(request, on_new_message, update)

        return bp

    async def on_update(
        self,
        request: Request,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        update: dict[str, Any],
    ) -> HTTPResponse:
        is_payload = False
        if isinstance(update.get("callback_query"), dict):
            query = update["callback_query"]
            msg = query.get("message") or {}
            text = query.get("data")
            is_payload = True
            if query.get("id"):
                try:
                    await self.bot().answer_callback_query(query["id"])
                except TelegramAPIError as e:
                    logger.warning("telegram: answerCallbackQuery failed: %s", type(e).__name__)
        elif isinstance(update.get("message"), dict):
            msg = update["message"]
            text = msg.get("text", "")  # a photo or sticker has no text: the EMPTY reply
        else:
            return response.text("ignored")  # edits, member updates...
        chat = msg.get("chat") if isinstance(msg, dict) else None
        chat_id = str(chat.get("id")) if isinstance(chat, dict) and chat.get("id") is not None else None
        if not valid_sender(chat_id):
            return bad_request("missing or invalid chat id")
        assert chat_id is not None
        sender = self.key_for(chat_id)
        if text is not None and not isinstance(text, str):
            return bad_request("text must be a string")
        text = text or ""
        if is_payload and text.startswith("choice:") and text[7:].isdigit():
            chosen = await self.choice_for(request.app, sender, int(text[7:]))
            if chosen is None:
                return response.text("stale choice")
            text = chosen
        elif not is_payload and text.strip().split("@")[0] in COMMANDS:
            text, is_payload = COMMANDS[text.strip().split("@")[0]], True
        callback = isinstance(update.get("callback_query"), dict)
        await self.run_turn(
            request, on_new_message, sender, text, to=chat_id, is_payload=is_payload, offered_only=callback
        )
        return response.text("success")

    async def send_turn(self, to: str, messages: list[dict[str, Any]]) -> None:
        for text, buttons in telegram_turn(messages):
            markup = None
            if buttons:
                markup = InlineKeyboardMarkup(row_width=1)
                for title, data in buttons:
                    markup.add(InlineKeyboardButton(title, callback_data=data))
            try:
                await self.bot().send_message(to, text, reply_markup=markup, disable_web_page_preview=True)
            except TelegramAPIError as e:
                logger.error("telegram: sending to %s failed: %s", self.key_for(str(to)), type(e).__name__)
                return
