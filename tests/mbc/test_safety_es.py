"""Spanish red-flag detector (issue 12): every urgent message caught with the right kind,
ordinary questions left alone (<= 2 % false alarms).

The sets are regression sets, not blind ones: after the first messages, seven more rounds
of new phrasings were written, run, fixed and added here. The last four rounds were measured
*before* the detector was changed for them; recall on them was 37/45, 24/33, 20/30 and 33/40
(false alarms 1/50, 1/30, 0/30, 0/40). A rule layer misses
phrasings nobody wrote down yet, mostly suicidal thoughts in new words; the NLU ``urgent``
act is the second, independent trigger (mbc/respond.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from mbc.safety import LEVELS, RedFlag
from mbc.safety_es import detect_all_es, detect_es, normalize_es

DATA = Path(__file__).resolve().parent.parent / "data"
MAX_FALSE_ALARM_RATE = 0.02


def urgent_set() -> list[dict]:
    return yaml.safe_load((DATA / "es_urgent_messages.yml").read_text(encoding="utf-8"))["urgent"]


def ordinary_set() -> list[dict]:
    return yaml.safe_load((DATA / "es_ordinary_messages.yml").read_text(encoding="utf-8"))["ordinary"]


def test_sets_are_large_enough_and_cover_every_kind() -> None:
    urgent, ordinary = urgent_set(), ordinary_set()
    assert len(urgent) >= 80 and len(ordinary) >= 220
    assert {m["kind"] for m in urgent} == set(LEVELS)
    texts = [m["text"] for m in urgent + ordinary]
    assert len(texts) == len(set(texts)), "duplicate messages"


def test_recall_on_urgent_messages_with_the_right_kind() -> None:
    urgent = urgent_set()
    missed, wrong = [], []
    for m in urgent:
        flags = detect_all_es(m["text"], chemo_context=bool(m.get("chemo_context")))
        if not flags:
            missed.append(m["text"])
        elif m["kind"] not in {f.kind for f in flags}:
            wrong.append((m["text"], m["kind"], [f.kind for f in flags]))
    right = len(urgent) - len(missed) - len(wrong)
    print(f"\nSpanish red flags, recall: {right}/{len(urgent)} = {right / len(urgent):.1%} (kind right)")
    assert missed == [] and wrong == []


def test_false_alarm_rate_on_ordinary_questions() -> None:
    ordinary = [m for m in ordinary_set() if not m.get("borderline")]
    alarms = [(m["text"], [f.kind for f in detect_all_es(m["text"])]) for m in ordinary if detect_all_es(m["text"])]
    rate = len(alarms) / len(ordinary)
    print(f"\nSpanish red flags, false alarms: {len(alarms)}/{len(ordinary)} = {rate:.1%}")
    assert rate <= MAX_FALSE_ALARM_RATE, alarms


@pytest.mark.parametrize(
    "text",
    [
        "¿las metástasis en el pulmón causan falta de aire?",
        "¿la quimio da fiebre?",
        "tuve una convulsión hace dos años",
        "mi mamá no tiene fiebre",
        "¿el cáncer de mama metastásico se puede curar?",
        "no me quiero morir",
        "el cáncer no responde al tratamiento",
        "",
        "   ",
    ],
)
def test_general_past_negated_and_empty_messages_are_not_urgent(text: str) -> None:
    assert detect_es(text) is None


@pytest.mark.parametrize(
    ("text", "kind", "level"),
    [
        ("mi mamá no puede respirar", "breathing", "emergency"),
        ("MI MAMA NO PUEDE RESPIRAR", "breathing", "emergency"),
        ("convulsiones", "seizure", "emergency"),
        ("fiebre con la quimio", "fever_chemo", "care_team"),
        ("me quiero morir", "suicide", "crisis"),
        ("ya no quiero vivir", "suicide", "crisis"),
        ("dolor de espalda y las piernas dormidas", "spinal_cord", "emergency"),
        ("esta confundida y vomita mucho", "calcium", "emergency"),
    ],
)
def test_kinds_and_levels_match_the_english_layer(text: str, kind: str, level: str) -> None:
    flags = detect_all_es(text)
    assert kind in {f.kind for f in flags}
    assert all(isinstance(f, RedFlag) and f.level == LEVELS[f.kind] for f in flags)
    assert detect_es(text) is not None and {f.level for f in flags} >= {level}


def test_chemo_context_makes_a_fever_alone_count() -> None:
    assert detect_es("tiene fiebre") is None
    flag = detect_es("tiene fiebre", chemo_context=True)
    assert flag is not None and flag.kind == "fever_chemo" and flag.level == "care_team"


def test_suicidal_thoughts_come_first() -> None:
    flag = detect_es("no puedo respirar de la angustia y me quiero morir")
    assert flag is not None and flag.level == "crisis"


def test_accents_typos_and_case_are_normalised() -> None:
    assert normalize_es("¿Mi MAMÁ está así?") == " mi mama esta asi?"
    assert normalize_es("cáncer de mama") == "cancer de seno"
    for text in ("convulcion", "CONVULSIÓN", "no puede respira", "fiebre con la kimio", "ayudaaaa no respira"):
        assert detect_all_es(text), text
