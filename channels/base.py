"""Glue shared by the messaging channels: run one turn through Rasa, collect what the bot
says, hand it to the channel's renderer; resolve "2" to the second choice of the last
bot turn (read from the tracker store, so it works across server replicas); channel
state; the HTTP error replies. Rendering itself lives in channels.render / channels.sms.

Conversation keys: Rasa never sees a phone number or chat id as the sender. Each
channel stores a conversation under ``key_for(platform id)`` (``twilio:`` + an HMAC,
mbc.privacy.conversation_key) and replies to the platform id taken from the inbound
request; only a bounded in-memory map remembers which address a key replies to, for
messages Rasa sends outside a webhook turn.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path
from typing import Any

from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.shared.core.events import BotUttered, UserUttered
from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels import hardening, texts
from channels.credentials import resolve
from channels.limits import MAX_BODY_BYTES, check_message
from channels.render import pick_choice, turn_choices
from channels.sms import number_reply
from channels.state import ChannelState
from mbc import language
from mbc.privacy import conversation_key

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_STATE_URL = f"sqlite:///{ROOT / 'var' / 'channels.db'}"
_STATES: dict[str, ChannelState] = {}
REPLY_ADDRESSES_KEPT = 10_000  # per channel, in memory only


# --- HTTP replies ------------------------------------------------------------------------


def too_large() -> HTTPResponse:
    return response.json({"error": f"request body over {MAX_BODY_BYTES} bytes"}, status=413)


def bad_request(reason: str) -> HTTPResponse:
    return response.json({"error": reason}, status=400)


def forbidden(reason: str = "invalid signature") -> HTTPResponse:
    return response.json({"error": reason}, status=403)


def body_too_large(request: Request) -> bool:
    return len(request.body or b"") > MAX_BODY_BYTES


def hmac_sha256_hex(secret: str, body: bytes) -> str:
    return hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def same(a: str | None, b: str | None) -> bool:
    """Constant-time comparison of two secrets or signatures."""
    return bool(a) and bool(b) and hmac.compare_digest(str(a).encode(), str(b).encode())


# --- Rasa side -----------------------------------------------------------------------------


class TurnCollector(OutputChannel):
    """Keeps the bot's messages for one turn as Rasa produced them (text, buttons and
    custom payload together), so the channel can render the turn as a whole."""

    @classmethod
    def name(cls) -> str:
        return "collector"

    def __init__(self) -> None:
        self.messages: list[dict[str, Any]] = []

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        self.messages.append(dict(message))

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        self.messages.append({"text": text})


class DirectOutput(OutputChannel):
    """Output channel for messages Rasa sends outside a webhook turn (e.g. the HTTP API's
    trigger_intent with output_channel=latest): each message is rendered and sent."""

    def __init__(self, channel: MessagingChannel) -> None:
        self._channel = channel
        self.name = channel.name  # type: ignore[method-assign]

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        target = self._channel.direct_target(recipient_id)
        if target is None:  # no recent message from them on this server: no address to reply to
            logger.warning("%s: no reply address for %s; message not sent", self._channel.name(), recipient_id)
            return
        await self._channel.send_turn(target, [dict(message)])

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self.send_response(recipient_id, {"text": text})


def last_turn_messages(events: Iterable[Any]) -> list[dict[str, Any]]:
    """The bot messages after the last user message, as {text, buttons, custom, ...} with
    the event's metadata (``reply_part`` marks the plain copies of the reply's parts)."""
    out: list[dict[str, Any]] = []
    for event in reversed(list(events)):
        if isinstance(event, UserUttered):
            break
        if isinstance(event, BotUttered):
            out.append({**(event.metadata or {}), "text": event.text, **(event.data or {})})
    out.reverse()
    return out


def _sql_engine(tracker_store: Any) -> Any:
    """The SQLAlchemy engine of a (wrapped) SQL tracker store, if it is one."""
    seen = 0
    while tracker_store is not None and seen < 5:
        engine = getattr(tracker_store, "engine", None)
        if engine is not None and hasattr(engine, "connect"):
            return engine
        tracker_store = getattr(tracker_store, "_tracker_store", None)
        seen += 1
    return None


class MessagingChannel:
    """Mixin for our input channels. Subclasses set ``state_key`` and ``numbered_replies``
    and implement ``send_turn`` (render + send through the platform API)."""

    numbered_replies = False
    enabled = True
    missing: list[str]

    @classmethod
    def name(cls) -> str:  # pragma: no cover - every channel overrides it
        raise NotImplementedError

    @classmethod
    def _settings(cls, credentials: dict[str, Any] | None) -> tuple[dict[str, Any] | None, list[str]]:
        """(expanded credentials, []), or (None, missing variables): channel not enabled."""
        settings, missing = resolve(credentials)
        if missing:
            logger.warning("Channel %s is not enabled: set %s.", cls.name(), ", ".join(missing))
        return settings, missing

    def _disable(self, missing: list[str]) -> None:
        self.enabled, self.missing = False, missing

    def _setup(self, state_db: str | None = None) -> None:
        self.state_db = state_db
        self._state: ChannelState | None = None
        self._app: Any = None
        self._reply_to: OrderedDict[str, Any] = OrderedDict()

    def key_for(self, platform_id: str) -> str:
        """The pseudonymous conversation key of a phone number, chat id, PSID..."""
        return conversation_key(self.name(), platform_id)

    def remember_reply_address(self, key: str, to: Any) -> None:
        self._reply_to[key] = to
        self._reply_to.move_to_end(key)
        while len(self._reply_to) > REPLY_ADDRESSES_KEPT:
            self._reply_to.popitem(last=False)

    @property
    def state_key(self) -> str:
        return self.name()

    def state(self, app: Any = None) -> ChannelState:
        if self._state is None:
            app = app or self._app
            engine = None
            if not self.state_db and app is not None:
                agent = getattr(app.ctx, "agent", None)
                engine = _sql_engine(getattr(agent, "tracker_store", None))
            if engine is not None:
                key = str(id(engine))
                if key not in _STATES:
                    _STATES[key] = ChannelState(engine)
            else:
                key = self.state_db or DEFAULT_STATE_URL
                if key not in _STATES:
                    if key.startswith("sqlite:///"):
                        Path(key[len("sqlite:///") :]).parent.mkdir(parents=True, exist_ok=True)
                    _STATES[key] = ChannelState.from_url(key)
            self._state = _STATES[key]
        return self._state

    def remember_app(self, request: Request) -> None:
        self._app = request.app

    def replayed(self, request: Request, message_id: Any) -> bool:
        """True when this platform message id was already handled: a retry or replay, to
        acknowledge without answering again. No id, or the state database down: False
        (better a second answer than none)."""
        if message_id is None or message_id == "":
            return False
        try:
            first = self.state(request.app).first_delivery(self.name(), str(message_id))
        except Exception as exc:
            logger.error("%s: could not check for a replayed message: %s", self.name(), type(exc).__name__)
            return False
        if not first:
            logger.info("%s: ignored a replayed message", self.name())
        return not first

    def direct_target(self, recipient_id: str) -> Any:
        """Where to send a message Rasa addresses to a conversation key outside a webhook
        turn; None when this server has no recent reply address for it."""
        return self._reply_to.get(recipient_id)

    def get_output_channel(self, *args: Any, **kwargs: Any) -> OutputChannel:
        return DirectOutput(self)

    async def send_turn(self, to: Any, messages: list[dict[str, Any]]) -> None:
        raise NotImplementedError

    async def _tracker(self, app: Any, sender: str) -> Any:
        agent = getattr(app.ctx, "agent", None)
        if agent is None or getattr(agent, "tracker_store", None) is None:
            return None
        try:
            return await agent.tracker_store.retrieve(sender)
        except Exception as exc:  # the tracker store is down
            logger.error("%s: could not read the conversation %s: %s", self.name(), sender, type(exc).__name__)
            return None

    async def choice_for(self, app: Any, sender: str, number: int) -> str | None:
        """The payload of choice ``number`` of the last bot turn, read from the tracker
        (None: treat "2" as plain text)."""
        tracker = await self._tracker(app, sender)
        if tracker is None:
            return None
        choice = pick_choice(turn_choices(last_turn_messages(tracker.events)), number)
        return choice.payload if choice else None

    async def was_offered(self, app: Any, sender: str, payload: str) -> bool:
        """True when the bot offered this payload in this conversation (the core's
        ``offered`` slot, or a button of the last bot turn). A button press carrying
        anything else (a forged Telegram callback such as "/urgent") is not accepted."""
        tracker = await self._tracker(app, sender)
        if tracker is None:
            return False
        offered = tracker.get_slot("offered")
        if isinstance(offered, list) and payload in offered:
            return True
        return any(c.payload == payload for c in turn_choices(last_turn_messages(tracker.events)))

    async def run_turn(
        self,
        request: Request,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        sender: str,
        raw_text: str | None,
        to: Any = None,
        metadata: dict[str, Any] | None = None,
        is_payload: bool = False,
        offered_only: bool = False,
    ) -> None:
        """Limits, then the user's message (or their numbered choice) through Rasa, then
        the whole bot turn rendered for this channel. ``sender`` is the conversation key,
        ``to`` the platform address the reply goes to. ``offered_only``: a button press,
        accepted only if the bot offered that payload in this conversation."""
        to = sender if to is None else to
        self.remember_reply_address(sender, to)
        checked = check_message(raw_text or "")
        if checked.reply is not None:
            await self.send_turn(to, [{"text": checked.reply}])
            return
        text = checked.text or ""
        if is_payload and offered_only and not await self.was_offered(request.app, sender, text):
            logger.info("%s: ignored a button press the bot did not offer (conversation %s)", self.name(), sender)
            await self.send_turn(to, [{"text": texts.NOT_OFFERED}])
            return
        if self.numbered_replies and not is_payload:
            number = number_reply(text)
            if number is not None:
                text = await self.choice_for(request.app, sender, number) or text
        collector = TurnCollector()
        # The language the text is written in, for the conversation's first note (Rasa runs
        # action_session_start before it reads the message; it does get the metadata).
        written = language.detect(text) if not is_payload else language.UNKNOWN
        if written in language.SERVED:
            metadata = {**(metadata or {}), "text_lang": written}
        try:
            await on_new_message(UserMessage(text, collector, sender, input_channel=self.name(), metadata=metadata))
        except Exception as exc:  # the type only: a traceback could carry conversation content
            logger.error("%s: handling a message from %s failed: %s", self.name(), sender, type(exc).__name__)
        if collector.messages:
            await self.send_turn(to, collector.messages)

    def new_blueprint(self) -> Any:
        """This channel's blueprint with its health route: "ok", or 503 "not enabled" when
        its variables are not set (the log says which). A disabled channel adds nothing more."""
        from sanic import Blueprint

        blueprint = Blueprint(f"mbc_{self.name()}_webhook", __name__)
        hardening.attach(blueprint)
        enabled = self.enabled

        @blueprint.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            if enabled:
                return response.json({"status": "ok"})
            return response.json({"status": "not enabled"}, status=503)

        return blueprint

    def refuse(
        self,
        request: Request,
        authentic: Callable[[Request], bool],
        what: str,
        reason: str = "invalid signature",
    ) -> HTTPResponse | None:
        """The checks every webhook makes first: 413 for an oversized body (before any
        parsing), 403 when the platform's verification fails. None = carry on."""
        if body_too_large(request):
            return too_large()
        if not authentic(request):
            logger.warning("%s: rejected a request without %s", self.name(), what)
            return forbidden(reason)
        return None
