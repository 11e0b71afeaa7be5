"""Red-flag detector: every urgent message caught, ordinary questions left alone."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from mbc.safety import LEVELS, detect, detect_all

DATA = Path(__file__).resolve().parent.parent / "data"
MAX_FALSE_ALARM_RATE = 0.02


def urgent_set() -> list[dict]:
    return yaml.safe_load((DATA / "urgent_messages.yml").read_text())["urgent"]


def ordinary_set() -> list[dict]:
    return yaml.safe_load((DATA / "ordinary_messages.yml").read_text())["ordinary"]


def heldout_urgent() -> list[str]:
    blocks = yaml.safe_load((DATA / "nlu_heldout.yml").read_text())["nlu"]
    return [
        line.strip()[2:]
        for b in blocks
        if b["intent"] == "urgent"
        for line in b["examples"].splitlines()
        if line.strip().startswith("- ")
    ]


def test_sets_are_large_enough() -> None:
    assert len(urgent_set()) >= 60 and len(ordinary_set()) >= 200


def test_every_urgent_message_is_detected() -> None:
    missed = [m["text"] for m in urgent_set() + [{"text": t} for t in heldout_urgent()] if not detect_all(m["text"])]
    assert missed == []


def test_urgent_messages_get_the_right_kind_of_guidance() -> None:
    wrong = []
    for m in urgent_set():
        levels = {f.level for f in detect_all(m["text"])}
        if m["kind"] == "suicide" and "crisis" not in levels:
            wrong.append(m["text"])
        if m["kind"] == "fever_chemo" and not levels & {"care_team", "emergency"}:
            wrong.append(m["text"])
    assert wrong == []


def test_false_alarm_rate_on_ordinary_questions() -> None:
    ordinary = [m for m in ordinary_set() if not m.get("borderline")]
    alarms = [m["text"] for m in ordinary if detect_all(m["text"])]
    rate = len(alarms) / len(ordinary)
    print(f"\nred-flag false alarms: {len(alarms)}/{len(ordinary)} = {rate:.1%}")
    assert rate <= MAX_FALSE_ALARM_RATE, alarms


@pytest.mark.parametrize(
    "text",
    [
        "what are the symptoms of brain mets?",
        "can lung mets cause shortness of breath?",
        "what is spinal cord compression",
        "does chemo kill healthy cells",
        "I had a seizure in 2019, what tests check for brain mets",
        "she has no fever and feels fine after chemo",
        "",
        "   ",
    ],
)
def test_general_past_negated_and_empty_messages_are_not_urgent(text: str) -> None:
    assert detect(text) is None


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("I CANT BREATHE", "emergency"),
        ("my wife is fitting and wont wake up", "emergency"),
        ("back pain and my legs are numb and weak", "emergency"),
        ("on chemo and temp is 38.4", "care_team"),
        ("i want to end it all", "crisis"),
        ("what are chemo side effects? also I've had a fever of 39 since last night, on chemo", "care_team"),
    ],
)
def test_levels(text: str, level: str) -> None:
    flag = detect(text)
    assert flag is not None and flag.level == level


def test_every_kind_has_a_level() -> None:
    assert set(LEVELS.values()) == {"emergency", "crisis", "care_team"}
