"""Urgent guidance. Runs for the ``urgent`` intent, and action_answer calls it first
whenever the red-flag detector fires, so an emergency never waits behind an FAQ."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from mbc.safety import RedFlag, detect_all

RESPONSE_BY_LEVEL = {
    "crisis": "utter_urgent_crisis",
    "emergency": "utter_urgent_emergency",
    "care_team": "utter_urgent_care_team",
}
LEVEL_ORDER = ("crisis", "emergency", "care_team")


def urgent_responses(flags: list[RedFlag]) -> list[str]:
    """Responses for the flags found, most pressing first; the general one if none."""
    levels = {f.level for f in flags}
    chosen = [RESPONSE_BY_LEVEL[lv] for lv in LEVEL_ORDER if lv in levels]
    return chosen or ["utter_urgent_general"]


def send_urgent(dispatcher: CollectingDispatcher, text: str) -> list[str]:
    responses = urgent_responses(detect_all(text))
    for name in responses:
        dispatcher.utter_message(response=name)
    return responses


class ActionUrgent(Action):
    def name(self) -> str:
        return "action_urgent"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        send_urgent(dispatcher, tracker.latest_message.get("text") or "")
        return []
