"""Redaction, retention and forgetting, on a real SQLite database with Rasa's schema."""

from __future__ import annotations

import re
import sqlite3
import stat
import subprocess
import time
from pathlib import Path

import pytest
import yaml

from mbc import privacy
from mbc.privacy import (
    CHANNELS,
    KEY_SECRET_ENV,
    RETENTION_DAYS,
    conversation_key,
    forget,
    is_conversation_key,
    key_secret,
    purge,
    purge_unkeyed,
    redact,
    redact_any,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("call me on 555-123-4567 please", "call me on [phone removed] please"),
        ("my number is +44 7700 900123", "my number is [phone removed]"),
        ("email jane.doe@example.org thanks", "email [email removed] thanks"),
        ("(888) 753-5222", "[phone removed]"),
    ],
)
def test_contact_details_are_redacted(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text", ["temp 38.5 on chemo", "stage 4 since 2019", "20% to 30%", "HER2+ and ER+", "6 months", "100.4F"]
)
def test_medical_numbers_are_kept(text: str) -> None:
    assert redact(text) == text


def test_nested_payloads_are_redacted() -> None:
    assert redact_any({"a": ["x@y.com", {"b": "ring 0161 496 0000"}], "n": 3}) == {
        "a": ["[email removed]", {"b": "ring [phone removed]"}],
        "n": 3,
    }


def make_db(path: Path, rows: list[tuple[str, float]]) -> None:
    con = sqlite3.connect(path)
    con.execute(
        "CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id TEXT, type_name TEXT, timestamp REAL,"
        " intent_name TEXT, action_name TEXT, data TEXT)"
    )
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
    make_db(
        db,
        [
            ("old", now - 40 * 86400),
            ("old", now - 35 * 86400),
            ("mixed", now - 40 * 86400),
            ("mixed", now - 1 * 86400),
            ("new", now - 60),
        ],
    )
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


# --- conversation keys -------------------------------------------------------------------

SECRET = b"k" * 64


def test_conversation_keys_are_namespaced_pseudonymous_and_stable() -> None:
    key = conversation_key("twilio", "+15551234567", SECRET)
    assert key == conversation_key("twilio", "+15551234567", SECRET)
    assert re.fullmatch(r"twilio:[0-9a-f]{32}", key) and "5551234567" not in key
    assert is_conversation_key(key)
    others = {conversation_key(ch, "+15551234567", SECRET) for ch in CHANNELS}
    assert len(others) == len(CHANNELS)  # the same id on each channel: unrelated keys
    assert conversation_key("twilio", "+15551234567", b"x" * 64) != key  # depends on the secret
    assert not is_conversation_key("+15551234567") and not is_conversation_key("test-abc")
    assert not is_conversation_key("other:" + "0" * 32)
    with pytest.raises(ValueError):
        conversation_key("pigeon", "1", SECRET)


def test_secret_is_created_once_with_mode_0600_and_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(KEY_SECRET_ENV, raising=False)
    path = tmp_path / "var" / "key_secret"
    secret = key_secret(path)
    assert len(secret) >= 64 and path.exists()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    privacy._SECRETS.clear()  # as a new process
    assert key_secret(path) == secret
    assert list(path.parent.iterdir()) == [path]  # no temporary files left


def test_secret_from_the_environment_wins_and_must_be_long(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(KEY_SECRET_ENV, "e" * 40)
    path = tmp_path / "key_secret"
    assert key_secret(path) == b"e" * 40 and not path.exists()
    monkeypatch.setenv(KEY_SECRET_ENV, "short")
    with pytest.raises(ValueError, match=KEY_SECRET_ENV):
        key_secret(path)


def test_the_secret_file_is_not_in_the_repository() -> None:
    tracked = subprocess.run(["git", "ls-files", "var"], cwd=ROOT, capture_output=True, text=True).stdout
    assert tracked == ""
    ignored = subprocess.run(["git", "check-ignore", "-q", "var/key_secret"], cwd=ROOT)
    assert ignored.returncode == 0


def test_forget_by_channel_and_platform_id_and_purge_unkeyed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(KEY_SECRET_ENV, "s" * 40)
    db = tmp_path / "t.db"
    sms = conversation_key("twilio", "+15551234567")
    make_db(db, [(sms, 1.0), (conversation_key("rest", "+15551234567"), 2.0), ("+15559876543", 3.0), ("web-old", 4.0)])
    assert privacy.main(["forget", "--channel", "twilio", "+15551234567", "--db", str(db)]) == 0
    assert sms not in senders(db) and len(senders(db)) == 3
    assert purge_unkeyed(db=str(db)) == 2  # stored under raw ids before keys were namespaced
    assert senders(db) == {conversation_key("rest", "+15551234567")}
