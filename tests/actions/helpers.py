"""Run an action the way the action server does: a real Tracker, a real dispatcher."""

from __future__ import annotations

import asyncio
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

SLOTS = ("site", "therapy", "drug", "test", "last_answer", "offered", "pending")


def tracker(
    text: str, intent: str, confidence: float = 0.9, entities: list[dict] | None = None, **slots: Any
) -> Tracker:
    """A fresh tracker whose latest message is ``text`` classified as ``intent``."""
    return Tracker(
        sender_id="test-user",
        slots={name: slots.get(name) for name in SLOTS},
        latest_message={"text": text, "intent": {"name": intent, "confidence": confidence}, "entities": entities or []},
        events=[],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


def run(action: Action, t: Tracker, domain: dict | None = None) -> tuple[list[dict], list[dict]]:
    """(messages sent, events returned)."""
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, t, domain or {}))
    return dispatcher.messages, events


def slot_events(events: list[dict]) -> dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
