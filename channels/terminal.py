"""``python -m channels.terminal [--url http://127.0.0.1:5005]``: chat with the running bot
in a terminal (``make shell`` starts the servers and runs this).

It talks to the REST channel as the widget does (a conversation id issued by the server,
then one POST per message) and shows each reply as readable text, rendered from the
structured ``reply`` payload: the answer, one line per source (the plain-text citation
formatter) and the review status, then any choices, numbered; type a number to pick one.
Ctrl-D, ``/quit`` or ``/exit`` ends the chat.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import textwrap
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from typing import Any, TextIO

from channels.render import Choice, plain_block, turn_blocks, turn_offers, with_feedback_prompt
from channels.sms import number_reply

QUIT = {"/quit", "/exit", "/q"}
PHONE = re.compile(r"\(\d{3}\) \d{3}-\d{4}")
NBSP = "\u00a0"
SIMPLER_TITLE = "Say it more simply"
UNREACHABLE = (
    "Sorry, the bot can't be reached right now ({reason}). Is it running? "
    "If you need to talk with a person, call the LBBC Breast Cancer Helpline at (888) 753-5222. "
    "In an emergency, call 911."
)


def render_reply(messages: Iterable[dict[str, Any]], width: int = 78) -> tuple[str, list[Choice]]:
    """(text to print, the choices it numbered) for one REST reply."""
    messages = list(messages)
    offers = turn_offers(messages)
    blocks = with_feedback_prompt(turn_blocks(messages), offers.feedback_prompt if offers.feedback_answer else "")
    choices = [c for b in blocks for c in b.choices]
    if offers.simpler and blocks and not choices:
        blocks[-1].choices.append(Choice(1, SIMPLER_TITLE, offers.simpler))
        choices = blocks[-1].choices
    return "\n\n".join(wrap(plain_block(b, numbered=True), width) for b in blocks), choices


def wrap(text: str, width: int) -> str:
    """Wrap each line to the terminal, keeping paragraphs and line breaks; continuation
    lines of a source line or a numbered choice are indented."""
    out = []
    for line in text.split("\n"):
        indent = "    " if line.startswith(("Source: ", *(f"{n}. " for n in range(1, 30)))) else ""
        line = PHONE.sub(lambda m: m.group(0).replace(" ", NBSP), line)  # never "(888)" / "753-5222" on two lines
        filled = textwrap.fill(line, width, subsequent_indent=indent, break_on_hyphens=False) if line.strip() else ""
        out.append(filled.replace(NBSP, " "))
    return "\n".join(out)


class Client:
    """A REST conversation with the bot."""

    def __init__(self, url: str, timeout: float = 60.0) -> None:
        self.url = url.rstrip("/")
        self.timeout = timeout
        self.sender: str | None = None

    def _post(self, path: str, body: dict[str, Any]) -> Any:
        request = urllib.request.Request(
            f"{self.url}{path}",
            data=json.dumps(body).encode("utf-8"),
            method="POST",
            headers={"Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as resp:  # noqa: S310 - the bot's own URL
                return json.loads(resp.read().decode("utf-8"))
        except urllib.error.HTTPError as exc:  # the REST channel explains its errors in JSON
            body = json.loads(exc.read().decode("utf-8") or "null")
            if isinstance(body, list):
                return body  # e.g. "Sorry, something went wrong on my side…" with the helpline
            raise

    def conversation(self) -> str:
        if self.sender is None:
            self.sender = str(self._post("/webhooks/rest/conversation", {})["sender"])
        return self.sender

    def say(self, message: str) -> list[dict[str, Any]]:
        reply = self._post("/webhooks/rest/webhook", {"sender": self.conversation(), "message": message})
        return reply if isinstance(reply, list) else []


def chat(client: Client, read: Callable[[str], str], out: TextIO, width: int = 78) -> int:
    """The loop: read a message, send it (a number picks one of the choices just shown),
    print the reply."""
    choices: list[Choice] = []
    print("Ask a question about metastatic breast cancer. Type /quit to leave.\n", file=out)
    while True:
        try:
            text = read("You: ").strip()
        except (EOFError, KeyboardInterrupt):
            print(file=out)
            return 0
        if not text:
            continue
        if text.lower() in QUIT:
            return 0
        number = number_reply(text)
        picked = next((c for c in choices if c.number == number), None) if number is not None else None
        try:
            messages = client.say(picked.payload if picked else text)
        except (urllib.error.URLError, OSError, ValueError) as exc:
            print(wrap(UNREACHABLE.format(reason=type(exc).__name__), width) + "\n", file=out)
            continue
        shown, choices = render_reply(messages, width - 5)
        print(textwrap.indent(shown or "(no reply)", "     ").replace("     ", "Bot: ", 1) + "\n", file=out)
        out.flush()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m channels.terminal", description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:5005", help="the Rasa server with the REST channel")
    args = parser.parse_args(argv)
    width = min(100, shutil.get_terminal_size((80, 24)).columns - 2)
    return chat(Client(args.url), input, sys.stdout, width)


if __name__ == "__main__":
    raise SystemExit(main())
