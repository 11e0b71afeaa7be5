"""Subjects our sources don't cover (mbc/gaps.py, data/knowledge/gaps.yml): the list is
true to the store, and a question about one gets the honest reply, citing nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from mbc import paths
from mbc.gaps import Gaps, errors
from mbc.loader import load_corpus
from mbc.respond import Context, respond


@pytest.fixture(scope="module")
def gaps() -> Gaps:
    return Gaps.load(paths.knowledge_dir() / "gaps.yml")


def test_phrases_match_as_whole_words_in_either_case(gaps: Gaps) -> None:
    assert gaps.found("Is a HOSPICE the same as palliative care?", "en") == ["hospice"]
    assert gaps.found("can she go on a cold cap?", "en") == ["cold cap"]
    assert gaps.found("hospices near me", "en") == ["hospices"]
    assert gaps.found("what is metastatic breast cancer", "en") == []
    assert gaps.found("whospice", "en") == []


def test_spanish_phrases_match_without_accents(gaps: Gaps) -> None:
    assert gaps.found("¿Puede quedar EMBARAZADA?", "es") == ["embarazada"]
    assert gaps.found("la dieta keto y el azúcar", "es") == ["azucar", "dieta keto"]
    assert gaps.found("hospice", "es") == []  # each language has its own list


def test_the_real_list_names_nothing_the_store_covers(gaps: Gaps) -> None:
    assert errors(gaps, load_corpus(paths.knowledge_dir()).answers) == []
    assert len(gaps.phrases["en"]) >= 40 and len(gaps.phrases["es"]) >= 40


def test_a_listed_phrase_an_answer_uses_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "gaps.yml"
    path.write_text("en: [bones, hospice]\nes: [huesos]\n", encoding="utf-8")
    found = errors(Gaps.load(path), load_corpus(paths.knowledge_dir()).answers)
    assert any("en 'bones' is used by answer spread-bone" in e for e in found), found
    assert any("es 'huesos' is used by answer spread-bone" in e for e in found), found
    assert not any("hospice" in e for e in found)


def test_a_missing_file_lists_nothing(tmp_path: Path) -> None:
    assert Gaps.load(tmp_path / "none.yml").found("hospice", "en") == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("what's the difference between palliative care and a hospice", "en"),
        ("can i get pregnant with stage 4", "en"),
        ("does a cold cap work", "en"),
        ("mi mama puede usar peluca durante la quimio?", "es"),
    ],
)
def test_a_question_about_a_gap_is_not_answered_with_a_nearby_answer(kb, text: str, lang: str) -> None:
    reply = respond(text, Context(), kb)
    assert reply.kind == "not_covered" and not reply.cites and reply.answer_ids == [], (reply.kind, reply.answer_ids)
    assert reply.memory.lang == lang


def test_a_covered_question_beside_a_gap_word_is_still_answered(kb) -> None:
    reply = respond("what is palliative care", Context(), kb)
    assert reply.kind == "answer" and reply.answer_ids[0] == "treatment-palliative"
