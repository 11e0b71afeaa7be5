"""Match a message to curated answers by meaning, and know when not to answer.

Each answer has a question bank (its ``question`` plus ``questions``: ways people ask
for it). A message is scored against every answer with a hybrid of
* semantic similarity: the best cosine between the message (and each question found
  in it) and the answer's bank, from an offline sentence-embedding model;
* passage relevance: the same model read in its retrieval mode, the message against the
  answer's own text (question, short and detail): what the answer says, not only how
  people ask for it;
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
    passage: float = 0.0  # weight of the passage cosine (message vs the answer's text), rescaled
    passage_floor: float = 0.8  # like semantic_floor; e5 puts unrelated passages at ~0.78
    # Share of the semantic score read from a second bank in another language (Spanish
    # messages against the English bank too: the encoder is multilingual, and the English
    # bank has more ways of asking each question).
    cross_bank: float = 0.0


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
    # The answer's own text agrees: the best answer is also the best passage, by this lead
    # (rescaled like the score), so a "did you mean" with this score and lead answers.
    passage_lead: float = 0.05
    passage_answer: float = 1.0  # score needed then (1.0: off)
    passage_margin: float = 0.02  # and lead over the next answer
    passage_veto: int = 0  # an answer whose own text ranks this low or lower is not given (0: off)


@dataclass(frozen=True)
class Candidate:
    answer: Answer
    score: float
    semantic: float
    lexical: float
    entity: float
    passage: float = 0.0


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
        passages: np.ndarray | None = None,
        passage_texts: list[str] | None = None,
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
        # One row per answer (in ``ids`` order): its own text, embedded as a passage.
        self.passage_texts = passage_texts or []
        self.passages = None if passages is None or len(passages) != len(ids) else passages.astype(np.float32)

    @staticmethod
    def passage_text(answer: Answer, lang: str = "en") -> str | None:
        t = answer.text_in(lang) if lang != "en" else answer
        return None if t is None else f"{t.question} {t.short} {t.detail}"

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
        encode_passages: Encoder | None = None,
    ) -> Bank:
        """Embed every row (and, with ``encode_passages``, every answer's own text); texts
        ``reuse`` already has (vectors from an earlier build by the same ``model``) are not
        embedded again."""
        texts, owners, weights = cls.rows(answers, lang)
        if not texts:
            return cls(encode([]), owners, np.array(weights), texts, model)
        known = reuse or {}
        vectors = _embed(texts, encode, known, "")
        passages, ptexts = None, None
        if encode_passages is not None:
            by_id = {a.id: cls.passage_text(a, lang) for a in answers}
            ptexts = [by_id[i] or "" for i in sorted(set(owners))]
            passages = _embed(ptexts, encode_passages, known, PASSAGE_KEY)
        return cls(vectors, owners, np.array(weights), texts, model, passages, ptexts)

    def vectors_by_text(self, model: str) -> dict[str, np.ndarray]:
        """This bank's vectors by text, if ``model`` made them (else nothing to reuse);
        passages are keyed with PASSAGE_KEY in front."""
        if not model or model != self.model or len(self.texts) != len(self.vectors):
            return {}
        out = dict(zip(self.texts, self.vectors, strict=True))
        if self.passages is not None and len(self.passage_texts) == len(self.passages):
            out.update({PASSAGE_KEY + t: v for t, v in zip(self.passage_texts, self.passages, strict=True)})
        return out

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
            **(
                {}
                if self.passages is None
                else {
                    "passages": self.passages,
                    "passage_texts": np.array(json.dumps(self.passage_texts, ensure_ascii=False)),
                }
            ),
        )
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> Bank:
        with np.load(path) as data:
            texts = list(json.loads(str(data["texts"]))) if "texts" in data else []
            model = str(data["model"]) if "model" in data else ""
            passages = data.get("passages")
            ptexts = list(json.loads(str(data["passage_texts"]))) if "passage_texts" in data else None
            owners = list(json.loads(str(data["owners"])))
            return cls(data["vectors"], owners, data["weights"], texts, model, passages, ptexts)

    def best(self, queries: np.ndarray) -> dict[str, float]:
        """Per answer: the best weighted cosine over its rows and over the query vectors."""
        sims = (queries @ self.vectors.T) * self.weights  # (q, rows)
        per_row = sims.max(axis=0)
        best = np.full(len(self.ids), -1.0, dtype=np.float32)
        np.maximum.at(best, self.owner_index, per_row)
        return {a: float(best[i]) for i, a in enumerate(self.ids)}

    def passage_best(self, queries: np.ndarray) -> dict[str, float]:
        """Per answer: the best cosine between a query vector and the answer's own text."""
        if self.passages is None:
            return {}
        best = (queries @ self.passages.T).max(axis=0)
        return {a: float(best[i]) for i, a in enumerate(self.ids)}


PASSAGE_KEY = "passage: "  # marks an answer's own text in a bank's reusable vectors


def _embed(texts: list[str], encode: Encoder, known: dict[str, np.ndarray], key: str) -> np.ndarray:
    todo = list(dict.fromkeys(t for t in texts if key + t not in known))
    fresh = dict(zip(todo, encode(todo), strict=True)) if todo else {}
    vectors = np.array([known[key + t] if key + t in known else fresh[t] for t in texts], dtype=np.float32)
    return vectors.reshape(len(texts), -1)


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
        cross: Bank | None = None,
    ) -> None:
        self.lang = lang
        self.cross = cross  # the bank ``Weights.cross_bank`` reads
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
        """What is embedded for a message: its text and each question found in it; for a
        short follow-up with the conversation's subject carried over (``expansion``), the
        text read with that subject only ("side effects?" after Ibrance asks about Ibrance's,
        not about side effects in general)."""
        if expansion:
            return [f"{q.text} {expansion}"] if q.text.strip() else []
        texts = [q.text]
        if len(q.questions) > 1 or (q.questions and q.questions[0] != q.text):
            texts += list(q.questions[:3])
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
        vectors = self.encode(self.texts_for(q, expansion))
        semantic = self.bank.best(vectors)
        if self.cross is not None and self.w.cross_bank:
            other, share = self.cross.best(vectors), self.w.cross_bank
            semantic = {a: (1 - share) * v + share * other.get(a, v) for a, v in semantic.items()}
        passage = self.bank.passage_best(vectors)
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
            pas = passage.get(aid)
            pas = (pas - self.w.passage_floor) / (1 - self.w.passage_floor) if pas is not None else 0.0
            score = (1 - self.w.lexical) * sem + self.w.lexical * lex + self.w.passage * pas + ent + cue
            out.append(Candidate(answer, score, sem, lex, ent, pas))
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
        agrees = not unknown and self._passage_agrees(best, ranked, lead)
        vetoed = self._passage_vetoed(best, ranked)
        if ((best.score >= need and lead >= self.t.margin) or clear or agrees) and not vetoed:
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

    def _passage_agrees(self, best: Candidate, ranked: list[Candidate], lead: float) -> bool:
        if best.score < self.t.passage_answer or lead < self.t.passage_margin:
            return False
        others = max((c.passage for c in ranked[1:]), default=-1.0)
        return best.passage - others >= self.t.passage_lead

    def _passage_vetoed(self, best: Candidate, ranked: list[Candidate]) -> bool:
        if not self.t.passage_veto:
            return False
        return sum(1 for c in ranked if c.passage > best.passage) >= self.t.passage_veto

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
