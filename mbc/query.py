"""A message, analysed once: the ``Query`` every decision in the core reads.

Nothing downstream looks at the raw text again: normalised text, lower-cased text for
the rules, content lemmas, canonical entities, the question type, and the questions
found in it (a story before the question is common: "my mum was told last week … what
does stage 4 mean?").
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mbc.safety import normalize

if TYPE_CHECKING:
    from spacy.language import Language

# Zero-width, bidi and other invisible format characters: "bone\u200bscan" is "bonescan".
_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_QUESTION_START = re.compile(
    r"^\s*(?:what|whats|what's|wat|which|who|whom|whose|where|when|why|how|hows|can|could|cant|can't|"
    r"does|do|did|is|isnt|isn't|are|arent|will|would|should|shall|may|might|has|have|any|anyone|"
    r"tell me|explain|please|pls|plz)\b"
)
_PAYLOAD = re.compile(r"^/(\w+)(\{.*\})?$", re.DOTALL)
QTYPES = ("what", "how", "why", "where", "when", "which", "can", "yesno", "statement")


def clean(text: str) -> str:
    """NFC, no invisible characters, no control characters, single spaces."""
    text = unicodedata.normalize("NFC", text or "")
    text = _INVISIBLE.sub("", text)
    text = "".join(ch if ch in "\n\t" or unicodedata.category(ch)[0] != "C" else " " for ch in text)
    return re.sub(r"[ \t]+", " ", text).strip()


def questions_in(text: str) -> tuple[str, ...]:
    """The sentences that ask something; the whole text when none looks like a question."""
    sentences = [s.strip() for s in _SENTENCE.split(text) if s and s.strip()]
    asked = [s for s in sentences if s.endswith("?") or _QUESTION_START.match(s.lower())]
    return tuple(asked) or (text,)


def question_type(text: str) -> str:
    low = text.lower().lstrip()
    for word, qtype in (
        ("what", "what"),
        ("wat", "what"),
        ("which", "which"),
        ("how", "how"),
        ("why", "why"),
        ("where", "where"),
        ("when", "when"),
        ("can", "can"),
        ("could", "can"),
    ):
        if re.match(rf"{word}\b|{word}'?s\b", low):
            return qtype
    if _QUESTION_START.match(low) or low.endswith("?"):
        return "yesno"
    return "statement"


@dataclass(frozen=True)
class Payload:
    """A button payload ("/show_answer{"answer_id": "x"}") typed or tapped."""

    raw: str
    intent: str
    answer_id: str | None
    value: str | None = None  # feedback payloads: "up" | "down"


def parse_payload(text: str) -> Payload | None:
    m = _PAYLOAD.match(text.strip())
    if not m:
        return None
    answer_id, value = None, None
    if m.group(2):
        try:
            data = json.loads(m.group(2))
        except ValueError:
            return None
        if isinstance(data, dict) and isinstance(data.get("answer_id"), str):
            answer_id = data["answer_id"]
        if isinstance(data, dict) and isinstance(data.get("value"), str):
            value = data["value"]
    return Payload(text.strip(), m.group(1), answer_id, value)


@dataclass(frozen=True)
class Query:
    text: str  # cleaned, as written
    lower: str  # for the rules (mbc.safety.normalize)
    lemmas: tuple[str, ...]
    entities: dict[str, frozenset[str]]
    questions: tuple[str, ...]
    qtype: str
    payload: Payload | None = None
    words: int = field(default=0)
    lang: str = "en"  # the language it was analysed as ("es": mbc.spanish)

    @property
    def subjects(self) -> dict[str, frozenset[str]]:
        return {t: v for t, v in self.entities.items() if v}

    def has(self, etype: str) -> bool:
        return bool(self.entities.get(etype))


def analyse(text: str, nlp: Language, lemma_fn: object | None = None) -> Query:
    """Analyse a message once. ``nlp``: the project's spaCy pipeline."""
    from mbc.index import analyze as lemmas_and_entities

    cleaned = clean(text)
    payload = parse_payload(cleaned)
    lemmas, found = lemmas_and_entities(nlp, cleaned) if cleaned and not payload else ([], {})
    return Query(
        text=cleaned,
        lower=normalize(cleaned),
        lemmas=tuple(lemmas),
        entities={t: frozenset(v) for t, v in found.items()},
        questions=questions_in(cleaned) if cleaned else (),
        qtype=question_type(cleaned),
        payload=payload,
        words=len(cleaned.split()),
    )
