"""Input rules shared by every channel (REST, widget and messaging webhooks)."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, TypeGuard

MAX_MESSAGE_CHARS = 2000  # longer messages get a polite "please shorten" reply
MAX_BODY_BYTES = 64 * 1024  # anything larger is rejected with 413 before parsing
MAX_SENDER_CHARS = 128
SENDER_RE = re.compile(r"^[A-Za-z0-9_.:@+\-]{1,128}$")
TOO_LONG_REPLY = (
    "Sorry, that message is too long for me ({n} characters). Please shorten it to under "
    f"{MAX_MESSAGE_CHARS} characters, or ask one question at a time. In an emergency, call 911."
)
EMPTY_REPLY = (
    "I didn't catch a question there. You can ask me about metastatic breast cancer, for example: where does it spread?"
)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Invisible characters that split or reorder words without showing: zero-width space,
# non-joiner, joiner, word joiner, invisible operators, BOM, soft hyphen, Mongolian vowel
# separator, and the bidirectional marks, embeddings, overrides and isolates. Removed, so
# "bone\u200bscan" reads "bonescan", as it looks when typed.
_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


@dataclass(frozen=True)
class Checked:
    """A message ready for Rasa (``text``), or a reply to send instead (``reply``)."""

    text: str | None = None
    reply: str | None = None


class BadInput(ValueError):
    """A request body we refuse, with the reason for the 4xx reply."""


def load_json(body: bytes | str) -> Any:
    """Parse a JSON request body: UTF-8, valid JSON, and no lone surrogates anywhere
    (``"\\ud800"`` parses, but such a string cannot be encoded, stored or answered)."""
    try:
        text = body.decode("utf-8") if isinstance(body, bytes) else body
    except UnicodeDecodeError as e:
        raise BadInput("request body is not valid UTF-8") from e
    try:
        data = json.loads(text)
    except ValueError as e:
        raise BadInput("request body is not valid JSON") from e
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as e:
        raise BadInput("request body is not valid Unicode (a lone surrogate such as \\ud800)") from e
    return data


def clean_text(raw: str) -> str:
    """Normalise Unicode, drop control characters (keep newlines and tabs) and invisible
    zero-width / bidirectional characters, trim."""
    text = unicodedata.normalize("NFC", raw)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub(" ", text)
    return text.strip()


def check_message(raw: object) -> Checked:
    """Validate one inbound message text. Raises TypeError for a non-string."""
    if not isinstance(raw, str):
        raise TypeError("message must be a string")
    text = clean_text(raw)
    if not text:
        return Checked(reply=EMPTY_REPLY)
    if len(text) > MAX_MESSAGE_CHARS:
        return Checked(reply=TOO_LONG_REPLY.format(n=len(text)))
    return Checked(text=text)


def valid_sender(sender: object) -> TypeGuard[str]:
    return isinstance(sender, str) and bool(SENDER_RE.match(sender))


# A REST sender must not look like another channel's conversation key or platform id.
_OTHER_CHANNEL = re.compile(
    r"^(?:rest|twilio|whatsapp|sms|telegram|facebook|messenger|slack|callback)\s*:", re.IGNORECASE
)
_PHONE_LIKE = re.compile(r"^\+?[\d().\-]+$")


def looks_like_other_channel(sender: str) -> bool:
    """``twilio:...``, ``whatsapp:+1555...``, ``+15551234567``, ``15551234567``, ``555-123-4567``."""
    if _OTHER_CHANNEL.match(sender):
        return True
    return bool(_PHONE_LIKE.match(sender)) and sum(ch.isdigit() for ch in sender) >= 7
