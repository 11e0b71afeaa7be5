"""The knowledge base facade the actions and tools use: one per process, built lazily."""

from __future__ import annotations

import functools
import threading
from pathlib import Path

import numpy as np
import yaml

from mbc import paths, spanish
from mbc.dialogue import Dialogue
from mbc.gaps import Gaps
from mbc.gaps import errors as gap_errors
from mbc.index import Index, build_index, spanish_terms
from mbc.loader import load_corpus
from mbc.matcher import Bank, Matcher, Thresholds, Weights, load_cues
from mbc.model import Answer, Source
from mbc.nlp import load as load_nlp
from mbc.query import Query as Analysed
from mbc.query import analyse
from mbc.render import Rendered, answer_part, render
from mbc.reply import AnswerPart
from mbc.spanish import Terms
from mbc.terms import Vocabulary
from mbc.validate import validate, validate_relations

# Both languages are matched with one encoder, multilingual-e5-small (mbc/embed_multi.py).
# On the English development sets it ranks as well as all-MiniLM-L6-v2 and its scores tell
# right from wrong better: more right answers for fewer cited-wrong ones (docs/embedding.md).
# e5 puts unrelated questions at a cosine of ~0.85, so cosines are rescaled from that floor.
# Tuned with python -m bench.tune tests/data/real_dev.yml (English) and
# tests/data/es_dev.yml (Spanish).
ENGLISH_WEIGHTS = Weights(semantic_floor=0.85)
# near: e5 gives "is there a cure?" 0.47, "am I talking to a real person?" 0.36.
# passage_*: a near miss is answered when the answer's own text also ranks first by a lead
# (e5 in retrieval mode); with it the answer threshold could rise. Over the English dev and
# spent blind sets (1,842 messages): right 77.1 % -> 79.4 %, cited-wrong 2.9 % -> 3.0 %.
ENGLISH_THRESHOLDS = Thresholds(near=0.42, answer=0.60, passage_answer=0.48, passage_lead=0.04)
# cross_bank: a Spanish message is also read against the English bank (one multilingual
# encoder, so no second embedding), a fifth of its semantic score; the thresholds were lowered
# with it. Over es_dev and the four spent Spanish blind sets (960 messages, 2026-12-04):
# right 72.5 % -> 74.1 %, cited-wrong 3.1 % -> 2.7 %.
SPANISH_WEIGHTS = Weights(semantic_floor=0.85, cross_bank=0.2)
SPANISH_THRESHOLDS = Thresholds(
    answer=0.55, margin=0.055, clear_floor=0.42, clear_lead=0.14, passage_answer=0.45, passage_lead=0.05
)


class StoreInvalid(RuntimeError):
    pass


def load_drug_classes(path: Path, key: str = "drug_class") -> dict[str, tuple[str, ...]]:
    """relations.yml: ``drug_class`` (drug -> its therapy classes) or ``therapy_class``
    (therapy class -> the broader therapies it is part of)."""
    if not path.exists():
        return {}
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(k): tuple(v or ()) for k, v in (raw.get(key) or {}).items()}


class KnowledgeBase:
    def __init__(self, index_path: Path, spacy_path: Path | None = None) -> None:
        self.nlp = load_nlp(str(spacy_path) if spacy_path else None)
        self.index = Index(index_path)
        self.answers: dict[str, Answer] = self.index.load_answers()
        self.sources: dict[str, Source] = self.index.load_sources()
        self.vocab = Vocabulary.load(paths.knowledge_dir() / "terms.yml")
        self.drug_class = load_drug_classes(paths.knowledge_dir() / "relations.yml")
        self.therapy_class = load_drug_classes(paths.knowledge_dir() / "relations.yml", "therapy_class")
        self.dialogue = Dialogue.load()
        self.gaps = Gaps.load(paths.knowledge_dir() / "gaps.yml")
        self._bank_path = index_path.with_name("bank.npz")
        self._matcher: Matcher | None = None
        self._matchers: dict[str, Matcher] = {}
        self._terms_es: Terms | None = None
        self._matcher_lock = threading.Lock()

    @property
    def matcher(self) -> Matcher:
        """Loaded on first use: the embedded banks and the encoder."""
        if self._matcher is None:
            from mbc.embed_multi import encode, encode_passages

            bank = (
                Bank.load(self._bank_path)
                if self._bank_path.exists()
                else Bank.build(list(self.answers.values()), encode, encode_passages=encode_passages)
            )
            cues = load_cues(paths.dialogue_file().with_name("cues.yml"))
            self._matcher = Matcher(
                self.answers,
                self.index,
                bank,
                encode,
                weights=ENGLISH_WEIGHTS,
                thresholds=ENGLISH_THRESHOLDS,
                cues=cues,
            )
        return self._matcher

    def matcher_for(self, lang: str) -> Matcher:
        """The matcher for messages in ``lang``: English, or Spanish (its own banks, the
        multilingual encoder and the Spanish lexical index; loaded on the first message)."""
        if lang != "es":
            return self.matcher
        with self._matcher_lock:
            if "es" not in self._matchers:
                from mbc.embed_multi import encode as encode_es
                from mbc.embed_multi import encode_passages

                path = self._bank_path.with_name("bank_es.npz")
                answers = list(self.answers.values())
                bank = (
                    Bank.load(path)
                    if path.exists()
                    else Bank.build(answers, encode_es, lang="es", encode_passages=encode_passages)
                )
                cues = load_cues(paths.dialogue_file().with_name("cues.yml"), "topic_cues_es")
                self._matchers["es"] = Matcher(
                    self.answers,
                    self.index,
                    bank,
                    encode_es,
                    weights=SPANISH_WEIGHTS,
                    thresholds=SPANISH_THRESHOLDS,
                    cues=cues,
                    lang="es",
                    cross=self.matcher.bank if SPANISH_WEIGHTS.cross_bank else None,
                )
            return self._matchers["es"]

    @property
    def terms_es(self) -> Terms:
        if self._terms_es is None:
            self._terms_es = spanish_terms()
        return self._terms_es

    def analyse(self, message: str, lang: str = "en") -> Analysed:
        """The one analysis of a message that every decision reads, in its language."""
        if lang == "es":
            return spanish.analyse(message, self.terms_es, self.index.lemma_es)
        return analyse(message, self.nlp)

    def unknown_terms(self, q: Analysed) -> list[str]:
        """Words in the message's questions that are neither in our store (allowing for
        typos) nor ordinary words: a drug or test our sources never name ("Enhertu"); and
        the subjects data/knowledge/gaps.yml lists as not covered ("hospice")."""
        gaps = self.gaps.found(" ".join(q.questions), q.lang)
        return self._unknown_words(q) + gaps

    def _unknown_words(self, q: Analysed) -> list[str]:
        if q.lang == "es":
            return self._unknown_es(q)
        asked = " ".join(q.questions).lower()
        out = []
        for w in q.lemmas:
            if len(w) < 5 or not w.isalpha() or w not in asked:
                continue
            if self.index.correct(w) is None and not self.index.is_english(w):
                out.append(w)
        return out

    def _unknown_es(self, q: Analysed) -> list[str]:
        """The same for Spanish: not in our Spanish or English texts, not a Spanish or an
        English word ("capecitabina", "enhertu")."""
        out = []
        for w in dict.fromkeys(spanish.words(" ".join(q.questions))):
            if len(w) < 5 or not w.isalpha() or self.index.is_spanish(w):
                continue
            lem = spanish.lemma(w, self.index.lemma_es)
            if self.index.correct_es(lem) or self.index.correct(w) or self.index.is_english(w):
                continue
            out.append(w)
        return out

    def answer_part(self, answer: Answer, simple: bool = False, lang: str = "en") -> AnswerPart:
        return answer_part(answer, self.sources, simple=simple, lang=lang)

    def search(self, text: str, limit: int = 5) -> list[tuple[Answer, float]]:
        """Ranked answers for free text (the volunteers' lookup, the CLI): the same
        matcher the bot answers with, down to its "did you mean" floor. A bare topic word
        ("treatments", "symptoms") lists that topic's overview answer first."""
        from mbc import language

        lang = "es" if language.detect(text) == "es" else "en"  # a caller's words in Spanish
        q = self.analyse(text, lang)
        if not q.lemmas and not q.entities:
            return []
        matcher = self.matcher_for(lang)
        floor = matcher.t.suggest
        ranked = matcher.rank(q)
        out = [(c.answer, round(c.score, 4)) for c in ranked[:limit] if c.score >= floor]
        if q.words <= 2 and not q.subjects:
            cued = matcher.cued(q)
            # (half the floor: a topic word alone scores low; "help" cues no overview at all)
            heads = [c for c in ranked if c.answer.overview and c.answer.topic in cued and c.score >= floor / 2]
            if len(heads) == 1:
                head = heads[0]
                rest = [(a, s) for a, s in out if a.id != head.answer.id]
                out = [(head.answer, round(head.score, 4)), *rest][:limit]
        return out

    def render(self, answer: Answer, with_detail: bool = True) -> Rendered:
        return render(answer, self.sources, with_detail)


def build(knowledge_dir: Path | None = None, out: Path | None = None) -> Path:
    """Validate the YAML store and compile it; raises StoreInvalid with every problem."""
    kdir = knowledge_dir or paths.knowledge_dir()
    vocab = Vocabulary.load(kdir / "terms.yml")
    corpus = load_corpus(kdir)
    relations = kdir / "relations.yml"
    errors = validate(corpus, vocab) + validate_relations(
        load_drug_classes(relations), vocab, load_drug_classes(relations, "therapy_class")
    )
    errors += gap_errors(Gaps.load(kdir / "gaps.yml"), corpus.answers)
    if errors:
        raise StoreInvalid("\n".join(errors))
    target = build_index(load_nlp(), corpus.answers, corpus.sources, out or paths.index_path())
    from mbc.embed_multi import MODEL_SHA256, encode, encode_passages

    reuse = _embedded(MODEL_SHA256, target, paths.build_dir() / "store.sqlite")
    bank = Bank.build(corpus.answers, encode, model=MODEL_SHA256, reuse=reuse, encode_passages=encode_passages)
    bank.save(target.with_name("bank.npz"))
    if any(a.text_in("es") for a in corpus.answers):
        bank_es = Bank.build(
            corpus.answers, encode, lang="es", model=MODEL_SHA256, reuse=reuse, encode_passages=encode_passages
        )
        bank_es.save(target.with_name("bank_es.npz"))
    return target


def _embedded(model: str, *indexes: Path) -> dict[str, np.ndarray]:
    """Vectors an earlier build already made with ``model``, by text: an edit re-embeds only
    the rows it changed."""
    out: dict[str, np.ndarray] = {}
    for index in dict.fromkeys(indexes):
        for name in ("bank.npz", "bank_es.npz"):
            path = index.with_name(name)
            try:
                out.update(Bank.load(path).vectors_by_text(model) if path.exists() else {})
            except (OSError, ValueError, KeyError):
                continue  # an unreadable old bank: embed afresh
    return out


_lock = threading.Lock()


@functools.lru_cache(maxsize=1)
def _get() -> KnowledgeBase:
    target = paths.index_path()
    if not target.exists():
        build(out=target)
    return KnowledgeBase(target)


def get_kb() -> KnowledgeBase:
    """The process-wide knowledge base, loaded on first use (never at import)."""
    with _lock:
        return _get()
