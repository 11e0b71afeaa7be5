"""Checks that keep the store honest: every answer cited, every citation known."""

from __future__ import annotations

from collections import Counter

from mbc.loader import Corpus
from mbc.terms import Vocabulary

TOPICS = (
    "about",
    "spread",
    "symptoms",
    "diagnosis",
    "treatment",
    "side_effects",
    "terms",
    "figures",
    "support",
    "risk",
)
# Intents the custom action answers from the store. Each needs exactly one
# general answer (entities: {}) so that a question without a subject still works.
FAQ_INTENTS = (
    "ask_what_is_mbc",
    "ask_spread",
    "ask_symptoms",
    "ask_diagnosis",
    "ask_treatment",
    "ask_side_effects",
    "ask_definition",
    "ask_statistics",
    "ask_support",
    "ask_risk_reduction",
    "personal_advice",
    "express_emotion",
)
MAX_SHORT_CHARS = 400


def validate(corpus: Corpus, vocab: Vocabulary) -> list[str]:
    """Return every problem found (empty list = valid)."""
    errors = list(corpus.errors)
    ids = Counter(a.id for a in corpus.answers)
    errors += [f"duplicate answer id {i!r} ({n} times)" for i, n in ids.items() if n > 1]
    for a in corpus.answers:
        where = f"{a.file}: {a.id}"
        if not a.citations:
            errors.append(f"{where}: has no citation")
        for c in a.citations:
            if c.source not in corpus.sources:
                errors.append(f"{where}: cites unknown source {c.source!r}")
            if not c.section:
                errors.append(f"{where}: citation to {c.source!r} names no section")
        if a.topic not in TOPICS:
            errors.append(f"{where}: unknown topic {a.topic!r}")
        for intent in a.intents:
            if intent not in FAQ_INTENTS:
                errors.append(f"{where}: unknown intent {intent!r}")
        if not a.intents:
            errors.append(f"{where}: lists no intent")
        for etype, values in a.entities.items():
            known = vocab.values(etype)
            for v in values:
                if v not in known:
                    errors.append(f"{where}: entity {etype}={v!r} is not in terms.yml")
        if not a.short:
            errors.append(f"{where}: empty short answer")
        elif len(a.short) > MAX_SHORT_CHARS:
            errors.append(f"{where}: short answer longer than {MAX_SHORT_CHARS} characters")
        if not a.question:
            errors.append(f"{where}: no question")
        if a.reviewed is None:
            errors.append(f"{where}: no reviewed date")
    topics = {a.topic for a in corpus.answers}
    errors += [f"topic {t!r} has no answer" for t in TOPICS if t not in topics]
    for intent in FAQ_INTENTS:
        general = [a.id for a in corpus.answers if intent in a.intents and a.is_general]
        if not any(intent in a.intents for a in corpus.answers):
            errors.append(f"intent {intent!r} has no answer")
        elif len(general) != 1:
            errors.append(f"intent {intent!r} needs exactly one general answer, has {general}")
    return errors


def validate_relations(drug_class: dict[str, tuple[str, ...]], vocab: Vocabulary) -> list[str]:
    """relations.yml may only name drugs and therapies that terms.yml knows."""
    errors = [f"relations.yml: unknown drug {d!r}" for d in drug_class if d not in vocab.values("drug")]
    for drug, classes in drug_class.items():
        errors += [f"relations.yml: {drug}: unknown therapy {c!r}" for c in classes if c not in vocab.values("therapy")]
    return errors
