"""Rasa custom actions: thin glue between the tracker and the knowledge layer (mbc/).

rasa-sdk imports every module here at start-up, so nothing in this package does work
at import time; the knowledge base is loaded on first use and then reused.

The action server's error reply: rasa-sdk answers an exception with a 500 whose body
echoes the whole request (the tracker: the person's messages and slot values) and logs
the request with a traceback. ``protect_action_server`` replaces that handler, when this
package is loaded by the action server, with one that answers ``{"error": ...}`` with no
request content and logs only the exception's type.
"""

from __future__ import annotations

import logging
from typing import Any

from mbc.lean import block_tensorflow

block_tensorflow()  # the action server needs spaCy, never TensorFlow (see mbc/lean.py)

logger = logging.getLogger(__name__)
ACTION_SERVER_APP = "rasa_sdk"  # the Sanic app name rasa_sdk.endpoint.create_app uses


async def _error_reply(request: Any, exception: BaseException) -> Any:
    from sanic import response
    from sanic.exceptions import SanicException

    if isinstance(exception, SanicException) and getattr(exception, "status_code", 500) < 500:
        status = int(exception.status_code)
        return response.json({"error": "bad request" if status == 400 else "request refused"}, status=status)
    logger.error("action server: a request failed: %s", type(exception).__name__)  # no request content
    return response.json({"error": "internal error in the action server"}, status=500)


def protect_action_server() -> bool:
    """Install the error reply on the action server's app (True), or do nothing when this
    package is imported elsewhere (tests, the Rasa server: False)."""
    try:
        from sanic import Sanic

        app = Sanic.get_app(ACTION_SERVER_APP)
    except Exception:  # no action server in this process
        return False

    async def install(app: Any, _loop: Any) -> None:
        # rasa-sdk registers its own handler after importing this package: replace it at start
        app.error_handler.add(Exception, _error_reply)

    app.register_listener(install, "before_server_start")
    return True


protect_action_server()
