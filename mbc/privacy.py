"""Privacy: redact contact details before storage, retention, and "forget me".

Works on Rasa's SQL tracker store schema (table ``events``: sender_id, timestamp,
...) through SQLAlchemy, so the same commands serve the embedded SQLite default and
the PostgreSQL scale-out profile. Imports nothing from Rasa.

    python -m mbc.privacy purge --days 30 [--db var/tracker.db | --url postgresql://...]
    python -m mbc.privacy forget SENDER_ID [--db ... | --url ...]
"""

from __future__ import annotations

import argparse
import re
import time
from typing import Any

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
        old = [r[0] for r in con.execute(text(
            "SELECT sender_id FROM events GROUP BY sender_id HAVING MAX(timestamp) < :cutoff"), {"cutoff": cutoff})]
        for sender in old:
            con.execute(text("DELETE FROM events WHERE sender_id = :s"), {"s": sender})
    return len(old)


def forget(sender_id: str, db: str | None = None, url: str | None = None) -> int:
    """Delete every stored event of one conversation; returns how many were deleted."""
    from sqlalchemy import text

    with _engine(db, url).begin() as con:
        return int(con.execute(text("DELETE FROM events WHERE sender_id = :s"), {"s": sender_id}).rowcount or 0)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m mbc.privacy", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    pp = sub.add_parser("purge", help="delete conversations older than N days")
    pp.add_argument("--days", type=int, default=RETENTION_DAYS)
    pf = sub.add_parser("forget", help="delete one conversation")
    pf.add_argument("sender_id")
    for sp in (pp, pf):
        sp.add_argument("--db", help="SQLite file (default var/tracker.db)")
        sp.add_argument("--url", help="SQLAlchemy URL, e.g. postgresql://user@127.0.0.1/mbc")
    args = p.parse_args(argv)
    if args.cmd == "purge":
        print(f"deleted {purge(args.days, args.db, args.url)} conversation(s) older than {args.days} days")
    else:
        print(f"deleted {forget(args.sender_id, args.db, args.url)} event(s) of {args.sender_id}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
