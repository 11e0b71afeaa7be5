"""Match a message to curated answers by meaning, and know when not to answer.

Each answer has a question bank (its ``question`` plus ``questions``: ways people ask
for it). A message is scored against every answer with a hybrid of
* semantic similarity: the best cosine between the message (and each question found
  in it) and the answer's bank, from an offline sentence-embedding model;
* lexical relevance: BM25 over lemmas and canonical entities (mbc.index);
* entity agreement: an answer about the liver is a wrong answer to a question about the
  bones, however similar the wording.
``decide`` turns the ranking into one of three outcomes: answer, "did you mean" (up to
three choices), or not covered. Thresholds are tuned on the development set
(tests/data/real_dev.yml) with ``python -m mbc tune``; see README "Thresholds".
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from mbc.model import Answer
from mbc.query import Query

if TYPE_CHECKING:
    from mbc.index import Index

Encoder = Callable[[list[str]], "np.ndarray"]

# Entity types that make an answer about one particular thing.
SPECIFIC = ("site", "drug", "test", "therapy", "subtype")
SHORT_TEXT_WEIGHT = 0.92  # an answer's short text is a weaker match than its bank questions


@dataclass(frozen=True)
class Weights:
    lexical: float = 0.25  # weight of saturated BM25 in [0, 1)
    lexical_k: float = 6.0  # BM25 saturation: bm25 / (bm25 + k)
    entity_match: float = 0.06  # per matched specific entity type
    entity_conflict: float = 0.20  # message names X, answer is about another Y of that type
    specific_unasked: float = 0.05  # answer about a thing the message never names
    topic_follow_up: float = 0.10  # follow-up ("and the lungs?") keeps the last topic
    topic_cue: float = 0.05  # the question has a word for this answer's topic ("side effects", "test")
    general_unspecific: float = 0.03  # a general answer to a question about one particular thing
    semantic_floor: float = 0.0  # cosine rescaled as (cos - floor) / (1 - floor): encoders differ


@dataclass(frozen=True)
class Thresholds:
    answer: float = 0.55  # best score needed to answer
    margin: float = 0.07  # and its lead over the best other answer
    suggest: float = 0.35  # below this: not covered
    unknown_answer: float = 0.80  # with a word the store has never seen, answer only above this
    second: float = 0.04  # a second answer when within this of the first and about another subject
    clear_floor: float = 0.5  # a lower best score still answers when it leads by ``clear_lead``
    clear_lead: float = 0.15
    suggest_window: float = 0.12  # "did you mean" offers answers this close to the best
    high: float = 0.85  # a very close match needs a smaller lead
    high_margin: float = 0.04
    near: float = 0.55  # a "did you mean" this close outranks a chat act ("is there a cure?")


@dataclass(frozen=True)
class Candidate:
    answer: Answer
    score: float
    semantic: float
    lexical: float
    entity: float


@dataclass(frozen=True)
class Decision:
    outcome: str  # answer | suggest | not_covered
    picks: tuple[Candidate, ...]
    ranked: tuple[Candidate, ...] = field(default=(), repr=False)

    @property
    def top(self) -> float:
        return self.ranked[0].score if self.ranked else 0.0


class Bank:
    """The embedded question banks: one row per bank entry, L2-normalised."""

    def __init__(
        self,
        vectors: np.ndarray,
        owners: list[str],
        weights: np.ndarray,
        texts: list[str] | None = None,
        model: str = "",
    ) -> None:
        self.vectors = vectors.astype(np.float32)
        self.owners = owners
        self.weights = weights.astype(np.float32)
        self.texts = texts or []  # the embedded text of each row (kept so a rebuild can reuse it)
        self.model = model  # what embedded them (the model file's sha256)
        ids = sorted(set(owners))
        self.ids = ids
        pos = {a: i for i, a in enumerate(ids)}
        self.owner_index = np.array([pos[o] for o in owners], dtype=np.int64)

    @staticmethod
    def rows(answers: Sequence[Answer], lang: str = "en") -> tuple[list[str], list[str], list[float]]:
        """Each answer's bank and short text in ``lang`` (answers without that language are
        left out: they are never matched in it)."""
        texts, owners, weights = [], [], []
        for a in answers:
            t = a.text_in(lang) if lang != "en" else a
            if t is None:
                continue
            for q in t.bank:
                texts.append(q)
                owners.append(a.id)
                weights.append(1.0)
            texts.append(t.short)
            owners.append(a.id)
            weights.append(SHORT_TEXT_WEIGHT)
        return texts, owners, weights

    @classmethod
    def build(
        cls,
        answers: Sequence[Answer],
        encode: Encoder,
        lang: str = "en",
        model: str = "",
        reuse: dict[str, np.ndarray] | None = None,
    ) -> Bank:
        """Embed every row; rows whose text ``reuse`` already has (vectors from an earlier
        build by the same ``model``) are not embedded again."""
        texts, owners, weights = cls.rows(answers, lang)
        if not texts:
            return cls(encode([]), owners, np.array(weights), texts, model)
        known = reuse or {}
        todo = list(dict.fromkeys(t for t in texts if t not in known))
        fresh = dict(zip(todo, encode(todo), strict=True)) if todo else {}
        vectors = np.array([known[t] if t in known else fresh[t] for t in texts], dtype=np.float32)
        return cls(vectors.reshape(len(texts), -1), owners, np.array(weights), texts, model)

    def vectors_by_text(self, model: str) -> dict[str, np.ndarray]:
        """This bank's vectors by text, if ``model`` made them (else nothing to reuse)."""
        if not model or model != self.model or len(self.texts) != len(self.vectors):
            return {}
        return dict(zip(self.texts, self.vectors, strict=True))

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp.npz")
        np.savez(
            tmp,
            vectors=self.vectors,
            weights=self.weights,
            owners=np.array(json.dumps(self.owners)),
            texts=np.array(json.dumps(self.texts, ensure_ascii=False)),
            model=np.array(self.model),
        )
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> Bank:
        with np.load(path) as data:
            texts = list(json.loads(str(data["texts"]))) if "texts" in data else []
            model = str(data["model"]) if "model" in data else ""
            return cls(data["vectors"], list(json.loads(str(data["owners"]))), data["weights"], texts, model)

    def best(self, queries: np.ndarray) -> dict[str, float]:
        """Per answer: the best weighted cosine over its rows and over the query vectors."""
        sims = (queries @ self.vectors.T) * self.weights  # (q, rows)
        per_row = sims.max(axis=0)
        best = np.full(len(self.ids), -1.0, dtype=np.float32)
        np.maximum.at(best, self.owner_index, per_row)
        return {a: float(best[i]) for i, a in enumerate(self.ids)}


def entity_score(q_entities: dict[str, frozenset[str]], answer: Answer, w: Weights) -> float:
    score = 0.0
    if any(q_entities.get(t) for t in SPECIFIC) and not any(answer.entities.get(t) for t in SPECIFIC):
        score -= w.general_unspecific
    for etype in SPECIFIC:
        asked = q_entities.get(etype, frozenset())
        about = set(answer.entities.get(etype, ()))
        if asked and about:
            score += w.entity_match if asked & about else -w.entity_conflict
        elif about and not asked and not any(q_entities.get(t) for t in SPECIFIC if t != etype):
            score -= w.specific_unasked
        elif about and not asked:
            score -= w.specific_unasked / 2
    return score


class Matcher:
    def __init__(
        self,
        answers: dict[str, Answer],
        index: Index,
        bank: Bank,
        encode: Encoder,
        weights: Weights | None = None,
        thresholds: Thresholds | None = None,
        cues: dict[str, frozenset[str]] | None = None,
        lang: str = "en",
    ) -> None:
        self.lang = lang
        self.answers = answers if lang == "en" else {k: a for k, a in answers.items() if a.text_in(lang)}
        self.index = index
        self.bank = bank
        self.encode = encode
        self.w = weights or Weights()
        self.t = thresholds or Thresholds()
        self.cues = cues or {}

    def cued(self, q: Query) -> frozenset[str]:
        lemmas = set(q.lemmas)
        return frozenset(t for t, words in self.cues.items() if lemmas & words)

    def texts_for(self, q: Query, expansion: str = "") -> list[str]:
        texts = [q.text]
        if len(q.questions) > 1 or (q.questions and q.questions[0] != q.text):
            texts += list(q.questions[:3])
        if expansion:
            texts.append(f"{q.text} {expansion}")
        return list(dict.fromkeys(t for t in texts if t.strip()))

    def rank(
        self,
        q: Query,
        entities: dict[str, frozenset[str]] | None = None,
        expansion: str = "",
        topic: str | None = None,
    ) -> list[Candidate]:
        """Every answer, best first. ``entities``: those in play (the message's own, or
        carried over from context); ``expansion``: extra words for a follow-up's meaning;
        ``topic``: the topic a follow-up keeps."""
        ents = q.entities if entities is None else entities
        if not self.texts_for(q, expansion):
            return []
        semantic = self.bank.best(self.encode(self.texts_for(q, expansion)))
        lexical = self._lexical(q, ents)
        cued = self.cued(q)
        out = []
        for aid, answer in self.answers.items():
            sem = semantic.get(aid, 0.0)
            if self.w.semantic_floor:
                sem = (sem - self.w.semantic_floor) / (1 - self.w.semantic_floor)
            bm = lexical.get(aid, 0.0)
            lex = bm / (bm + self.w.lexical_k) if bm > 0 else 0.0
            ent = entity_score(ents, answer, self.w)
            if topic and answer.topic == topic:
                ent += self.w.topic_follow_up
            cue = self.w.topic_cue if answer.topic in cued else 0.0
            score = (1 - self.w.lexical) * sem + self.w.lexical * lex + ent + cue
            out.append(Candidate(answer, score, sem, lex, ent))
        out.sort(key=lambda c: c.score, reverse=True)
        return out

    def _lexical(self, q: Query, ents: dict[str, frozenset[str]]) -> dict[str, float]:
        found = {t: set(v) for t, v in ents.items()}
        hits = self.index.search(list(q.lemmas), found, limit=40, lang=self.lang)
        return {h.answer_id: h.score for h in hits}

    def decide(self, ranked: list[Candidate], unknown: Sequence[str] = ()) -> Decision:
        if not ranked:
            return Decision("not_covered", (), ())
        best = ranked[0]
        runner = ranked[1] if len(ranked) > 1 else None
        lead = best.score - (runner.score if runner else 0.0)
        need = self.t.unknown_answer if unknown else self.t.answer
        clear = not unknown and (
            (best.score >= self.t.clear_floor and lead >= self.t.clear_lead)
            or (best.score >= self.t.high and lead >= self.t.high_margin)
        )
        if (best.score >= need and lead >= self.t.margin) or clear:
            picks = [best]
            if runner and self._second(best, runner):
                picks.append(runner)
            return Decision("answer", tuple(picks), tuple(ranked))
        if unknown and best.score < self.t.unknown_answer:
            return Decision("not_covered", (), tuple(ranked))
        if best.score >= self.t.suggest:
            close = [
                c for c in ranked[:3] if c.score >= self.t.suggest and best.score - c.score <= self.t.suggest_window
            ]
            return Decision("suggest", tuple(close), tuple(ranked))
        return Decision("not_covered", (), tuple(ranked))

    def _second(self, best: Candidate, runner: Candidate) -> bool:
        """ "bone and liver": two equally good answers about different subjects of one topic."""
        a, b = best.answer, runner.answer
        return (
            best.score - runner.score <= self.t.second
            and a.topic == b.topic
            and bool(a.entities)
            and bool(b.entities)
            and a.entity_pairs() != b.entity_pairs()
            and runner.entity > 0
            and best.entity > 0
        )


def load_cues(path: Path, key: str = "topic_cues") -> dict[str, frozenset[str]]:
    import yaml

    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(t): frozenset(str(w) for w in ws or ()) for t, ws in (raw.get(key) or {}).items()}
