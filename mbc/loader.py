"""Read sources.yml and answers/*.yml into records, collecting problems instead of crashing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from mbc.model import Answer, Citation, Source, Translation


@dataclass
class Corpus:
    sources: dict[str, Source] = field(default_factory=dict)
    answers: list[Answer] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _text(value: Any) -> str:
    return " ".join(str(value or "").split())


def load_sources(path: Path, corpus: Corpus) -> None:
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    for i, rec in enumerate(raw.get("sources", [])):
        try:
            src = Source(
                id=str(rec["id"]),
                publisher=str(rec["publisher"]),
                publisher_short=str(rec.get("publisher_short") or rec["publisher"]),
                title=str(rec["title"]),
                site=rec.get("site"),
                url=rec.get("url"),
                reviewed=_date(rec.get("reviewed")),
                reviewers=tuple(rec.get("reviewers") or ()),
                trust=str(rec.get("trust", "low")),
                publisher_short_es=str(rec.get("publisher_short_es") or ""),
            )
        except (KeyError, TypeError, ValueError) as exc:
            corpus.errors.append(f"{path.name}: source #{i}: {exc!r}")
            continue
        if src.id in corpus.sources:
            corpus.errors.append(f"{path.name}: duplicate source id {src.id!r}")
        corpus.sources[src.id] = src


def load_answers(folder: Path, corpus: Corpus) -> None:
    for path in sorted(folder.glob("*.yml")):
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            corpus.errors.append(f"{path.name}: not valid YAML: {exc}")
            continue
        for i, rec in enumerate(raw.get("answers") or []):
            try:
                corpus.answers.append(_answer(rec, path.name))
            except (KeyError, TypeError, ValueError) as exc:
                corpus.errors.append(f"{path.name}: answer #{i} ({rec.get('id', '?')}): {exc!r}")


def _answer(rec: dict[str, Any], file: str) -> Answer:
    entities = rec.get("entities") or {}
    if not isinstance(entities, dict):
        raise TypeError("entities must be a mapping")
    return Answer(
        id=str(rec["id"]),
        topic=str(rec["topic"]),
        intents=tuple(rec.get("intents") or ()),
        entities={str(k): tuple(str(v) for v in (vals or ())) for k, vals in entities.items()},
        question=_text(rec["question"]),
        questions=tuple(_text(q) for q in rec.get("questions") or ()),
        short=_text(rec["short"]),
        detail=_text(rec.get("detail")),
        caveat=_text(rec.get("caveat")),
        keywords=tuple(str(k) for k in rec.get("keywords") or ()),
        citations=tuple(Citation(str(c["source"]), _text(c.get("section"))) for c in rec.get("citations") or ()),
        reviewed=_date(rec.get("reviewed")),
        simple=_text(rec.get("simple")),
        get_help=tuple(str(r) for r in rec.get("get_help") or ()),
        decision_help=bool(rec.get("decision_help", False)),
        overview=bool(rec.get("overview", False)),
        status=str(rec.get("status") or "draft"),
        reviewed_by=_text(rec.get("reviewed_by")),
        reviewed_on=_date(rec.get("reviewed_on")),
        signed_hash=str(rec.get("signed_hash") or ""),
        translations={lang: _translation(lang, rec[lang]) for lang in TRANSLATED if rec.get(lang)},
        file=file,
    )


TRANSLATED = ("es",)  # languages an answer may carry next to its English (issue 12)


def _translation(lang: str, rec: Any) -> Translation:
    if not isinstance(rec, dict):
        raise TypeError(f"{lang} must be a mapping")
    return Translation(
        lang=lang,
        question=_text(rec["question"]),
        short=_text(rec["short"]),
        detail=_text(rec.get("detail")),
        simple=_text(rec.get("simple")),
        caveat=_text(rec.get("caveat")),
        keywords=tuple(str(k) for k in rec.get("keywords") or ()),
        questions=tuple(_text(q) for q in rec.get("questions") or ()),
        status=str(rec.get("status") or "draft"),
        reviewed_by=_text(rec.get("reviewed_by")),
        reviewed_on=_date(rec.get("reviewed_on")),
        signed_hash=str(rec.get("signed_hash") or ""),
    )


def load_extra_questions(folder: Path, corpus: Corpus) -> None:
    """More of each answer's question bank, kept apart from the answer texts
    (``questions/*.yml``: ``{answer id: [questions]}``), so banks and texts can be edited
    independently."""
    if not folder.is_dir():
        return
    by_id = {a.id: i for i, a in enumerate(corpus.answers)}
    for path in sorted(folder.glob("*.yml")):
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            corpus.errors.append(f"questions/{path.name}: not valid YAML: {exc}")
            continue
        for aid, questions in (raw.get("questions") or {}).items():
            if aid not in by_id:
                corpus.errors.append(f"questions/{path.name}: unknown answer id {aid!r}")
                continue
            i = by_id[aid]
            extra = tuple(_text(q) for q in questions or () if _text(q))
            corpus.answers[i] = replace(corpus.answers[i], questions=corpus.answers[i].questions + extra)


def load_corpus(knowledge_dir: Path) -> Corpus:
    corpus = Corpus()
    load_sources(knowledge_dir / "sources.yml", corpus)
    load_answers(knowledge_dir / "answers", corpus)
    load_extra_questions(knowledge_dir / "questions", corpus)
    return corpus
