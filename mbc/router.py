"""Pick the curated answer(s) for an NLU intent plus the canonical entities in play.

An answer is eligible when it is the general answer of an intent (no entities) or
when at least one of its entities is in the question. Eligible answers score
100 for serving the intent, plus 10 per matched entity, plus the search relevance
of the question text as a tie-break. Two equally good specific answers ("bone and
liver") are both returned.
"""

from __future__ import annotations

from dataclasses import dataclass

from mbc.index import Hit
from mbc.model import Answer

INTENT_SCORE = 100.0
ENTITY_SCORE = 10.0


@dataclass(frozen=True)
class Scored:
    answer: Answer
    score: float


def choose(
    answers: dict[str, Answer],
    intent: str,
    found: dict[str, set[str]],
    hits: list[Hit],
    limit: int = 2,
) -> list[Answer]:
    """Best answers for ``intent``; empty when no answer serves the intent at all."""
    pairs = {(t, v) for t, vals in found.items() for v in vals}
    relevance = {h.answer_id: h.score for h in hits}
    top_rel = max(relevance.values(), default=0.0) or 1.0
    scored: list[Scored] = []
    for a in answers.values():
        matched = len(a.entity_pairs() & pairs)
        serves = intent in a.intents
        if not serves and not matched:
            continue
        if a.entities and not matched:
            continue
        score = (INTENT_SCORE if serves else 0.0) + ENTITY_SCORE * matched
        score += relevance.get(a.id, 0.0) / top_rel  # tie-break in [0, 1]
        scored.append(Scored(a, score))
    if not any(intent in s.answer.intents for s in scored):
        return []
    scored.sort(key=lambda s: s.score, reverse=True)
    best = scored[0]
    out = [best.answer]
    # A second answer only when it is as specific and serves the intent too.
    for s in scored[1:limit]:
        if (
            intent in s.answer.intents
            and s.answer.entities
            and int(s.score // ENTITY_SCORE) == int(best.score // ENTITY_SCORE)
        ):
            out.append(s.answer)
    return out
