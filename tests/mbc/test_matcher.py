"""The matcher's decision (mbc.matcher.Matcher.decide) on constructed rankings: when the
answer's own text agrees, a "did you mean" becomes an answer; never with an unknown word."""

from __future__ import annotations

from dataclasses import replace

import pytest

from mbc.matcher import Candidate, Matcher, Thresholds


@pytest.fixture(scope="module")
def matcher(kb) -> Matcher:  # type: ignore[no-untyped-def]
    m = kb.matcher
    return Matcher(m.answers, m.index, m.bank, m.encode, m.w, replace(m.t, passage_answer=0.5, passage_lead=0.05))


def ranking(kb, passages: tuple[float, float, float]) -> list[Candidate]:  # type: ignore[no-untyped-def]
    ids = ("spread-bone", "spread-liver", "about-not-curable")
    scores = (0.52, 0.49, 0.30)  # below the answer threshold, a small lead: "did you mean"
    return [Candidate(kb.answers[i], s, s, 0.0, 0.0, p) for i, s, p in zip(ids, scores, passages, strict=True)]


def test_a_near_miss_whose_own_text_leads_is_answered(kb, matcher: Matcher) -> None:  # type: ignore[no-untyped-def]
    decision = matcher.decide(ranking(kb, (0.30, 0.20, 0.10)))
    assert decision.outcome == "answer" and [c.answer.id for c in decision.picks] == ["spread-bone"]


def test_without_that_lead_it_stays_a_did_you_mean(kb, matcher: Matcher) -> None:  # type: ignore[no-untyped-def]
    decision = matcher.decide(ranking(kb, (0.30, 0.28, 0.10)))
    assert decision.outcome == "suggest"
    assert {c.answer.id for c in decision.picks} == {"spread-bone", "spread-liver"}
    other_first = matcher.decide(ranking(kb, (0.20, 0.30, 0.10)))
    assert other_first.outcome == "suggest"


def test_a_word_the_store_never_saw_is_never_answered_on_agreement(kb, matcher: Matcher) -> None:  # type: ignore[no-untyped-def]
    decision = matcher.decide(ranking(kb, (0.30, 0.20, 0.10)), unknown=["enhertu"])
    assert decision.outcome == "not_covered" and decision.picks == ()


def test_the_rule_is_off_by_default(kb) -> None:  # type: ignore[no-untyped-def]
    m = kb.matcher
    plain = Matcher(m.answers, m.index, m.bank, m.encode, m.w, Thresholds())
    assert plain.decide(ranking(kb, (0.30, 0.20, 0.10))).outcome == "suggest"


def test_the_live_matchers_read_the_answers_own_text(kb) -> None:  # type: ignore[no-untyped-def]
    for lang in ("en", "es"):
        m = kb.matcher_for(lang)
        assert m.bank.passages is not None and len(m.bank.passages) == len(m.bank.ids) == len(m.answers)
    q = kb.analyse("which organs does it travel to")
    ranked = kb.matcher.rank(q)
    by_passage = max(ranked, key=lambda c: c.passage)
    assert by_passage.answer.topic == "spread"


def test_spanish_reads_the_english_bank_for_a_share_of_its_score(kb) -> None:  # type: ignore[no-untyped-def]
    es = kb.matcher_for("es")
    assert es.cross is kb.matcher.bank and 0 < es.w.cross_bank < 1
    q = kb.analyse("mi mama tiene metastasis en los huesos, q sintomas puede tener", "es")
    vectors = es.encode(es.texts_for(q))
    own, other = es.bank.best(vectors), kb.matcher.bank.best(vectors)
    got = {c.answer.id: c.semantic for c in es.rank(q)}
    floor = es.w.semantic_floor
    for aid in ("symptoms-bone", "spread-liver"):
        mixed = (1 - es.w.cross_bank) * own[aid] + es.w.cross_bank * other[aid]
        assert got[aid] == pytest.approx((mixed - floor) / (1 - floor), abs=1e-5)
    alone = Matcher(es.answers, es.index, es.bank, es.encode, replace(es.w, cross_bank=0.0), es.t, lang="es")
    assert {c.answer.id: c.semantic for c in alone.rank(q)}["symptoms-bone"] != got["symptoms-bone"]
