"""Subjects our sources do not cover, so that a question about one gets the honest "our
sources don't cover that" instead of the nearest general answer.

The core already treats a word the store has never seen, and that is not an ordinary
word, as a sign the sources don't cover the question ("Enhertu"). Some uncovered subjects
are ordinary words, though: "hospice", "pregnant", "vaccine", "wig". They are listed in
``data/knowledge/gaps.yml``, per language, and count as unknown words: a message asking
about one is answered only on a very close match (``Thresholds.unknown_answer``).
``errors`` keeps the list true: a phrase that an answer's own text in that language uses
(its question, texts or keywords; not the ways people ask for it) is not a gap.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from mbc.model import Answer
from mbc.spanish import fold

LANGS = ("en", "es")


def _norm(text: str, lang: str) -> str:
    text = fold(text) if lang == "es" else text.lower()
    return " " + re.sub(r"[^\w]+", " ", text).strip() + " "


@dataclass(frozen=True)
class Gaps:
    phrases: dict[str, tuple[str, ...]]

    @classmethod
    def load(cls, path: Path) -> Gaps:
        if not path.exists():
            return cls({})
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        out: dict[str, tuple[str, ...]] = {}
        for lang in LANGS:
            words = [_norm(str(p), lang).strip() for p in raw.get(lang) or ()]
            out[lang] = tuple(dict.fromkeys(w for w in words if w))
        return cls(out)

    def found(self, text: str, lang: str) -> list[str]:
        """The listed phrases that ``text`` names, as whole words."""
        padded = _norm(text, lang)
        return [p for p in self.phrases.get(lang, ()) if f" {p} " in padded]


def _texts(answer: Answer, lang: str) -> Iterable[str]:
    t = answer.text_in(lang) if lang != "en" else answer
    if t is None:
        return ()
    return (t.question, t.short, t.detail, t.simple, t.caveat, *t.keywords)


def errors(gaps: Gaps, answers: Iterable[Answer]) -> list[str]:
    """A listed gap that an answer covers is a mistake in the list."""
    out = []
    answers = list(answers)
    for lang in LANGS:
        for a in answers:
            used = set(gaps.found(" ".join(_texts(a, lang)), lang))
            out += [f"gaps.yml: {lang} '{p}' is used by answer {a.id}: it is not a gap" for p in sorted(used)]
    return out
