"""SMS helpers and channel state (no Rasa)."""

from __future__ import annotations

from pathlib import Path

import pytest

from channels.sms import is_gsm, keyword, next_page, number_reply, segments, to_gsm
from channels.state import ChannelState


def test_segments() -> None:
    assert segments("a" * 160) == 1 and segments("a" * 161) == 2 and segments("a" * 459) == 3
    assert segments("a" * 460) == 4
    assert segments("[" * 80) == 1 and segments("[" * 81) == 2  # extension characters count twice
    assert segments("\u2014" * 70) == 1 and segments("\u2014" * 71) == 2  # UCS-2


def test_to_gsm() -> None:
    text = to_gsm("It\u2019s \u201cfine\u201d \u2014 really\u2026")
    assert text == "It's \"fine\" - really..." and is_gsm(text)
    assert is_gsm(to_gsm("caf\u00e9 \u00fc"))


@pytest.mark.parametrize(("text", "kw"), [
    ("STOP", "stop"), (" stop. ", "stop"), ("Unsubscribe", "stop"), ("stop all", "stop"), ("quit", "stop"),
    ("START", "start"), ("unstop", "start"), ("yes", "yes"), ("HELP", "help"), ("info", "help"),
    ("More", "more"), ("MORE!", "more"),
    ("please stop the chemo?", None), ("help me understand bone mets", None), ("", None), (None, None),
])
def test_keywords(text: str | None, kw: str | None) -> None:
    assert keyword(text) == kw


@pytest.mark.parametrize(("text", "n"), [("2", 2), (" 3. ", 3), ("#1", 1), ("4)", 4), ("12", 12),
                                          ("2 please", None), ("two", None), ("123", None), ("", None)])
def test_number_reply(text: str, n: int | None) -> None:
    assert number_reply(text) == n


def test_next_page() -> None:
    assert next_page(["a", "b", "c"], "MORE?") == ("a\nMORE?", ["b", "c"])
    assert next_page(["c"], "MORE?") == ("c", [])
    assert next_page([], "MORE?") == (None, [])


def test_state_survives_a_new_process(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'state.db'}"
    first = ChannelState.from_url(url)
    first.set_opted_out("twilio", "+15551234567", True)
    first.set_pending_pages("twilio", "+15551234567", ["page 2", "page 3"])
    again = ChannelState.from_url(url)  # as after a restart
    assert again.is_opted_out("twilio", "+15551234567")
    assert not again.is_opted_out("whatsapp", "+15551234567")
    assert again.pending_pages("twilio", "+15551234567") == ["page 2", "page 3"]
    again.set_opted_out("twilio", "+15551234567", False)
    again.set_pending_pages("twilio", "+15551234567", [])
    assert not first.is_opted_out("twilio", "+15551234567") and first.pending_pages("twilio", "+15551234567") == []
