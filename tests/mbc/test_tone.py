"""Feelings are noticed so the bot can acknowledge them."""

from __future__ import annotations

import pytest

from mbc.tone import expresses_feelings


@pytest.mark.parametrize(
    "text",
    [
        "I'm so scared",
        "i feel so alone with this",
        "my wife just got diagnosed and I'm devastated",
        "why me",
        "crying in the car 😭",
        "I'm overwhelmed, what does NED mean",
    ],
)
def test_feelings_are_noticed(text: str) -> None:
    assert expresses_feelings(text)


@pytest.mark.parametrize("text", ["what does NED mean", "side effects of tamoxifen", "is lymphedema common", ""])
def test_plain_questions_are_not(text: str) -> None:
    assert not expresses_feelings(text)
