"""The medical-advice boundary and the other-cancer scope check."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from mbc.boundary import is_other_cancer, is_personal_decision

DATA = Path(__file__).resolve().parent.parent / "data"
MIN_RECALL = 0.9


def advice_set() -> dict[str, list[str]]:
    return yaml.safe_load((DATA / "advice_messages.yml").read_text())


def test_personal_decisions_are_recognised() -> None:
    personal = advice_set()["personal"]
    missed = [t for t in personal if not is_personal_decision(t)]
    recall = 1 - len(missed) / len(personal)
    print(f"\npersonal-decision recall {recall:.1%} ({len(personal)} messages); missed: {missed}")
    assert len(personal) >= 50 and recall >= MIN_RECALL


def test_general_questions_that_look_alike_are_not_personal_decisions() -> None:
    general = advice_set()["general"]
    flagged = [t for t in general if is_personal_decision(t)]
    assert len(general) >= 50 and len(flagged) <= 1, flagged


@pytest.mark.parametrize(
    "text",
    [
        "should I stop taking tamoxifen",
        "what dose of letrozole should I take",
        "how long do I have",
        "which treatment is best for me",
        "is my cough cancer",
        "can I skip my chemo this week",
        "how long does my mom have left",
        "cough that wont go away for 3 weeks. is it lung mets?",
        "my back has been aching for 2 weeks, could that be mets?",
        "are these mets?",
    ],
)
def test_issue_examples_are_personal(text: str) -> None:
    assert is_personal_decision(text)


@pytest.mark.parametrize(
    "text",
    [
        "how can I lower my risk of breast cancer",
        "what are the side effects of tamoxifen",
        "what should I ask my oncologist",
        "what does a dose reduction mean",
        "how is stage 4 treated",
        "can they operate on secondaries",
        "is it mets if it's just in the skin on the breast",
        "are bone mets painful",
        "is that the same as brain mets",
    ],
)
def test_general_questions_are_not_personal(text: str) -> None:
    assert not is_personal_decision(text)


@pytest.mark.parametrize(
    "text",
    [
        "what are the symptoms of cervical cancer",
        "how is leukemia treated",
        "is melanoma curable",
        "what causes liver cancer",
    ],
)
def test_other_cancers_are_out_of_scope(text: str) -> None:
    assert is_other_cancer(text)


@pytest.mark.parametrize(
    "text",
    [
        "breast cancer that spread to the liver",
        "is lung cancer the same as breast cancer in the lung",
        "what are lung mets",
        "bone mets pain",
        "what is mbc",
    ],
)
def test_breast_cancer_spread_is_in_scope(text: str) -> None:
    assert not is_other_cancer(text)
