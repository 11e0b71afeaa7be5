"""SMS helpers and channel state (no Rasa)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import sqlalchemy as sa

from channels.sms import is_gsm, keyword, next_page, number_reply, segments, to_gsm
from channels.state import ChannelState, optout, pending
from mbc.privacy import conversation_key


def test_segments() -> None:
    assert segments("a" * 160) == 1 and segments("a" * 161) == 2 and segments("a" * 459) == 3
    assert segments("a" * 460) == 4
    assert segments("[" * 80) == 1 and segments("[" * 81) == 2  # extension characters count twice
    assert segments("\u2014" * 70) == 1 and segments("\u2014" * 71) == 2  # UCS-2


def test_to_gsm() -> None:
    text = to_gsm("It\u2019s \u201cfine\u201d \u2014 really\u2026")
    assert text == 'It\'s "fine" - really...' and is_gsm(text)
    assert is_gsm(to_gsm("caf\u00e9 \u00fc"))


@pytest.mark.parametrize(
    ("text", "kw"),
    [
        ("STOP", "stop"),
        (" stop. ", "stop"),
        ("Unsubscribe", "stop"),
        ("stop all", "stop"),
        ("quit", "stop"),
        ("START", "start"),
        ("unstop", "start"),
        ("yes", "yes"),
        ("HELP", "help"),
        ("info", "help"),
        ("More", "more"),
        ("MORE!", "more"),
        ("please stop the chemo?", None),
        ("help me understand bone mets", None),
        ("", None),
        (None, None),
    ],
)
def test_keywords(text: str | None, kw: str | None) -> None:
    assert keyword(text) == kw


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("2", 2),
        (" 3. ", 3),
        ("#1", 1),
        ("4)", 4),
        ("12", 12),
        ("2 please", None),
        ("two", None),
        ("123", None),
        ("", None),
    ],
)
def test_number_reply(text: str, n: int | None) -> None:
    assert number_reply(text) == n


def test_next_page() -> None:
    assert next_page(["a", "b", "c"], "MORE?") == ("a\nMORE?", ["b", "c"])
    assert next_page(["c"], "MORE?") == ("c", [])
    assert next_page([], "MORE?") == (None, [])


def test_state_survives_a_new_process(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'state.db'}"
    key = conversation_key("twilio", "+15551234567")
    first = ChannelState.from_url(url)
    first.set_opted_out("twilio", key, True)
    first.set_pending_pages("twilio", key, ["page 2", "page 3"])
    again = ChannelState.from_url(url)  # as after a restart
    assert again.is_opted_out("twilio", key)
    assert not again.is_opted_out("whatsapp", key)
    assert again.pending_pages("twilio", key) == ["page 2", "page 3"]
    again.set_opted_out("twilio", key, False)
    again.set_pending_pages("twilio", key, [])
    assert not first.is_opted_out("twilio", key) and first.pending_pages("twilio", key) == []


def test_opt_outs_stored_under_a_phone_number_are_rekeyed_not_lost(tmp_path: Path) -> None:
    """Rows written before conversation keys: the opt-out survives under the number's key,
    the number itself is gone; a raw-keyed waiting page is dropped."""
    url = f"sqlite:///{tmp_path / 'state.db'}"
    old = ChannelState.from_url(url)
    with old.engine.begin() as conn:  # as the previous version wrote them
        conn.execute(
            optout.insert().values(channel="twilio", sender="+15551234567", opted_out_at=dt.datetime(2025, 1, 2))
        )
        conn.execute(
            pending.insert().values(
                channel="twilio",
                sender="+15551234567",
                pages='["p2"]',
                updated_at=dt.datetime.now(dt.timezone.utc).replace(tzinfo=None),
            )
        )
    new = ChannelState.from_url(url)
    key = conversation_key("twilio", "+15551234567")
    assert new.is_opted_out("twilio", key)
    assert new.pending_pages("twilio", key) == []
    with new.engine.connect() as conn:
        senders = [r[0] for r in conn.execute(sa.select(optout.c.sender))] + [
            r[0] for r in conn.execute(sa.select(pending.c.sender))
        ]
        when = conn.execute(sa.select(optout.c.opted_out_at)).scalar_one()
    assert senders == [key] and when == dt.datetime(2025, 1, 2)


def test_a_message_id_is_handled_once_within_the_window(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import channels.state as state_module

    url = f"sqlite:///{tmp_path / 'state.db'}"
    state = ChannelState.from_url(url)
    assert state.first_delivery("twilio", "SM1") is True
    assert state.first_delivery("twilio", "SM1") is False
    assert ChannelState.from_url(url).first_delivery("twilio", "SM1") is False  # another replica / a restart
    assert state.first_delivery("whatsapp", "SM1") is True  # per channel
    later = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None) + state_module.SEEN_TTL + dt.timedelta(minutes=1)
    monkeypatch.setattr(state_module, "_now", lambda: later)
    assert state.prune_seen() == 2
    assert state.first_delivery("twilio", "SM1") is True  # after the window it is new again
