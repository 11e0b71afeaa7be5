"""Content rules a clinical reviewer asked for (issue 11), held by tests where a rule can."""

from __future__ import annotations

import re

import yaml

from mbc import paths
from mbc.loader import load_corpus
from mbc.respond import Context, respond

GET_HELP = {
    "symptoms-bone": "utter_get_help_spinal_cord",
    "side-effects-chemotherapy": "utter_get_help_fever_chemo",
    "symptoms-brain": "utter_get_help_seizure",
    "symptoms-lung": "utter_get_help_breathing",
    "spread-lung": "utter_get_help_breathing",
    "symptoms-overview": "utter_get_help_breathing",
    "support-mental-health": "utter_get_help_crisis",
    "support-feelings": "utter_get_help_crisis",
}


def answers() -> dict:  # type: ignore[type-arg]
    return {a.id: a for a in load_corpus(paths.knowledge_dir()).answers}


def domain_text(name: str) -> str:
    domain = yaml.safe_load((paths.ROOT / "domain.yml").read_text(encoding="utf-8"))
    return str(domain["responses"][name][0]["text"])


def test_symptom_answers_carry_the_get_help_line_of_the_red_flag_layer(kb) -> None:
    store = answers()
    for answer_id, response in GET_HELP.items():
        assert response in store[answer_id].get_help, answer_id
    assert "911" in domain_text("utter_get_help_spinal_cord") and "988" in domain_text("utter_get_help_crisis")
    assert "urgent" in domain_text("utter_get_help_fever_chemo")
    reply = respond("what are the symptoms of bone mets?", Context(), kb)
    assert reply.answer_ids[0] == "symptoms-bone" and "utter_get_help_spinal_cord" in reply.responses


def test_lbbc_reviewers_are_two_named_people() -> None:
    raw = yaml.safe_load((paths.knowledge_dir() / "sources.yml").read_text(encoding="utf-8"))
    lbbc = next(s for s in raw["sources"] if s["id"] == "lbbc")
    assert lbbc["reviewers"] == ["Zanetta Lamar, MD", "Nancy U. Lin, MD"]


def test_no_claim_that_lbbc_does_not_discuss_what_its_lost_lists_held() -> None:
    bad = re.compile(r"\bLBBC (?:does ?n[o']t|doesn't|does not) (?:discuss|mention|cover)", re.I)
    for a in answers().values():
        assert not bad.search(" ".join((a.short, a.detail, a.caveat, a.simple))), a.id


def test_the_helpline_is_described_as_peer_matching() -> None:
    overclaim = re.compile(r"helpline[^.]{0,60}\bcan help (?:you )?(?:with|find|choose|decide)", re.I)
    for a in answers().values():
        assert not overclaim.search(" ".join((a.short, a.detail, a.caveat))), a.id
    for name in ("utter_out_of_scope", "utter_dont_know", "utter_not_covered"):
        assert "trained peer volunteer" in domain_text(name), name
