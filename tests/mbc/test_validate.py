"""The validator catches what would make an answer untrustworthy."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from mbc import paths
from mbc.loader import load_corpus
from mbc.terms import Vocabulary
from mbc.validate import validate


@pytest.fixture()
def store(tmp_path: Path) -> Path:
    """A copy of the real store that a test can break."""
    shutil.copytree(paths.knowledge_dir(), tmp_path / "k")
    return tmp_path / "k"


def problems(store: Path) -> list[str]:
    return validate(load_corpus(store), Vocabulary.load(store / "terms.yml"))


def edit_first_answer(store: Path, change) -> str:
    path = sorted((store / "answers").glob("*.yml"))[0]
    data = yaml.safe_load(path.read_text())
    change(data["answers"])
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return data["answers"][0]["id"]


def test_the_real_store_is_valid() -> None:
    assert problems(paths.knowledge_dir()) == []


def test_answer_without_citation_fails(store: Path) -> None:
    aid = edit_first_answer(store, lambda a: a[0].update(citations=[]))
    assert any(aid in p and "no citation" in p for p in problems(store))


def test_citation_to_unknown_source_fails(store: Path) -> None:
    aid = edit_first_answer(store, lambda a: a[0]["citations"].append({"source": "wikipedia", "section": "x"}))
    assert any(aid in p and "unknown source 'wikipedia'" in p for p in problems(store))


def test_duplicate_id_fails(store: Path) -> None:
    def dup(answers: list) -> None:
        answers.append(dict(answers[0], entities={"site": ["bone"]}))

    aid = edit_first_answer(store, dup)
    assert any(f"duplicate answer id '{aid}'" in p for p in problems(store))


def test_intent_without_answer_fails(store: Path) -> None:
    for path in (store / "answers").glob("*.yml"):
        data = yaml.safe_load(path.read_text())
        for a in data["answers"]:
            a["intents"] = [i for i in a["intents"] if i != "ask_risk_reduction"] or ["ask_definition"]
        path.write_text(yaml.safe_dump(data, sort_keys=False))
    assert "intent 'ask_risk_reduction' has no answer" in problems(store)


def test_topic_without_answer_fails(store: Path) -> None:
    (store / "answers" / "risk.yml").unlink()
    assert "topic 'risk' has no answer" in problems(store)


def test_unknown_entity_value_fails(store: Path) -> None:
    aid = edit_first_answer(store, lambda a: a[0].update(entities={"site": ["elbow"]}))
    assert any(aid in p and "site='elbow'" in p for p in problems(store))


def test_broken_yaml_is_reported_not_raised(store: Path) -> None:
    (store / "answers" / "broken.yml").write_text("answers: [unclosed\n")
    assert any("broken.yml: not valid YAML" in p for p in problems(store))


def test_relations_naming_unknown_drug_or_therapy_fail() -> None:
    from mbc.validate import validate_relations

    vocab = Vocabulary.load(paths.knowledge_dir() / "terms.yml")
    errors = validate_relations({"aspirin": ("hormone_therapy",), "tamoxifen": ("magic",)}, vocab)
    assert "relations.yml: unknown drug 'aspirin'" in errors
    assert "relations.yml: tamoxifen: unknown therapy 'magic'" in errors
