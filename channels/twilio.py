"""SMS and WhatsApp through Twilio, with signed webhooks.

Rasa 3.6's TwilioInput does not check ``X-Twilio-Signature``; these subclasses do (with
twilio's RequestValidator) and answer 403 without processing when it is missing or wrong.
The signature covers every parameter Twilio posts, blank ones included (``FromCity=``,
``Body=`` on a photo-only MMS), so the parameters are read from the raw body with
``keep_blank_values=True``: Sanic's ``request.form`` drops blank values.
Replies: plain text, one short line per source, buttons as numbered choices ("Reply 1, 2
or 3"; a reply of just the number picks that choice), STOP / START / HELP as carriers
expect (opt-out kept in the channel state table), and on SMS long answers in pages of at
most 3 segments with "Reply MORE for the rest".

"forget me" asks for a YES first, as on every channel. After STOP nothing may be sent
until START (carrier rule), so there a precise "forget me" deletes the conversation
without the question and without a reply; the opt-out record itself is kept.

The conversation key is ``twilio:`` / ``whatsapp:`` + an HMAC of the number (never the
number itself); replies go to the number in the inbound request's ``From``. The opt-out
list and the pages waiting for MORE are keyed the same way (docs/channels.md).

Webhook URLs: /webhooks/twilio/webhook (SMS), /webhooks/whatsapp/webhook (WhatsApp).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qs

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.twilio import TwilioInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from twilio.base.exceptions import TwilioException
from twilio.http.async_http_client import AsyncTwilioHttpClient
from twilio.request_validator import RequestValidator
from twilio.rest import Client

from channels import texts
from channels.base import MessagingChannel, bad_request
from channels.formats import sms_turn, whatsapp_turn
from channels.limits import clean_text, valid_sender
from channels.sms import keyword, next_page, to_gsm
from mbc.dialogue import Dialogue, is_forget_request

logger = logging.getLogger(__name__)

TWILIO_API = "https://api.twilio.com"
FORGET_CONFIRM = "/forget_confirm"  # the payload of the core's "YES, delete" choice (data/dialogue/acts.yml)
EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'


@functools.lru_cache(maxsize=1)
def dialogue() -> Dialogue:
    """The core's commands (data/dialogue/acts.yml), for "forget me" after STOP."""
    return Dialogue.load()


class TwilioParams(dict):
    """The parameters of a form-encoded Twilio request, every value a list, blank values
    kept. ``getlist`` lets twilio's RequestValidator sign repeated parameters as Twilio does."""

    def getlist(self, name: str) -> list[str]:
        return list(self.get(name, []))

    def first(self, name: str) -> str | None:
        values = self.get(name)
        return values[0] if values else None


def twilio_params(request: Request) -> TwilioParams:
    """Parse the raw body, keeping blank values (parsed once per request)."""
    params = getattr(request.ctx, "twilio_params", None)
    if params is None:
        body = (request.body or b"").decode("utf-8", errors="replace")
        params = TwilioParams(parse_qs(body, keep_blank_values=True))
        request.ctx.twilio_params = params
    return params


class _RebasedHttpClient(AsyncTwilioHttpClient):
    """Sends the SDK's requests to another base URL (a local fake in tests, or a proxy)."""

    def __init__(self, api_base: str) -> None:
        super().__init__()
        self.api_base = api_base.rstrip("/")

    async def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> Any:
        if url.startswith(TWILIO_API):
            url = self.api_base + url[len(TWILIO_API) :]
        return await super().request(method, url, *args, **kwargs)


class VerifiedTwilioInput(MessagingChannel, TwilioInput):
    """SMS. Credentials: account_sid, auth_token, twilio_number; optional webhook_url (the
    public URL Twilio calls, needed behind a proxy for the signature), api_base, state_db."""

    numbered_replies = True
    paged = True  # SMS: pages of <= 3 segments, "MORE" for the rest

    @classmethod
    def name(cls) -> str:
        return "twilio"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> VerifiedTwilioInput:
        settings, missing = cls._settings(credentials)
        if settings is None:
            channel = cls(None, None, None)
            channel._disable(missing)
            return channel
        return cls(
            settings.get("account_sid"),
            settings.get("auth_token"),
            settings.get("twilio_number"),
            webhook_url=settings.get("webhook_url"),
            api_base=settings.get("api_base"),
            state_db=settings.get("state_db"),
        )

    def __init__(
        self,
        account_sid: str | None,
        auth_token: str | None,
        twilio_number: str | None,
        webhook_url: str | None = None,
        api_base: str | None = None,
        state_db: str | None = None,
    ) -> None:
        super().__init__(account_sid, auth_token, twilio_number, debug_mode=False)
        self.webhook_url = webhook_url
        self.api_base = api_base
        self.missing = []
        self._client: Client | None = None
        self._setup(state_db)

    @property
    def from_number(self) -> str:
        return self.twilio_number or ""

    # --- inbound ---------------------------------------------------------------------

    def signature_ok(self, request: Request) -> bool:
        url = request.url
        if self.webhook_url:
            url = self.webhook_url + (f"?{request.query_string}" if request.query_string else "")
        signature = request.headers.get("X-Twilio-Signature", "")
        if not signature or not self.auth_token:
            return False
        return RequestValidator(self.auth_token).validate(url, twilio_params(request), signature)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = self.new_blueprint()
        if not self.enabled:
            return bp

        @bp.route("/webhook", methods=["POST"])
        async def message(request: Request) -> HTTPResponse:
            if (refused := self.refuse(request, self.signature_ok, "a valid X-Twilio-Signature")) is not None:
                return refused
            params = twilio_params(request)
            if "form" not in (request.content_type or "") or not params:
                return bad_request("expected a form-encoded Twilio webhook")
            sender = params.first("From")
            if not valid_sender(sender):
                return bad_request("missing or invalid From")
            body = params.first("Body")
            self.remember_app(request)
            if self.replayed(request, params.first("MessageSid") or params.first("SmsSid")):
                return response.text(EMPTY_TWIML, content_type="text/xml")
            await self.on_sms(request, on_new_message, sender, body or "")
            return response.text(EMPTY_TWIML, content_type="text/xml")

        return bp

    async def on_sms(
        self,
        request: Request,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        number: str,
        body: str,
    ) -> None:
        """``number``: the inbound From (the reply address); state and Rasa use its key."""
        state = self.state(request.app)
        channel, key = self.state_key, self.key_for(number)
        word = keyword(clean_text(body))  # "ST\u200bOP" is STOP too
        if word == "stop":
            state.set_opted_out(channel, key, True)
            state.set_pending_pages(channel, key, [])
            await self._send(number, [texts.SMS_STOPPED], force=True)
            return
        if state.is_opted_out(channel, key):
            if word in ("start", "yes"):
                state.set_opted_out(channel, key, False)
                await self._send(number, [texts.SMS_STARTED])
            elif is_forget_request(clean_text(body).lower(), dialogue()):
                await self.forget_after_stop(request, on_new_message, key, number)
            return  # opted out: nothing more is sent until START
        if word == "start":
            await self._send(number, [texts.SMS_STARTED])
            return
        if word in ("help", "ayuda"):
            await self._send(number, [texts.HELP["es" if word == "ayuda" else "en"]])
            return
        if word in ("more", "mas") and self.paged:
            lang = "es" if word == "mas" else "en"
            page, rest = next_page(state.pending_pages(channel, key), texts.MORE[lang])
            state.set_pending_pages(channel, key, rest)
            await self._send(number, [page or texts.DONE[lang]])
            return
        await self.run_turn(request, on_new_message, key, body, to=number)

    async def forget_after_stop(
        self,
        request: Request,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        key: str,
        number: str,
    ) -> None:
        """ "forget me" from someone who opted out. Carrier rules allow no message after the
        STOP confirmation until START, so the bot cannot ask "Reply YES to delete": the
        precise request itself deletes the conversation (the core's forget flow, with its
        confirmation given here; nothing is sent). The opt-out record stays: it is what
        keeps the bot from texting them."""
        await self.run_turn(request, on_new_message, key, "forget me", to=number)
        await self.run_turn(request, on_new_message, key, FORGET_CONFIRM, to=number, is_payload=True)
        logger.info("%s: forgot conversation %s after STOP, at the person's request", self.name(), key)

    # --- outbound --------------------------------------------------------------------

    def render(self, messages: list[dict[str, Any]]) -> tuple[list[str], list[str]]:
        """(texts to send now, pages kept for MORE)."""
        return sms_turn(messages) if self.paged else (whatsapp_turn(messages), [])

    async def send_turn(self, to: str, messages: list[dict[str, Any]]) -> None:
        now, later = self.render(messages)
        state = self.state()
        if self.paged:
            state.set_pending_pages(self.state_key, self.key_for(to), later)
        await self._send(to, now)

    def client(self) -> Client:
        if self._client is None:
            http = _RebasedHttpClient(self.api_base) if self.api_base else AsyncTwilioHttpClient()
            self._client = Client(self.account_sid, self.auth_token, http_client=http)
        return self._client

    async def _send(self, to: str, bodies: list[str], force: bool = False) -> None:
        """Send each text as one message; never to someone who opted out (except the
        confirmation of their STOP)."""
        key = self.key_for(to)
        if not force and self.state().is_opted_out(self.state_key, key):
            logger.info("%s: not sending to %s, who opted out", self.name(), key)
            return
        for body in bodies:
            if self.paged:
                body = to_gsm(body)
            try:
                await self.client().messages.create_async(to=to, from_=self.from_number, body=body)
            except TwilioException as e:
                # the type and Twilio's error code only: its message can name the phone number
                logger.error(
                    "%s: sending to %s failed: %s %s", self.name(), key, type(e).__name__, getattr(e, "code", "")
                )
                return


class VerifiedWhatsAppInput(VerifiedTwilioInput):
    """WhatsApp through Twilio: like SMS, but messages up to 4,096 characters (no MORE
    paging). twilio_number may be given with or without the ``whatsapp:`` prefix."""

    paged = False

    @classmethod
    def name(cls) -> str:
        return "whatsapp"

    @property
    def from_number(self) -> str:
        number = self.twilio_number or ""
        return number if number.startswith("whatsapp:") else f"whatsapp:{number}"
