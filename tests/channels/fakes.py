"""Local fakes of the messaging platforms' APIs (aiohttp on loopback, one port each, in
a background thread), recording every call the bot makes; plus helpers that sign
inbound webhooks exactly as each platform does."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from aiohttp import web
from twilio.request_validator import RequestValidator

TWILIO_SID = "AC" + "0" * 32
TWILIO_TOKEN = "twilio-test-auth-token"
TWILIO_SMS_NUMBER = "+15550001111"
TWILIO_WHATSAPP_NUMBER = "+15550002222"
TELEGRAM_TOKEN = "123456:TEST-telegram-token"
TELEGRAM_SECRET = "telegram-test-secret_1"
FB_VERIFY = "fb-verify-token"
FB_SECRET = "fb-app-secret"
FB_PAGE_TOKEN = "fb-page-token"
SLACK_TOKEN = "xoxb-test-token"
SLACK_SECRET = "slack-signing-secret"


@dataclass
class Call:
    platform: str
    method: str  # API method or path
    data: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)
    query: dict[str, str] = field(default_factory=dict)


class FakePlatforms:
    """Twilio, Telegram Bot API, Graph API (Messenger), Slack Web API and a callback URL."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self._lock = threading.Lock()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._runners: list[web.AppRunner] = []
        self.ports: dict[str, int] = {}

    # --- life cycle ---------------------------------------------------------------------

    def start(self) -> None:
        self._thread.start()
        apps = {
            "twilio": self._twilio_app(),
            "telegram": self._telegram_app(),
            "facebook": self._graph_app(),
            "slack": self._slack_app(),
            "callback": self._callback_app(),
        }
        for name, app in apps.items():
            self.ports[name] = asyncio.run_coroutine_threadsafe(self._serve(app), self._loop).result(10)

    async def _serve(self, app: web.Application) -> int:
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        self._runners.append(runner)
        return site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    def stop(self) -> None:
        async def cleanup() -> None:
            for runner in self._runners:
                await runner.cleanup()

        asyncio.run_coroutine_threadsafe(cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.ports[name]}"

    # --- recorded calls -------------------------------------------------------------------

    def _record(self, call: Call) -> None:
        with self._lock:
            self.calls.append(call)

    def find(self, platform: str, pred: Callable[[Call], bool] = lambda c: True) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.platform == platform and pred(c)]

    def wait_for(
        self,
        platform: str,
        pred: Callable[[Call], bool],
        count: int = 1,
        timeout: float = 20.0,
        settle: float = 0.3,
    ) -> list[Call]:
        """Wait until at least ``count`` matching calls arrived (then a little longer, so
        a turn's later messages are in too)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.find(platform, pred)) >= count:
                time.sleep(settle)
                return self.find(platform, pred)
            time.sleep(0.05)
        raise AssertionError(f"no {platform} call after {timeout}s; got {self.find(platform)}")

    # --- fake APIs -----------------------------------------------------------------------

    def _twilio_app(self) -> web.Application:
        async def create_message(request: web.Request) -> web.Response:
            expected = "Basic " + base64.b64encode(f"{TWILIO_SID}:{TWILIO_TOKEN}".encode()).decode()
            if request.headers.get("Authorization") != expected:
                return web.json_response({"code": 20003, "message": "Authenticate", "status": 401}, status=401)
            form = dict(await request.post())
            self._record(Call("twilio", "Messages", form, dict(request.headers)))
            return web.json_response(
                {
                    "sid": "SM" + "1" * 32,
                    "account_sid": request.match_info["sid"],
                    "to": form.get("To"),
                    "from": form.get("From"),
                    "body": form.get("Body"),
                    "status": "queued",
                    "num_segments": "1",
                    "direction": "outbound-api",
                    "api_version": "2010-04-01",
                    "uri": request.path,
                },
                status=201,
            )

        app = web.Application()
        app.router.add_post("/2010-04-01/Accounts/{sid}/Messages.json", create_message)
        return app

    def _telegram_app(self) -> web.Application:
        counter = iter(range(1, 10**6))

        async def method(request: web.Request) -> web.Response:
            if request.match_info["token"] != TELEGRAM_TOKEN:
                return web.json_response({"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401)
            name = request.match_info["method"]
            if request.content_type == "application/json":
                data = await request.json()
            else:
                data = {k: v for k, v in (await request.post()).items() if isinstance(v, str)}
            self._record(Call("telegram", name, data))
            if name == "sendMessage":
                result: Any = {
                    "message_id": next(counter),
                    "date": int(time.time()),
                    "text": data.get("text"),
                    "chat": {"id": int(data["chat_id"]), "type": "private"},
                }
            elif name == "getMe":
                result = {"id": 123456, "is_bot": True, "first_name": "MBC", "username": "mbc_test_bot"}
            else:
                result = True
            return web.json_response({"ok": True, "result": result})

        app = web.Application()
        app.router.add_post("/bot{token}/{method}", method)
        return app

    def _graph_app(self) -> web.Application:
        async def messages(request: web.Request) -> web.Response:
            query = dict(request.query)
            proof = hmac.new(FB_SECRET.encode(), FB_PAGE_TOKEN.encode(), hashlib.sha256).hexdigest()
            if query.get("access_token") != FB_PAGE_TOKEN or query.get("appsecret_proof") != proof:
                return web.json_response({"error": {"message": "Invalid OAuth access token", "code": 190}}, status=400)
            data = await request.json()
            self._record(Call("facebook", request.path, data, query=query))
            return web.json_response({"recipient_id": data["recipient"]["id"], "message_id": "m_1"})

        app = web.Application()
        app.router.add_post("/v{version}/me/messages", messages)
        return app

    def _slack_app(self) -> web.Application:
        async def method(request: web.Request) -> web.Response:
            if request.headers.get("Authorization") != f"Bearer {SLACK_TOKEN}":
                return web.json_response({"ok": False, "error": "invalid_auth"})
            if request.content_type == "application/json":
                data = await request.json()
            else:
                data = dict(await request.post())
            name = request.match_info["method"]
            self._record(Call("slack", name, data))
            return web.json_response(
                {
                    "ok": True,
                    "channel": data.get("channel"),
                    "ts": f"{time.time():.6f}",
                    "message": {"text": data.get("text")},
                }
            )

        app = web.Application()
        app.router.add_post("/api/{method}", method)
        return app

    def _callback_app(self) -> web.Application:
        async def callback(request: web.Request) -> web.Response:
            self._record(Call("callback", request.path, await request.json()))
            return web.json_response({"ok": True})

        app = web.Application()
        app.router.add_post("/bot-replies", callback)
        return app


# --- signing inbound webhooks ----------------------------------------------------------------


def twilio_signature(url: str, params: dict[str, str], token: str = TWILIO_TOKEN) -> str:
    return RequestValidator(token).compute_signature(url, params)


def twilio_form(sender: str, body: str, to: str = TWILIO_SMS_NUMBER, sid: str | None = None) -> dict[str, str]:
    """The fields Twilio posts for an inbound SMS / WhatsApp message (a new MessageSid each)."""
    sid = sid or "SM" + uuid.uuid4().hex
    return {
        "ToCountry": "US",
        "SmsMessageSid": sid,
        "NumMedia": "0",
        "SmsSid": sid,
        "SmsStatus": "received",
        "Body": body,
        "To": to,
        "NumSegments": "1",
        "MessageSid": sid,
        "AccountSid": TWILIO_SID,
        "From": sender,
        "ApiVersion": "2010-04-01",
    }


def twilio_webhook(
    sender: str, body: str, to: str = TWILIO_SMS_NUMBER, sid: str | None = None, media: int = 0
) -> dict[str, str]:
    """An inbound message shaped like the requests in Twilio's webhook documentation: every
    parameter Twilio posts, many of them blank as they often are in real traffic (no
    geographic data for the number, no messaging service, ``Body=`` on a photo-only MMS)."""
    sid = sid or "SM" + uuid.uuid4().hex
    whatsapp = sender.startswith("whatsapp:")
    form = {
        "ToCountry": "" if whatsapp else "US",
        "ToState": "" if whatsapp else "NY",
        "SmsMessageSid": sid,
        "NumMedia": str(media),
        "ToCity": "",
        "FromZip": "",
        "SmsSid": sid,
        "FromState": "",
        "SmsStatus": "received",
        "FromCity": "",
        "Body": body,
        "FromCountry": "" if whatsapp else "US",
        "To": to,
        "MessagingServiceSid": "",
        "ToZip": "",
        "NumSegments": "1",
        "MessageSid": sid,
        "AccountSid": TWILIO_SID,
        "From": sender,
        "ApiVersion": "2010-04-01",
    }
    if whatsapp:
        form.update(
            {
                "ProfileName": "",
                "WaId": sender.removeprefix("whatsapp:+"),
                "ReferralNumMedia": "0",
                "MessageType": "image" if media else "text",
                "Forwarded": "",
                "ButtonText": "",
            }
        )
    for i in range(media):
        form[f"MediaContentType{i}"] = "image/jpeg"
        form[f"MediaUrl{i}"] = (
            f"https://api.twilio.com/2010-04-01/Accounts/{TWILIO_SID}/Messages/{sid}/Media/ME{i:032d}"
        )
    return form


def new_id() -> int:
    """A fresh platform message / update id."""
    return uuid.uuid4().int % 10**9


def facebook_signature(body: bytes, secret: str = FB_SECRET) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def slack_headers(body: bytes, timestamp: int | None = None, secret: str = SLACK_SECRET) -> dict[str, str]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{ts}:".encode() + body, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"}


def form_body(fields: dict[str, str]) -> bytes:
    return urlencode(fields).encode()


def json_body(obj: Any) -> bytes:
    return json.dumps(obj).encode()
