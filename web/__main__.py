"""``python -m web [--host H] [--port P] [--bot-url URL]``: start the lookup aid and demo page."""

from __future__ import annotations

import argparse
import logging
import os

from mbc.lean import block_tensorflow


def main(argv: list[str] | None = None) -> int:
    block_tensorflow()  # before anything imports spaCy
    from aiohttp import web

    from web.app import create_app

    parser = argparse.ArgumentParser(prog="python -m web", description=__doc__)
    parser.add_argument("--host", default=os.environ.get("MBC_WEB_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("MBC_WEB_PORT", "8080")))
    parser.add_argument(
        "--bot-url",
        default=os.environ.get("MBC_BOT_URL", "http://127.0.0.1:5005"),
        help="the Rasa server as the browser reaches it (the widget's data-server)",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = create_app(bot_url=args.bot_url)  # loads the store now, not on the first request
    web.run_app(
        app,
        host=args.host,
        port=args.port,
        access_log=None,
        print=lambda *_: print(f"web: serving on http://{args.host}:{args.port}/", flush=True),
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
