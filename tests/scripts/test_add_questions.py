"""scripts/add_questions.py: new bank questions land at the end of the right bank, the
rest of the file is kept line for line, and a question the bank has is skipped."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


def _script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("add_questions", ROOT / "scripts" / "add_questions.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _answer(path: Path, answer_id: str) -> dict:  # type: ignore[type-arg]
    return next(a for a in yaml.safe_load(path.read_text(encoding="utf-8"))["answers"] if a["id"] == answer_id)


@pytest.fixture()
def about(tmp_path: Path) -> Path:
    path = tmp_path / "about.yml"
    shutil.copy(ROOT / "data" / "knowledge" / "answers" / "about.yml", path)
    return path


def test_english_questions_are_appended_and_duplicates_skipped(about: Path) -> None:
    before_text = about.read_text(encoding="utf-8")
    before = _answer(about, "about-what-is-mbc")
    existing = before["questions"][0]
    added = _script().merge(about, "en", {"about-what-is-mbc": ["a brand new way to ask", existing.upper(), "  "]})
    assert added == {"about-what-is-mbc": 1}
    after = _answer(about, "about-what-is-mbc")
    assert after["questions"] == [*before["questions"], "a brand new way to ask"]
    assert after["es"] == before["es"] and after["short"] == before["short"]
    new_lines = about.read_text(encoding="utf-8").splitlines()
    assert [line for line in new_lines if line not in before_text.splitlines()] == ['      - "a brand new way to ask"']


def test_spanish_questions_go_into_the_es_block(about: Path) -> None:
    before = _answer(about, "about-not-curable")
    _script().merge(about, "es", {"about-not-curable": ["¿se cura o no?"]})
    after = _answer(about, "about-not-curable")
    assert after["es"]["questions"] == [*before["es"]["questions"], "¿se cura o no?"]
    assert after["es"]["status"] == before["es"]["status"]
    assert after["questions"] == before["questions"]


def test_other_answers_are_untouched(about: Path) -> None:
    before = yaml.safe_load(about.read_text(encoding="utf-8"))["answers"]
    _script().merge(about, "en", {"about-not-curable": ["is it curable for real"]})
    after = yaml.safe_load(about.read_text(encoding="utf-8"))["answers"]
    assert [a for a in after if a["id"] != "about-not-curable"] == [a for a in before if a["id"] != "about-not-curable"]
