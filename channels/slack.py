"""Slack, with the signing secret checked (5-minute timestamp window) and 403 on failure.

Rasa 3.6's SlackInput checks the signature but answers 400; this subclass answers 403,
applies channels.limits, and renders each bot message as Block Kit: the answer as
plain-text sections (3,000 characters each), the sources as a context block (one line
per source) and buttons as an actions block. Events are acknowledged at once and
answered in the background, as Slack wants an answer within 3 seconds.
The conversation key is ``slack:`` + an HMAC of Rasa's conversation id (the user, or
user and channel/thread, by ``conversation_granularity``); replies go to the channel
(and thread) of the inbound event. Slack ids are not passed to Rasa as metadata, so they
are not stored with the conversation.

Webhook URL (Event Subscriptions and Interactivity): /webhooks/slack/webhook.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from http import HTTPStatus
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.slack import SlackInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from channels.base import MessagingChannel, bad_request
from channels.formats import slack_turn
from channels.limits import BadInput, load_json, valid_sender

logger = logging.getLogger(__name__)


class VerifiedSlackInput(MessagingChannel, SlackInput):
    """Credentials: slack_token (bot token, xoxb-...), slack_signing_secret; optional
    slack_channel, use_threads, conversation_granularity, api_base."""

    @classmethod
    def name(cls) -> str:
        return "slack"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> VerifiedSlackInput:
        settings, missing = cls._settings(credentials)
        if settings is None:
            channel = cls.__new__(cls)
            channel._setup()
            channel._disable(missing)
            return channel
        return cls(
            str(settings.get("slack_token") or ""),
            slack_channel=settings.get("slack_channel"),
            slack_retry_reason_header="x-slack-retry-reason",
            slack_retry_number_header="x-slack-retry-num",
            slack_signing_secret=settings.get("slack_signing_secret") or "",
            use_threads=str(settings.get("use_threads") or "").lower() in ("1", "true", "yes"),
            conversation_granularity=settings.get("conversation_granularity") or "sender",
            api_base=settings.get("api_base"),
        )

    def __init__(self, slack_token: str, *, api_base: str | None = None, **kwargs: Any) -> None:
        super().__init__(slack_token, **kwargs)  # raises without a signing secret
        self.api_base = api_base
        self.missing = []
        self._client: AsyncWebClient | None = None
        self._tasks: set[asyncio.Task] = set()
        self._setup()

    def client(self) -> AsyncWebClient:
        if self._client is None:
            kwargs: dict[str, Any] = {"base_url": self.api_base.rstrip("/") + "/"} if self.api_base else {}
            self._client = AsyncWebClient(self.slack_token, proxy=self.proxy, **kwargs)
        return self._client

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = self.new_blueprint()
        if not self.enabled:
            return bp

        @bp.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if (
                refused := self.refuse(request, self.is_request_from_slack_authentic, "a valid X-Slack-Signature")
            ) is not None:
                return refused
            self.remember_app(request)
            content_type = request.content_type or ""
            if content_type.startswith("application/json"):
                try:
                    payload = load_json(request.body or b"")
                except BadInput as e:
                    return bad_request(f"invalid JSON: {e}")
                if not isinstance(payload, dict):
                    return bad_request("expected a JSON object")
                return await self.on_event(request, on_new_message, payload)
            if content_type.startswith("application/x-www-form-urlencoded"):
                try:
                    payload = load_json(request.form.get("payload") or "")
                except BadInput:
                    return bad_request("invalid JSON in the payload field")
                if not isinstance(payload, dict):
                    return bad_request("expected a JSON object in the payload field")
                return await self.on_interaction(request, on_new_message, payload)
            return bad_request("expected JSON or a form")

        return bp

    def _retry_to_skip(self, request: Request) -> bool:
        return bool(request.headers.get(self.retry_num_header)) and (
            request.headers.get(self.retry_reason_header) in self.errors_ignore_retry
        )

    async def on_event(
        self,
        request: Request,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        payload: dict[str, Any],
    ) -> HTTPResponse:
        if payload.get("type") == "url_verification":
            return response.json({"challenge": payload.get("challenge")})
        if self._retry_to_skip(request):
            return response.text("", status=HTTPStatus.OK, headers={"X-Slack-No-Retry": "1"})
        if self.replayed(request, payload.get("event_id")):
            return response.text("")
        if not isinstance(payload.get("event"), dict) or not self._is_user_message(payload):
            return response.text("ignored")
        event = payload["event"]
        if event.get("subtype"):
            return response.text("ignored")  # edits, deletions, joins...
        metadata = self._metadata(event, payload.get("authorizations") or [], payload.get("authed_users") or [])
        if not self._is_supported_channel(payload, metadata):
            return response.text("channel not supported")
        text = event.get("text")
        if not isinstance(text, str):
            return bad_request("text must be a string")
        conversation = self._get_conversation_id(event.get("user"), metadata["out_channel"], metadata["thread_id"])
        if not valid_sender(conversation):
            return bad_request("missing or invalid user")
        text = self._sanitize_user_message(text, metadata["users"])
        self._in_background(
            self.run_turn(request, on_new_message, self.key_for(conversation), text, to=self._target(metadata))
        )
        return response.text("")

    async def on_interaction(
        self,
        request: Request,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        payload: dict[str, Any],
    ) -> HTTPResponse:
        if not self._is_interactive_message(payload):
            return response.text("ignored")
        value = self._get_interactive_response(payload["actions"][0])
        if value is None:
            return response.text("ignored")  # a link button
        if not isinstance(value, str):
            return bad_request("action value must be a string")
        user = (payload.get("user") or {}).get("id")
        message = payload.get("message") or {}
        metadata = {
            "out_channel": (payload.get("channel") or {}).get("id"),
            "thread_id": message.get("thread_ts", message.get("ts")),
            "users": [user] if user else [],
        }
        conversation = self._get_conversation_id(user, metadata["out_channel"], metadata["thread_id"])
        if not valid_sender(conversation):
            return bad_request("missing or invalid user")
        self._in_background(
            self.run_turn(
                request,
                on_new_message,
                self.key_for(conversation),
                value,
                to=self._target(metadata),
                is_payload=True,
                offered_only=True,
            )
        )
        return response.text("")

    @staticmethod
    def _metadata(event: dict[str, Any], authorizations: list[Any], authed_users: list[Any]) -> dict[str, Any]:
        users = list(authed_users)
        if not users and authorizations and isinstance(authorizations[0], dict):
            users = [authorizations[0].get("user_id")]
        return {
            "out_channel": event.get("channel"),
            "thread_id": event.get("thread_ts", event.get("ts")),
            "users": users,
        }

    def _target(self, metadata: dict[str, Any]) -> tuple[str, str | None]:
        channel = metadata.get("out_channel") or self.slack_channel
        return channel, (metadata.get("thread_id") if self.use_threads else None)

    def _in_background(self, coro: Awaitable[Any]) -> None:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def send_turn(self, to: Any, messages: list[dict[str, Any]]) -> None:
        channel, thread = to if isinstance(to, tuple) else (to, None)
        for message in slack_turn(messages):
            kwargs = {"thread_ts": thread} if thread else {}
            try:
                await self.client().chat_postMessage(channel=channel, **message, **kwargs)
            except SlackApiError as e:
                logger.error("slack: sending a reply failed: %s", e.response.get("error"))
                return
