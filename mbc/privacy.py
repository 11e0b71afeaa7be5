"""Privacy: pseudonymous conversation keys, redaction of contact details before storage,
retention, and "forget me".

Conversation keys: a conversation is stored under ``<channel>:<HMAC-SHA256(secret,
channel + platform id)>`` (32 hex characters), never under a phone number or chat id.
The secret comes from ``MBC_KEY_SECRET``; if that is unset, it is created on first start
in ``var/key_secret`` (mode 0600, git-ignored) and reused. Keys of one channel can never
be reached from another (the channel is both the prefix and part of the HMAC input).

Works on Rasa's SQL tracker store schema (table ``events``: sender_id, timestamp,
...) through SQLAlchemy, so the same commands serve the embedded SQLite default and
the PostgreSQL scale-out profile. Imports nothing from Rasa.

    python -m mbc.privacy purge --days 30 [--db var/tracker.db | --url postgresql://...]
    python -m mbc.privacy forget CONVERSATION_KEY [--db ... | --url ...]
    python -m mbc.privacy forget --channel twilio +15551234567   (the key is computed)
    python -m mbc.privacy key twilio +15551234567                (print the key)
    python -m mbc.privacy purge-unkeyed   (conversations stored before keys were namespaced)
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import os
import re
import secrets
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
KEY_SECRET_ENV = "MBC_KEY_SECRET"
KEY_SECRET_FILE = ROOT / "var" / "key_secret"
MIN_SECRET_CHARS = 32
KEY_HEX_CHARS = 32  # 128 bits of the HMAC: no collisions in practice, short enough for logs and columns
# Every channel that stores conversations under its own namespace.
CHANNELS = ("rest", "twilio", "whatsapp", "telegram", "facebook", "slack")
KEY_RE = re.compile(r"^(?P<channel>[a-z]+):(?P<digest>[0-9a-f]{%d})$" % KEY_HEX_CHARS)
_SECRETS: dict[tuple[str, str], bytes] = {}
_SECRET_LOCK = threading.Lock()


def _read_or_create_secret(path: Path) -> bytes:
    """The secret in ``path``, created (mode 0600) if the file does not exist. Safe when
    several replicas start at once: the file appears complete or not at all (hard link)."""
    try:
        existing = path.read_text().strip()
    except FileNotFoundError:
        existing = ""
    if not existing:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, (secrets.token_hex(32) + "\n").encode())
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(tmp, path)  # fails if another process created it first: use theirs
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
        existing = path.read_text().strip()
    if path.stat().st_mode & 0o077:
        os.chmod(path, 0o600)  # nobody else may read it
    return existing.encode()


def key_secret(path: Path | None = None) -> bytes:
    """The server secret for conversation keys: ``MBC_KEY_SECRET``, else the file
    (``var/key_secret`` by default), created on first use."""
    env = os.environ.get(KEY_SECRET_ENV, "")
    where = str(path or KEY_SECRET_FILE)
    cache_key = (env, "" if env else where)
    with _SECRET_LOCK:
        if cache_key not in _SECRETS:
            if env:
                if len(env) < MIN_SECRET_CHARS:
                    raise ValueError(
                        f"{KEY_SECRET_ENV} must be at least {MIN_SECRET_CHARS} characters "
                        "(e.g. the output of: python -c 'import secrets; print(secrets.token_hex(32))')"
                    )
                _SECRETS[cache_key] = env.encode()
            else:
                _SECRETS[cache_key] = _read_or_create_secret(Path(where))
        return _SECRETS[cache_key]


def conversation_key(channel: str, platform_id: str, secret: bytes | None = None) -> str:
    """The pseudonymous key a conversation is stored under: ``channel:`` + the first 32 hex
    characters of HMAC-SHA256(secret, channel NUL platform id)."""
    if channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r}")
    mac = hmac.new(secret or key_secret(), f"{channel}\0{platform_id}".encode(), hashlib.sha256)
    return f"{channel}:{mac.hexdigest()[:KEY_HEX_CHARS]}"


def is_conversation_key(sender_id: str) -> bool:
    m = KEY_RE.match(sender_id or "")
    return m is not None and m.group("channel") in CHANNELS


RETENTION_DAYS = 30  # the first reply of a conversation states this number (domain.yml)

EMAIL = re.compile(r"\b[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}\b")
# Phone numbers: 7+ digits with optional +, spaces, dots, dashes, parentheses.
PHONE = re.compile(r"(?<![\w.])(?:\+?\(?\d[\d\s().\-]{5,}\d)(?![\w.])")
EMAIL_MARK = "[email removed]"
PHONE_MARK = "[phone removed]"


def _is_phone(candidate: str) -> bool:
    digits = re.sub(r"\D", "", candidate)
    return 7 <= len(digits) <= 15 and not re.fullmatch(r"\d{1,3}(?:[.,]\d+)?", candidate.strip())


def redact(text: str) -> str:
    """Replace e-mail addresses and phone numbers; keep everything else as written."""
    if not text:
        return text
    text = EMAIL.sub(EMAIL_MARK, text)
    return PHONE.sub(lambda m: PHONE_MARK if _is_phone(m.group(0)) else m.group(0), text)


def redact_any(value: Any) -> Any:
    """Redact every string inside nested dicts/lists (event payloads, metadata)."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {k: redact_any(v) for k, v in value.items()}
    if isinstance(value, list):
        return [redact_any(v) for v in value]
    return value


def _engine(db: str | None, url: str | None):  # type: ignore[no-untyped-def]
    from sqlalchemy import create_engine

    return create_engine(url or f"sqlite:///{db or 'var/tracker.db'}")


def purge(days: int, db: str | None = None, url: str | None = None, now: float | None = None) -> int:
    """Delete whole conversations whose latest event is older than ``days`` days."""
    from sqlalchemy import text

    cutoff = (now or time.time()) - days * 86400
    with _engine(db, url).begin() as con:
        old = [
            r[0]
            for r in con.execute(
                text("SELECT sender_id FROM events GROUP BY sender_id HAVING MAX(timestamp) < :cutoff"),
                {"cutoff": cutoff},
            )
        ]
        for sender in old:
            con.execute(text("DELETE FROM events WHERE sender_id = :s"), {"s": sender})
    return len(old)


def forget(sender_id: str, db: str | None = None, url: str | None = None) -> int:
    """Delete every stored event of one conversation (its key); returns how many were deleted.
    Pages waiting for MORE go too; an SMS opt-out stays (we must never text them again)."""
    from sqlalchemy import text

    with _engine(db, url).begin() as con:
        deleted = int(con.execute(text("DELETE FROM events WHERE sender_id = :s"), {"s": sender_id}).rowcount or 0)
        forget_pending(con, sender_id)
    return deleted


def forget_pending(con: Any, sender_id: str) -> None:
    """Drop the pages of a conversation waiting for MORE (if the channels' table exists).
    ``con``: an SQLAlchemy connection or session inside a transaction."""
    from sqlalchemy import inspect, text

    bind = con.get_bind() if hasattr(con, "get_bind") else con
    if "mbc_channel_pending" in inspect(bind).get_table_names():
        con.execute(text("DELETE FROM mbc_channel_pending WHERE sender = :s"), {"s": sender_id})


def purge_unkeyed(db: str | None = None, url: str | None = None) -> int:
    """Delete conversations stored under a raw id (a phone number, a chat id, a REST
    sender) before conversation keys were namespaced and pseudonymous."""
    from sqlalchemy import text

    with _engine(db, url).begin() as con:
        old = [
            r[0] for r in con.execute(text("SELECT DISTINCT sender_id FROM events")) if not is_conversation_key(r[0])
        ]
        for sender in old:
            con.execute(text("DELETE FROM events WHERE sender_id = :s"), {"s": sender})
    return len(old)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m mbc.privacy", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = p.add_subparsers(dest="cmd", required=True)
    pp = sub.add_parser("purge", help="delete conversations older than N days")
    pp.add_argument("--days", type=int, default=RETENTION_DAYS)
    pf = sub.add_parser("forget", help="delete one conversation")
    pf.add_argument(
        "sender_id", help="the conversation key, or with --channel the platform id (phone number, chat id...)"
    )
    pf.add_argument("--channel", choices=CHANNELS, help="compute the key of this channel's platform id")
    pu = sub.add_parser("purge-unkeyed", help="delete conversations stored under raw ids (before namespaced keys)")
    pk = sub.add_parser("key", help="print the conversation key of a platform id")
    pk.add_argument("channel", choices=CHANNELS)
    pk.add_argument("platform_id")
    for sp in (pp, pf, pu):
        sp.add_argument("--db", help="SQLite file (default var/tracker.db)")
        sp.add_argument("--url", help="SQLAlchemy URL, e.g. postgresql://user@127.0.0.1/mbc")
    args = p.parse_args(argv)
    if args.cmd == "purge":
        print(f"deleted {purge(args.days, args.db, args.url)} conversation(s) older than {args.days} days")
    elif args.cmd == "purge-unkeyed":
        print(f"deleted {purge_unkeyed(args.db, args.url)} conversation(s) stored under raw ids")
    elif args.cmd == "key":
        print(conversation_key(args.channel, args.platform_id))
    else:
        key = conversation_key(args.channel, args.sender_id) if args.channel else args.sender_id
        print(f"deleted {forget(key, args.db, args.url)} event(s) of {key}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
