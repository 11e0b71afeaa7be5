"""The embedded question banks (mbc.matcher.Bank), with the real encoder: a rebuild embeds
only the rows whose text changed, and a reused vector is the vector a fresh build makes."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from mbc.embed_multi import MODEL_SHA256, encode
from mbc.matcher import Bank


class Counting:
    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, texts: list[str]) -> np.ndarray:
        self.seen += texts
        return encode(texts)


@pytest.fixture(scope="module")
def answers(kb):  # type: ignore[no-untyped-def]
    return [kb.answers["spread-bone"], kb.answers["about-not-curable"]]


def test_a_rebuild_embeds_only_changed_rows_and_gets_the_same_vectors(answers, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = Bank.build(answers, encode, model=MODEL_SHA256)
    first.save(tmp_path / "bank.npz")
    loaded = Bank.load(tmp_path / "bank.npz")
    assert loaded.texts == first.texts and loaded.model == MODEL_SHA256
    assert np.allclose(loaded.vectors, first.vectors)

    edited = [replace(answers[0], questions=(*answers[0].questions, "is bone the commonest place it goes")), answers[1]]
    counting = Counting()
    again = Bank.build(edited, counting, model=MODEL_SHA256, reuse=loaded.vectors_by_text(MODEL_SHA256))
    assert counting.seen == ["is bone the commonest place it goes"]
    fresh = Bank.build(edited, encode, model=MODEL_SHA256)
    assert again.texts == fresh.texts and again.owners == fresh.owners
    assert np.allclose(again.vectors, fresh.vectors, atol=1e-5)


def test_vectors_from_another_model_are_never_reused(answers) -> None:  # type: ignore[no-untyped-def]
    bank = Bank.build(answers, encode, model=MODEL_SHA256)
    assert bank.vectors_by_text("another-model") == {}
    assert Bank.build(answers, encode).vectors_by_text("") == {}


def test_an_old_bank_without_texts_loads_and_offers_nothing(answers, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bank = Bank.build(answers, encode, model=MODEL_SHA256)
    np.savez(tmp_path / "old.npz", vectors=bank.vectors, weights=bank.weights, owners=np.array('["x"]'))
    old = Bank.load(tmp_path / "old.npz")
    assert old.texts == [] and old.vectors_by_text(MODEL_SHA256) == {}


def test_each_answer_text_is_embedded_once_as_a_passage_and_reused(answers, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from mbc.embed_multi import encode_passages

    first = Bank.build(answers, encode, model=MODEL_SHA256, encode_passages=encode_passages)
    assert first.passages is not None and first.passages.shape == (2, 384)
    assert first.passage_texts[first.ids.index("spread-bone")].startswith(answers[0].question)
    first.save(tmp_path / "bank.npz")
    loaded = Bank.load(tmp_path / "bank.npz")
    assert loaded.passages is not None and np.allclose(loaded.passages, first.passages)

    counting = Counting()
    again = Bank.build(
        answers, encode, model=MODEL_SHA256, reuse=loaded.vectors_by_text(MODEL_SHA256), encode_passages=counting
    )
    assert counting.seen == []  # nothing changed: no passage embedded again
    assert again.passages is not None and np.allclose(again.passages, first.passages)
    # A passage is read in e5's retrieval mode: not the same vector as the text as a question.
    assert not np.allclose(first.passages[0], encode([first.passage_texts[0]])[0], atol=1e-3)


def test_passage_scores_prefer_the_answer_that_says_it(answers) -> None:  # type: ignore[no-untyped-def]
    from mbc.embed_multi import encode_passages

    bank = Bank.build(answers, encode, encode_passages=encode_passages)
    scores = bank.passage_best(encode(["can it be cured"]))
    assert scores["about-not-curable"] > scores["spread-bone"]
    assert Bank.build(answers, encode).passage_best(encode(["x"])) == {}  # a bank without passages
