"""The knowledge base facade the actions and tools use: one per process, built lazily."""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass
from pathlib import Path

import yaml

from mbc import paths
from mbc.index import Hit, Index, analyze, build_index
from mbc.loader import load_corpus
from mbc.model import Answer, Source
from mbc.nlp import load as load_nlp
from mbc.render import Rendered, render
from mbc.router import choose
from mbc.terms import Vocabulary
from mbc.validate import validate, validate_relations


class StoreInvalid(RuntimeError):
    pass


def load_drug_classes(path: Path) -> dict[str, tuple[str, ...]]:
    if not path.exists():
        return {}
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(k): tuple(v or ()) for k, v in (raw.get("drug_class") or {}).items()}


# Words that say what *kind* of answer a search wants (lemmas). A hit whose topic
# matches a cue in the query is boosted, so "symptoms of brain mets" ranks the
# brain symptoms answer above the brain diagnosis answer that shares its subject.
TOPIC_CUES: dict[str, frozenset[str]] = {
    "symptoms": frozenset({"symptom", "sign", "feel", "warning", "notice", "symtom", "symptons"}),
    "diagnosis": frozenset({"diagnose", "diagnosis", "test", "scan", "detect", "confirm", "check", "find", "imaging"}),
    "treatment": frozenset({"treat", "treatment", "therapy", "option", "manage", "work", "medicine", "drug", "fight"}),
    "side_effects": frozenset({"effect", "affect", "hair", "nausea", "tired", "fatigue"}),
    "spread": frozenset({"spread", "travel", "reach", "metastasize", "metastasise", "site", "place", "go", "get"}),
    "terms": frozenset({"mean", "meaning", "define", "definition", "stand", "term"}),
    "about": frozenset({"mean", "meaning", "define", "curable", "cure", "difference", "different"}),
    "figures": frozenset({"many", "percent", "percentage", "common", "often", "statistic", "number", "likely", "chance", "rate", "outlook"}),
    "support": frozenset({"support", "help", "talk", "cope", "group", "helpline", "lonely", "scared"}),
    "risk": frozenset({"risk", "prevent", "reduce", "lower", "avoid", "prevention"}),
}
CUE_BOOST = 1.6


@dataclass
class Query:
    text: str
    lemmas: list[str]
    entities: dict[str, set[str]]


class KnowledgeBase:
    def __init__(self, index_path: Path, spacy_path: Path | None = None) -> None:
        self.nlp = load_nlp(str(spacy_path) if spacy_path else None)
        self.index = Index(index_path)
        self.answers: dict[str, Answer] = self.index.load_answers()
        self.sources: dict[str, Source] = self.index.load_sources()
        self.vocab = Vocabulary.load(paths.knowledge_dir() / "terms.yml")
        self.drug_class = load_drug_classes(paths.knowledge_dir() / "relations.yml")

    def analyze(self, text: str) -> Query:
        lemmas, found = analyze(self.nlp, text)
        return Query(text, lemmas, found)

    def search(self, text: str, limit: int = 5) -> list[tuple[Answer, float]]:
        """Ranked answers for free text (the lookup aid, "Did you mean", the CLI)."""
        q = self.analyze(text)
        lemmas = set(q.lemmas)
        cued = {topic for topic, cues in TOPIC_CUES.items() if lemmas & cues}
        ranked = []
        for h in self._hits(q, max(limit, 10)):
            answer = self.answers[h.answer_id]
            ranked.append((answer, h.score * (CUE_BOOST if answer.topic in cued else 1.0)))
        ranked.sort(key=lambda pair: pair[1], reverse=True)
        return ranked[:limit]

    def _hits(self, q: Query, limit: int) -> list[Hit]:
        return self.index.search(q.lemmas, q.entities, limit=limit)

    def answer_for(
        self, intent: str, text: str, found: dict[str, set[str]] | None = None
    ) -> list[Answer]:
        """Answers for an intent. ``found`` = the canonical entities in play (from the
        message and remembered context); when None, they are read from ``text``."""
        q = self.analyze(text)
        if found is None:
            found = q.entities
        q.entities = found
        answers = choose(self.answers, intent, found, self._hits(q, 50))
        if found.get("drug") and (not answers or answers[0].is_general):
            # No answer about this drug for this intent: try the drug's therapy class.
            classes = {c for d in found["drug"] for c in self.drug_class.get(d, ())}
            if classes:
                widened = {**found, "therapy": set(found.get("therapy", set())) | classes}
                answers = choose(self.answers, intent, widened, self._hits(q, 50)) or answers
        return answers

    def unknown_terms(self, text: str) -> list[str]:
        """Longer words the store has never seen, even allowing for typos ("Enhertu",
        "oligometastatic"): a sign the question is about something we have no answer for."""
        q = self.analyze(text)
        return [w for w in q.lemmas if len(w) >= 5 and w.isalpha() and self.index.correct(w) is None]

    def render(self, answer: Answer, with_detail: bool = True) -> Rendered:
        return render(answer, self.sources, with_detail)


def build(knowledge_dir: Path | None = None, out: Path | None = None) -> Path:
    """Validate the YAML store and compile it; raises StoreInvalid with every problem."""
    kdir = knowledge_dir or paths.knowledge_dir()
    vocab = Vocabulary.load(kdir / "terms.yml")
    corpus = load_corpus(kdir)
    errors = validate(corpus, vocab) + validate_relations(load_drug_classes(kdir / "relations.yml"), vocab)
    if errors:
        raise StoreInvalid("\n".join(errors))
    return build_index(load_nlp(), corpus.answers, corpus.sources, out or paths.index_path())


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
