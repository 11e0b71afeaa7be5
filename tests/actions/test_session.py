"""The first message of a conversation carries the not-medical-advice note."""

from __future__ import annotations

from actions.session import ActionSessionStart

from .helpers import run, tracker


def test_session_start_sends_disclaimer_and_starts_session() -> None:
    messages, events = run(ActionSessionStart(), tracker("", "session_start"))
    assert [m["response"] for m in messages] == ["utter_disclaimer"]
    assert [e["event"] for e in events] == ["session_started", "action"]
