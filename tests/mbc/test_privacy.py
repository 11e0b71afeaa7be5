"""Redaction, retention and forgetting, on a real SQLite database with Rasa's schema."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest
import yaml

from mbc.privacy import RETENTION_DAYS, forget, purge, redact, redact_any

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("text", "expected"), [
    ("call me on 555-123-4567 please", "call me on [phone removed] please"),
    ("my number is +44 7700 900123", "my number is [phone removed]"),
    ("email jane.doe@example.org thanks", "email [email removed] thanks"),
    ("(888) 753-5222", "[phone removed]"),
])
def test_contact_details_are_redacted(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize("text", ["temp 38.5 on chemo", "stage 4 since 2019", "20% to 30%", "HER2+ and ER+", "6 months", "100.4F"])
def test_medical_numbers_are_kept(text: str) -> None:
    assert redact(text) == text


def test_nested_payloads_are_redacted() -> None:
    assert redact_any({"a": ["x@y.com", {"b": "ring 0161 496 0000"}], "n": 3}) == {
        "a": ["[email removed]", {"b": "ring [phone removed]"}], "n": 3}


def make_db(path: Path, rows: list[tuple[str, float]]) -> None:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id TEXT, type_name TEXT, timestamp REAL,"
                " intent_name TEXT, action_name TEXT, data TEXT)")
    con.executemany("INSERT INTO events (sender_id, type_name, timestamp, data) VALUES (?, 'user', ?, '{}')", rows)
    con.commit()
    con.close()


def senders(path: Path) -> set[str]:
    con = sqlite3.connect(path)
    out = {r[0] for r in con.execute("SELECT sender_id FROM events")}
    con.close()
    return out


def test_purge_deletes_only_conversations_older_than_the_retention(tmp_path: Path) -> None:
    now = time.time()
    db = tmp_path / "t.db"
    make_db(db, [("old", now - 40 * 86400), ("old", now - 35 * 86400), ("mixed", now - 40 * 86400),
                 ("mixed", now - 1 * 86400), ("new", now - 60)])
    assert purge(30, db=str(db), now=now) == 1
    assert senders(db) == {"mixed", "new"}


def test_forget_deletes_one_conversation(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    make_db(db, [("a", 1.0), ("a", 2.0), ("b", 3.0)])
    assert forget("a", db=str(db)) == 2
    assert senders(db) == {"b"}


def test_first_reply_states_the_retention_period() -> None:
    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    text = domain["responses"]["utter_disclaimer"][0]["text"]
    assert f"kept for {RETENTION_DAYS} days" in text and "forget me" in text
