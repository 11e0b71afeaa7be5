"""Headless Chromium (Debian's /usr/bin/chromium, never a download) driven by Playwright
against the real bot (action server + Rasa with CORS for the web origin) and the web service."""

from __future__ import annotations

import json
import re
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.servers import ROOT, Bot, free_port
from tests.webservice import WebService

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
ARTIFACTS = ROOT / "tests" / "artifacts"
WIDGET_TITLE = "Questions about MBC"  # data-title on the demo page
# Anything that is not on this machine is answered by a stub, so following a source link
# (https://www.lbbc.org, ...) never leaves the machine.
NOT_LOOPBACK = re.compile(r"^(?!https?://(127\.0\.0\.1|localhost)[:/]).*$")


@dataclass
class Live:
    bot: Bot
    web: WebService


@pytest.fixture(scope="session")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    work = Path(tmp_path_factory.mktemp("browser"))
    web_port = free_port()
    bot = Bot(workdir=work)
    web = WebService(workdir=work, port=web_port)
    try:
        bot.start_actions()
        bot.start_rasa(cors=[f"http://127.0.0.1:{web_port}"])
        web.bot_url = bot.url
        web.start()
        yield Live(bot, web)
    finally:
        web.stop()
        bot.stop()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (installs Debian's chromium package)")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


class PageWatch:
    """JavaScript dialogs (alert/confirm/prompt) and uncaught errors seen by a page."""

    def __init__(self) -> None:
        self.dialogs: list[str] = []
        self.errors: list[str] = []

    def attach(self, page) -> None:
        def on_dialog(dialog) -> None:
            self.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.on("pageerror", lambda err: self.errors.append(str(err)))


@pytest.fixture()
def make_context(browser):
    contexts = []

    def make(**kwargs):
        kwargs.setdefault("viewport", {"width": 1280, "height": 800})
        ctx = browser.new_context(**kwargs)
        ctx.route(
            NOT_LOOPBACK,
            lambda route: route.fulfill(
                status=200, content_type="text/html", body="<!doctype html><title>external stub</title><p>stub"
            ),
        )
        contexts.append(ctx)
        return ctx

    yield make
    for ctx in contexts:
        ctx.close()


@pytest.fixture()
def watch() -> PageWatch:
    return PageWatch()


@pytest.fixture()
def page(make_context, watch: PageWatch):
    pg = make_context().new_page()
    watch.attach(pg)
    return pg


def host_page_html(server: str, extra: str = "") -> str:
    """A bare third-party page embedding the widget with its one script tag."""
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        "<meta name=viewport content='width=device-width, initial-scale=1'><title>Host page</title></head>"
        f"<body><h1>Some nonprofit page</h1><p><a href='#x'>A link on the page</a></p>{extra}"
        f"<script src='/widget/widget.js' data-server='{server}' data-title='{WIDGET_TITLE}'"
        " data-greeting='Hello from the test page.' data-accent='#5b2a86'></script></body></html>"
    )


class FakeRest:
    """A tiny REST endpoint on loopback that answers like Rasa's REST channel (with CORS),
    and can be stopped to play a server that went away."""

    def __init__(self, origin: str, replies: list | None = None) -> None:
        self.origin = origin
        self.replies = replies if replies is not None else [{"recipient_id": "x", "text": "I'm here."}]
        self.port = free_port()
        self.received: list[dict] = []
        self.issued: list[str] = []
        self.server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> FakeRest:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # keep test output quiet
                pass

            def cors(self) -> None:
                self.send_header("Access-Control-Allow-Origin", fake.origin)
                self.send_header("Access-Control-Allow-Methods", "POST, OPTIONS")
                self.send_header("Access-Control-Allow-Headers", "Content-Type")

            def do_OPTIONS(self) -> None:  # noqa: N802
                self.send_response(204)
                self.cors()
                self.end_headers()

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length", "0"))
                data = json.loads(self.rfile.read(length) or b"{}")
                if self.path == "/webhooks/rest/conversation":  # a server-issued conversation id
                    fake.issued.append(f"web-{uuid.uuid4().hex}")
                    body, status = json.dumps({"sender": fake.issued[-1]}).encode(), 201
                else:
                    fake.received.append(data)
                    body, status = json.dumps(fake.replies).encode(), 200
                self.send_response(status)
                self.cors()
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None
