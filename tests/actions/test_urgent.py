"""action_urgent picks the guidance that fits the situation."""

from __future__ import annotations

from actions.urgent import ActionUrgent

from .helpers import run, tracker


def responses(text: str) -> list[str]:
    messages, _ = run(ActionUrgent(), tracker(text, "urgent", confidence=1.0))
    return [m["response"] for m in messages]


def test_suicidal_thoughts_get_988() -> None:
    assert responses("I don't want to live anymore") == ["utter_urgent_crisis"]


def test_breathing_trouble_gets_911() -> None:
    assert responses("my wife can't breathe") == ["utter_urgent_emergency"]


def test_fever_during_chemo_gets_the_care_team_line() -> None:
    assert responses("I'm on chemo and have a fever of 38.5") == ["utter_urgent_care_team"]


def test_urgent_intent_without_a_detector_match_still_gets_guidance() -> None:
    assert responses("please help something is very wrong with my mum") == ["utter_urgent_general"]


def test_two_emergencies_get_both_most_pressing_first() -> None:
    assert responses("I want to kill myself and I can't breathe") == ["utter_urgent_crisis", "utter_urgent_emergency"]
