"""The saved spaCy pipeline, loaded fresh from disk, still finds our entities."""

from __future__ import annotations

from pathlib import Path

import spacy

from mbc import paths
from mbc.nlp import build, content_lemmas, entities
from mbc.terms import Vocabulary


def test_saved_pipeline_finds_entities_after_loading(tmp_path: Path) -> None:
    out = build(Vocabulary.load(paths.knowledge_dir() / "terms.yml"), tmp_path / "nlp")
    assert (out / "meta.json").exists()
    nlp = spacy.load(out)  # a fresh load, as Rasa's SpacyNLP does
    doc = nlp("My wife has HER2+ stage IV with bone mets and takes Herceptin")
    found = entities(doc)
    assert found["site"] == {"bone"}
    assert found["drug"] == {"trastuzumab"}
    assert found["subtype"] == {"her2_positive"}
    assert "stage_iv" in found["term"]


def test_patterns_added_before_initialize_are_lost() -> None:
    """Why build() adds patterns after initialize(): the other order silently drops them."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "drug", "pattern": "tamoxifen", "id": "tamoxifen"}])
    nlp.initialize()
    assert entities(nlp("tamoxifen")) == {}


def test_brand_names_and_abbreviations_map_to_canonical_values(kb) -> None:
    cases = {
        "Ibrance": ("drug", "palbociclib"),
        "nolvadex": ("drug", "tamoxifen"),
        "TNBC": ("subtype", "triple_negative"),
        "ER+": ("subtype", "hr_positive"),
        "liver mets": ("site", "liver"),
        "PET scan": ("test", "pet_scan"),
    }
    for text, (etype, value) in cases.items():
        assert value in kb.analyse(f"tell me about {text}").entities.get(etype, frozenset()), text


def test_lemmas_ignore_case_and_stop_words(kb) -> None:
    doc = kb.nlp("What are the Symptoms of SPREADING?")
    from mbc.nlp import lemma_table

    assert content_lemmas(doc, lemma_table(kb.nlp)) == ["symptom", "spread"]
