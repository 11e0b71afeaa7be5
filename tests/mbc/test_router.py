"""Choosing an answer from intent + entities (context included)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("intent", "text", "expected_entity"),
    [
        ("ask_symptoms", "what are the symptoms of bone mets", ("site", "bone")),
        ("ask_symptoms", "signs that it spread to the liver", ("site", "liver")),
        ("ask_symptoms", "lung mets symptoms", ("site", "lung")),
        ("ask_symptoms", "brain mets symptoms", ("site", "brain")),
        ("ask_diagnosis", "what is a bone scan", ("test", "bone_scan")),
        ("ask_definition", "what is tamoxifen", ("drug", "tamoxifen")),
        ("ask_treatment", "how does herceptin work", ("drug", "trastuzumab")),
        ("ask_definition", "what does NED mean", ("term", "ned")),
    ],
)
def test_specific_answer_for_intent_and_entity(kb, intent: str, text: str, expected_entity: tuple[str, str]) -> None:
    answers = kb.answer_for(intent, text)
    assert answers, text
    etype, value = expected_entity
    assert value in answers[0].entities.get(etype, ()), (text, answers[0].id)


@pytest.mark.parametrize(
    "intent",
    ["ask_what_is_mbc", "ask_spread", "ask_symptoms", "ask_diagnosis", "ask_treatment",
     "ask_side_effects", "ask_statistics", "ask_support", "ask_risk_reduction",
     "personal_advice", "express_emotion"],
)
def test_general_answer_when_no_subject(kb, intent: str) -> None:
    answers = kb.answer_for(intent, "tell me more")
    assert len(answers) == 1 and answers[0].is_general and intent in answers[0].intents


def test_remembered_subject_is_used(kb) -> None:
    answers = kb.answer_for("ask_symptoms", "and the lungs?", {"site": {"lung"}})
    assert answers[0].entities.get("site") == ("lung",)


def test_two_sites_give_two_answers(kb) -> None:
    answers = kb.answer_for("ask_symptoms", "symptoms of bone and liver mets")
    assert {a.entities.get("site", ("",))[0] for a in answers} == {"bone", "liver"}


def test_unknown_intent_gives_nothing(kb) -> None:
    assert kb.answer_for("order_pizza", "pizza") == []
