"""The REST channel (used by the web widget, the tests and integrations), hardened.

Same URL and response format as Rasa's RestInput (POST /webhooks/rest/webhook with
{"sender", "message"}), but every request is checked first: malformed requests get a
4xx with a reason, empty or over-long messages get a polite reply, and a failure
inside the bot gets a clear reply with the helpline instead of an empty list. Message
text is never written to the logs.

REST senders have their own namespace: the conversation is stored under ``rest:`` + an
HMAC of the client's sender id (mbc.privacy.conversation_key), so no REST request can
reach an SMS, WhatsApp, Telegram, Messenger or Slack conversation. A sender that looks
like another channel's key or a phone number is refused with 400. Replies carry the
client's own sender id as ``recipient_id``.

Conversation ids: ``POST /webhooks/rest/conversation`` (JSON body ``{}``) returns 201 and
``{"sender": "web-<32 hex digits>"}``, a random id made by the server (128 bits from
``secrets``); the web widget uses one per browser tab. Nothing is stored until a message
is sent with it. Other clients may still choose their own sender ids; either way they
live only in the ``rest:`` namespace.

Messages that repeat a part of the structured ``reply`` payload carry ``"reply_part":
true`` (actions/send.py), so a client that renders the payload can skip them.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels import hardening
from channels.limits import MAX_BODY_BYTES, BadInput, check_message, load_json, looks_like_other_channel, valid_sender
from mbc import language
from mbc.privacy import conversation_key

logger = logging.getLogger(__name__)

REPLY_PART = "reply_part"  # actions.send.REPLY_PART (the action server's package is not imported here)
ISSUED_PREFIX = "web-"

FAILURE_REPLY = (
    "Sorry, something went wrong on my side. Please try again in a moment, or call the LBBC "
    "Breast Cancer Helpline at (888) 753-5222. In an emergency, call 911."
)


def bad_request(reason: str, status: int = 400) -> HTTPResponse:
    return response.json({"error": reason}, status=status)


def is_json(content_type: str | None) -> bool:
    return (content_type or "").split(";", 1)[0].strip().lower() == "application/json"


def parse_body(request: Request) -> tuple[dict[str, Any] | None, HTTPResponse | None]:
    body = request.body or b""
    if len(body) > MAX_BODY_BYTES:
        return None, bad_request(f"request body larger than {MAX_BODY_BYTES} bytes", 413)
    # JSON only: a browser can send text/plain or a form to any site without asking
    # (no CORS preflight), so those must not reach the bot
    if not is_json(request.headers.get("content-type")):
        return None, bad_request("Content-Type must be application/json", 415)
    try:
        data = load_json(body)
    except BadInput as e:
        return None, bad_request(str(e))
    if not isinstance(data, dict):
        return None, bad_request("request body must be a JSON object")
    return data, None


def new_conversation_id() -> str:
    """A random conversation id for the widget (or any client that asks for one)."""
    return ISSUED_PREFIX + secrets.token_hex(16)


class ReplyCollector(CollectingOutputChannel):
    """Rasa's collecting channel, keeping the ``reply_part`` mark on every message it
    makes from a marked bot message (Rasa splits a text into one message per paragraph)."""

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        start = len(self.messages)
        await super().send_response(recipient_id, dict(message))
        if message.get(REPLY_PART):
            for m in self.messages[start:]:
                m[REPLY_PART] = True


class SafeRestInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"  # keeps the URL /webhooks/rest/webhook

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)
        hardening.attach(webhook)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/conversation", methods=["POST"])
        async def conversation(request: Request) -> HTTPResponse:
            _, error = parse_body(request)  # JSON only, like the webhook
            if error is not None:
                return error
            return response.json({"sender": new_conversation_id()}, status=201, headers={"Cache-Control": "no-store"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            data, error = parse_body(request)
            if error is not None:
                return error
            assert data is not None
            sender = data.get("sender")
            if not valid_sender(sender):
                return bad_request("'sender' is required: 1-128 letters, digits or _.:@+-")
            if looks_like_other_channel(sender):
                return bad_request("'sender' must not be a phone number or another channel's conversation key")
            key = conversation_key(self.name(), sender)
            try:
                checked = check_message(data.get("message"))
            except TypeError:
                return bad_request("'message' is required and must be a string")
            if checked.reply is not None:
                return response.json([{"recipient_id": sender, "text": checked.reply}])
            metadata = data.get("metadata") if isinstance(data.get("metadata"), dict) else None
            written = language.detect(checked.text or "")  # for the first note (actions.session)
            if written in language.SERVED:
                metadata = {**(metadata or {}), "text_lang": written}
            collector = ReplyCollector()
            try:
                await on_new_message(
                    UserMessage(checked.text, collector, key, input_channel=self.name(), metadata=metadata)
                )
            except asyncio.CancelledError:
                logger.error("rest: message handling timed out (conversation %s)", key)
                return response.json([{"recipient_id": sender, "text": FAILURE_REPLY}], status=503)
            except Exception as exc:  # never crash the request; never log the text
                logger.error("rest: message handling failed (conversation %s): %s", key, type(exc).__name__)
                return response.json([{"recipient_id": sender, "text": FAILURE_REPLY}], status=500)
            if not collector.messages:
                return response.json([{"recipient_id": sender, "text": FAILURE_REPLY}], status=502)
            return response.json([{**m, "recipient_id": sender} for m in collector.messages])

        return webhook
