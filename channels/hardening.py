"""Server-wide fixes for the Rasa server, attached through our channels' blueprints (Rasa
builds the Sanic app itself; every channel blueprint it registers brings these along).

* A malformed raw ``Content-Length`` ("abc", "-5", "12, 13") is answered 400. Sanic 21.12
  parses it with ``int()`` after the request line, so "abc" raised ValueError (500) and a
  negative length left the connection hanging.
* ``GET /`` says "ok" instead of "Hello from Rasa: 3.6.21": the server does not announce
  its software version. It still answers 200, for health checks.
* The conversation-key secret is loaded (or created) when the server starts, so a bad
  ``MBC_KEY_SECRET`` stops the start with a clear message instead of failing every turn.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from sanic import Blueprint, response
from sanic.exceptions import InvalidUsage
from sanic.request import Request
from sanic.response import HTTPResponse

from mbc.privacy import key_secret

logger = logging.getLogger(__name__)

_CONTENT_LENGTH = re.compile(r"^[0-9]{1,18}$")


def content_length_ok(value: str | None) -> bool:
    return value is None or bool(_CONTENT_LENGTH.match(value.strip()))


async def root(_: Request) -> HTTPResponse:
    return response.text("ok")


def quiet_root_route(app: Any) -> bool:
    """Make the app's ``GET /`` answer "ok". True if the route was found."""
    for route in getattr(app.router, "routes", []):
        if route.path in ("", "/") and "GET" in route.methods and route.handler is not root:
            route.handler = root
            return True
    return False


def attach(bp: Blueprint) -> None:
    """Add the checks to a blueprint; harmless when several blueprints bring them."""

    @bp.signal("http.lifecycle.request")
    async def check_content_length(request: Request) -> None:
        values = request.headers.getall("content-length", [])
        if len(values) > 1 or not all(content_length_ok(v) for v in values):
            raise InvalidUsage("malformed Content-Length")

    @bp.listener("before_server_start")
    async def harden(app: Any, _loop: Any) -> None:
        quiet_root_route(app)

    key_secret()  # at start-up, not on the first message
