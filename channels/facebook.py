"""Facebook Messenger, with ``X-Hub-Signature-256`` checked.

Rasa 3.6's FacebookInput checks the older SHA-1 ``X-Hub-Signature`` and answers 200
"not validated" on a mismatch. This subclass checks the SHA-256 signature with the app
secret (constant-time) and answers 403 without processing; it handles every event of a
batched webhook, not just the first. Replies: plain text up to 2,000 characters a
message, one line per source; buttons as quick replies (numbered in the text when a title
is longer than Messenger's 20 characters, and a reply of just the number picks it).
The conversation key is ``facebook:`` + an HMAC of the sender's PSID; replies go to the
PSID of the inbound event.

Webhook URL: /webhooks/facebook/webhook (GET for the verify token, POST for events).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from fbmessenger import MessengerClient
from rasa.core.channels.channel import UserMessage
from rasa.core.channels.facebook import FacebookInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.base import MessagingChannel, bad_request, forbidden, hmac_sha256_hex, same
from channels.formats import messenger_turn
from channels.limits import BadInput, load_json, valid_sender

logger = logging.getLogger(__name__)

GRAPH = "https://graph.facebook.com"
API_VERSION = "19.0"


def parse_event(event: dict[str, Any]) -> tuple[str, str, bool] | str | None:
    """(sender, text, is_payload) for a user message or postback, None for events we
    ignore (echoes, delivery and read receipts...), or the reason it is malformed."""
    sender = str((event.get("sender") or {}).get("id") or "")
    message = event.get("message")
    postback = event.get("postback")
    is_payload = False
    if isinstance(message, dict):
        if message.get("is_echo"):
            return None
        if isinstance(message.get("quick_reply"), dict) and message["quick_reply"].get("payload"):
            text, is_payload = message["quick_reply"]["payload"], True
        else:
            text = message.get("text", "")  # an attachment alone: the EMPTY reply
    elif isinstance(postback, dict) and postback.get("payload"):
        text, is_payload = postback["payload"], True
    else:
        return None
    if not valid_sender(sender):
        return "missing or invalid sender.id"
    if not isinstance(text, str):
        return "text must be a string"
    return sender, text, is_payload


def message_id(event: dict[str, Any]) -> str | None:
    """The event's ``mid`` (messages and, in current Graph versions, postbacks)."""
    for part in (event.get("message"), event.get("postback")):
        if isinstance(part, dict) and isinstance(part.get("mid"), str | int):
            return str(part["mid"])
    return None


class VerifiedFacebookInput(MessagingChannel, FacebookInput):
    """Credentials: verify (the verify token you choose), secret (app secret),
    page-access-token; optional graph_url, api_version."""

    numbered_replies = True

    @classmethod
    def name(cls) -> str:
        return "facebook"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> VerifiedFacebookInput:
        settings, missing = cls._settings(credentials)
        if settings is None:
            channel = cls("", "", "")
            channel._disable(missing)
            return channel
        return cls(
            str(settings.get("verify") or ""),
            str(settings.get("secret") or ""),
            str(settings.get("page-access-token") or ""),
            graph_url=settings.get("graph_url"),
            api_version=settings.get("api_version"),
        )

    def __init__(
        self,
        fb_verify: str,
        fb_secret: str,
        fb_access_token: str,
        graph_url: str | None = None,
        api_version: str | None = None,
    ) -> None:
        super().__init__(fb_verify, fb_secret, fb_access_token)
        self.graph_url = (graph_url or GRAPH).rstrip("/")
        self.api_version = str(api_version or API_VERSION)
        self.missing = []
        self._client: MessengerClient | None = None
        self._setup()

    def client(self) -> MessengerClient:
        if self._client is None:
            self._client = MessengerClient(
                self.fb_access_token, app_secret=self.fb_secret, api_version=self.api_version
            )
            self._client.graph_url = f"{self.graph_url}/v{self.api_version}"
        return self._client

    def signature_ok(self, request: Request) -> bool:
        header = request.headers.get("X-Hub-Signature-256", "")
        if not header.startswith("sha256=") or not self.fb_secret:
            return False
        return same(header[len("sha256=") :], hmac_sha256_hex(self.fb_secret, request.body or b""))

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = self.new_blueprint()
        if not self.enabled:
            return bp

        @bp.route("/webhook", methods=["GET"])
        async def verify(request: Request) -> HTTPResponse:
            if request.args.get("hub.mode") == "subscribe" and same(
                request.args.get("hub.verify_token"), self.fb_verify
            ):
                return response.text(request.args.get("hub.challenge") or "")
            return forbidden("invalid verify token")

        @bp.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if (refused := self.refuse(request, self.signature_ok, "a valid X-Hub-Signature-256")) is not None:
                return refused
            try:
                payload = load_json(request.body or b"")
            except BadInput as e:
                return bad_request(f"invalid JSON: {e}")
            if not isinstance(payload, dict) or not isinstance(payload.get("entry"), list):
                return bad_request("expected a Messenger webhook with entry[]")
            events = [
                ev
                for entry in payload["entry"]
                if isinstance(entry, dict)
                for ev in (entry.get("messaging") or [])
                if isinstance(ev, dict)
            ]
            turns = [parse_event(event) for event in events]
            for turn in turns:
                if isinstance(turn, str):
                    return bad_request(turn)  # before anything of the batch is processed
            self.remember_app(request)
            for event, turn in zip(events, turns, strict=True):
                if isinstance(turn, tuple) and not self.replayed(request, message_id(event)):
                    psid, text, is_payload = turn
                    await self.run_turn(
                        request, on_new_message, self.key_for(psid), text, to=psid, is_payload=is_payload
                    )
            return response.text("EVENT_RECEIVED")

        return bp

    async def send_turn(self, to: str, messages: list[dict[str, Any]]) -> None:
        client = self.client()
        for message in messenger_turn(messages):
            try:  # fbmessenger uses requests: keep it off the event loop
                result = await asyncio.to_thread(client.send, message, to, "RESPONSE")
            except Exception as e:
                logger.error("facebook: sending to %s failed: %s", self.key_for(to), type(e).__name__)
                return
            if isinstance(result, dict) and result.get("error"):
                error = result["error"] if isinstance(result["error"], dict) else {}
                logger.error("facebook: sending to %s failed: error code %s", self.key_for(to), error.get("code"))
                return
