"""Data records of the store: sources, citations and answers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Source:
    id: str
    publisher: str
    publisher_short: str
    title: str
    site: str | None
    url: str | None
    reviewed: dt.date | None
    reviewers: tuple[str, ...]
    trust: str  # high | medium | low
    publisher_short_es: str = ""  # how a Spanish reply names it, when the name is a description

    def to_dict(self) -> dict[str, Any]:
        return {
            "publisher_short_es": self.publisher_short_es,
            "id": self.id,
            "publisher": self.publisher,
            "publisher_short": self.publisher_short,
            "title": self.title,
            "site": self.site,
            "url": self.url,
            "reviewed": self.reviewed.isoformat() if self.reviewed else None,
            "reviewers": list(self.reviewers),
            "trust": self.trust,
        }


@dataclass(frozen=True)
class Citation:
    source: str
    section: str


@dataclass(frozen=True)
class Translation:
    """An answer's text in another language (``es:`` in the store's YAML, next to the
    English). It has its own review status: a draft until a reviewer who reads that
    language signs it (``mbc review --lang es``). Citations stay the English sources."""

    lang: str
    question: str
    short: str
    detail: str = ""
    simple: str = ""
    caveat: str = ""
    keywords: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    status: str = "draft"
    reviewed_by: str = ""
    reviewed_on: dt.date | None = None
    signed_hash: str = ""

    @property
    def bank(self) -> tuple[str, ...]:
        return (self.question, *self.questions)

    def to_dict(self) -> dict[str, Any]:
        return {
            "lang": self.lang,
            "question": self.question,
            "short": self.short,
            "detail": self.detail,
            "simple": self.simple,
            "caveat": self.caveat,
            "keywords": list(self.keywords),
            "questions": list(self.questions),
            "status": self.status,
            "reviewed_by": self.reviewed_by,
            "reviewed_on": self.reviewed_on.isoformat() if self.reviewed_on else None,
            "signed_hash": self.signed_hash,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Translation:
        return cls(
            lang=d["lang"],
            question=d["question"],
            short=d["short"],
            detail=d.get("detail", ""),
            simple=d.get("simple", ""),
            caveat=d.get("caveat", ""),
            keywords=tuple(d.get("keywords", ())),
            questions=tuple(d.get("questions", ())),
            status=d.get("status", "draft"),
            reviewed_by=d.get("reviewed_by", ""),
            reviewed_on=dt.date.fromisoformat(d["reviewed_on"]) if d.get("reviewed_on") else None,
            signed_hash=d.get("signed_hash", ""),
        )


@dataclass(frozen=True)
class Answer:
    id: str
    topic: str
    intents: tuple[str, ...]
    entities: dict[str, tuple[str, ...]]
    question: str
    short: str
    detail: str = ""
    questions: tuple[str, ...] = ()  # the question bank: ways people ask for this answer
    caveat: str = ""
    keywords: tuple[str, ...] = ()
    citations: tuple[Citation, ...] = ()
    reviewed: dt.date | None = None  # when our team last checked it against its sources
    simple: str = ""  # the same facts said more simply (grade <= 5)
    get_help: tuple[str, ...] = ()  # domain responses ("utter_get_help_…") shown after it
    # the general reply to someone deciding about it ("should I get a second opinion?"): a
    # personal question that matches it gets this answer, which decides nothing for the
    # reader, instead of the bare deferral
    decision_help: bool = False
    # the general answer of its topic ("What treatments are there?"): the volunteers' lookup
    # lists it first for a bare topic word ("treatments", "symptoms"); one per topic at most
    overview: bool = False
    status: str = "draft"  # draft | reviewed (signed by a named clinician)
    reviewed_by: str = ""  # name + credential of that clinician
    reviewed_on: dt.date | None = None
    signed_hash: str = ""  # hash of the text the clinician signed (mbc.review.signed_hash)
    translations: dict[str, Translation] = field(default_factory=dict)  # "es" -> its Spanish text
    file: str = field(default="", compare=False)

    def text_in(self, lang: str) -> Translation | None:
        """This answer's text in ``lang`` ("es"), or None (English is the answer itself)."""
        return self.translations.get(lang)

    @property
    def bank(self) -> tuple[str, ...]:
        """Every way of asking for this answer: its own question first, then the bank."""
        return (self.question, *self.questions)

    @property
    def is_general(self) -> bool:
        return not self.entities

    def entity_pairs(self) -> set[tuple[str, str]]:
        return {(t, v) for t, vals in self.entities.items() for v in vals}

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "topic": self.topic,
            "intents": list(self.intents),
            "entities": {k: list(v) for k, v in self.entities.items()},
            "question": self.question,
            "questions": list(self.questions),
            "short": self.short,
            "detail": self.detail,
            "caveat": self.caveat,
            "keywords": list(self.keywords),
            "citations": [{"source": c.source, "section": c.section} for c in self.citations],
            "reviewed": self.reviewed.isoformat() if self.reviewed else None,
            "simple": self.simple,
            "get_help": list(self.get_help),
            "decision_help": self.decision_help,
            "overview": self.overview,
            "status": self.status,
            "reviewed_by": self.reviewed_by,
            "reviewed_on": self.reviewed_on.isoformat() if self.reviewed_on else None,
            "signed_hash": self.signed_hash,
            "translations": {k: t.to_dict() for k, t in self.translations.items()},
            "file": self.file,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Answer:
        return cls(
            id=d["id"],
            topic=d["topic"],
            intents=tuple(d["intents"]),
            entities={k: tuple(v) for k, v in d["entities"].items()},
            question=d["question"],
            questions=tuple(d.get("questions", ())),
            short=d["short"],
            detail=d.get("detail", ""),
            caveat=d.get("caveat", ""),
            keywords=tuple(d.get("keywords", ())),
            citations=tuple(Citation(c["source"], c["section"]) for c in d["citations"]),
            reviewed=dt.date.fromisoformat(d["reviewed"]) if d.get("reviewed") else None,
            simple=d.get("simple", ""),
            get_help=tuple(d.get("get_help", ())),
            decision_help=bool(d.get("decision_help", False)),
            overview=bool(d.get("overview", False)),
            status=d.get("status", "draft"),
            reviewed_by=d.get("reviewed_by", ""),
            reviewed_on=dt.date.fromisoformat(d["reviewed_on"]) if d.get("reviewed_on") else None,
            signed_hash=d.get("signed_hash", ""),
            translations={k: Translation.from_dict(t) for k, t in (d.get("translations") or {}).items()},
            file=d.get("file", ""),
        )
