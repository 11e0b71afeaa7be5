"""Compile the answers into an embedded SQLite FTS5 index and search it with BM25.

Both documents and queries go through the project's spaCy pipeline: lemmas for
the words, plus one token per recognised entity (so "Herceptin" finds answers
about trastuzumab). Query words the index has never seen are corrected to the
closest indexed word, so "symtoms" still finds symptoms.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mbc.model import Answer, Source
from mbc.nlp import content_lemmas, entities, lemma_table
from mbc.terms import token_for

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.lookups import Table

    from mbc import spanish as spanish_module

# bm25() weights per column: id (unindexed), question, body, keywords, entity tokens.
BM25_WEIGHTS = (0.0, 4.0, 1.0, 2.0, 3.0)
# Relevance multiplier by the best trust level among an answer's sources: answers that
# rest only on the unattributed article rank below attributed ones of similar relevance.
TRUST_FACTOR = {"high": 1.0, "medium": 0.95, "low": 0.8}

SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE sources(id TEXT PRIMARY KEY, json TEXT NOT NULL);
CREATE TABLE answers(id TEXT PRIMARY KEY, json TEXT NOT NULL, trust REAL NOT NULL);
CREATE TABLE vocab(term TEXT PRIMARY KEY);
CREATE TABLE english(hash INTEGER PRIMARY KEY);
CREATE VIRTUAL TABLE docs USING fts5(
    id UNINDEXED, question, body, keywords, ents, tokenize='unicode61 remove_diacritics 2'
);
CREATE TABLE vocab_es(term TEXT PRIMARY KEY);
CREATE TABLE spanish(hash INTEGER PRIMARY KEY);
CREATE TABLE lemma_es(hash INTEGER PRIMARY KEY, lemma TEXT NOT NULL);
CREATE VIRTUAL TABLE docs_es USING fts5(
    id UNINDEXED, question, body, keywords, ents, tokenize='unicode61 remove_diacritics 2'
);
"""
DOCS = {"en": "docs", "es": "docs_es"}  # the FTS table of each language's texts


@dataclass(frozen=True)
class Hit:
    answer_id: str
    score: float  # higher is better


_TABLES: dict[int, Table] = {}


def analyze(nlp: Language, text: str) -> tuple[list[str], dict[str, set[str]]]:
    """Content lemmas and canonical entities of a text (the table is cached per pipeline)."""
    table = _TABLES.get(id(nlp))
    if table is None:
        table = _TABLES[id(nlp)] = lemma_table(nlp)
    doc = nlp(text)
    return content_lemmas(doc, table), entities(doc)


# Words more frequent than this (log probability, spacy-lookups-data's English lexeme
# table) count as ordinary English. Rarer words the store has never seen are usually a
# drug, test or condition our sources don't name (exemestane -18.5, Enhertu: absent).
COMMON_WORD_LOGPROB = -17.0


def _signed(h: int) -> int:
    return h - (1 << 64) if h >= 1 << 63 else h


def common_english() -> list[int]:
    """Ordinary English words as spaCy string hashes (the table is keyed by hash), from
    the installed spacy-lookups-data (no download)."""
    return common_words("en")


COMMON_LOGPROB = {"en": COMMON_WORD_LOGPROB, "es": -16.0}


def spanish_lemmas() -> list[tuple[int, str]]:
    """spaCy's Spanish lemma table (form hash -> lemma), for the index: the running bot looks
    lemmas up in SQLite instead of holding the table in memory."""
    from spacy.lookups import load_lookups

    table = load_lookups("es", ["lemma_lookup"]).get_table("lemma_lookup")
    return [(_signed(int(k)), v) for k, v in table.items() if isinstance(v, str)]


def common_words(lang: str) -> list[int]:
    """Ordinary words of ``lang`` ("en", "es") as spaCy string hashes."""
    from spacy.lookups import load_lookups

    table = load_lookups(lang, ["lexeme_prob"]).get_table("lexeme_prob")
    floor = COMMON_LOGPROB[lang]
    return [_signed(int(k)) for k, p in table.items() if p > floor]


def word_hash(word: str) -> int:
    from spacy.strings import get_string_id

    return _signed(int(get_string_id(word)))


def _entity_tokens(found: dict[str, set[str]]) -> list[str]:
    return [token_for(t, v) for t, vals in found.items() for v in vals]


def build_index(nlp: Language, answers: list[Answer], sources: dict[str, Source], out: Path) -> Path:
    """Write a fresh index to ``out`` atomically (build to a temp file, then rename)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    con.executescript(SCHEMA)
    vocab: set[str] = set()
    for src in sources.values():
        con.execute("INSERT INTO sources VALUES (?, ?)", (src.id, json.dumps(src.to_dict())))
    for a in answers:
        q_lem, q_ents = analyze(nlp, " ".join(a.bank))
        b_lem, b_ents = analyze(nlp, " ".join((a.short, a.detail, a.caveat)))
        k_lem, k_ents = analyze(nlp, " ".join(a.keywords))
        declared = {t: set(v) for t, v in a.entities.items()}
        ent_tokens = _entity_tokens(declared) * 2 + _entity_tokens(q_ents)
        ent_tokens += _entity_tokens(k_ents) + _entity_tokens(b_ents)
        vocab.update(q_lem, b_lem, k_lem)
        trusts = [sources[c.source].trust for c in a.citations if c.source in sources]
        trust = max((TRUST_FACTOR.get(t, 0.8) for t in trusts), default=0.8)
        con.execute("INSERT INTO answers VALUES (?, ?, ?)", (a.id, json.dumps(a.to_dict()), trust))
        con.execute(
            "INSERT INTO docs VALUES (?, ?, ?, ?, ?)",
            (a.id, " ".join(q_lem), " ".join(b_lem), " ".join(k_lem), " ".join(ent_tokens)),
        )
    con.executemany("INSERT INTO vocab VALUES (?)", [(v,) for v in sorted(vocab)])
    _index_spanish(con, answers)
    con.executemany("INSERT OR IGNORE INTO english VALUES (?)", [(h,) for h in common_english()])
    con.execute("INSERT INTO meta VALUES ('built', ?)", (dt.datetime.now(dt.timezone.utc).isoformat(),))
    con.execute("INSERT INTO meta VALUES ('answers', ?)", (str(len(answers)),))
    con.commit()
    con.close()
    tmp.replace(out)
    return out


def _index_spanish(con: sqlite3.Connection, answers: list[Answer]) -> None:
    """The Spanish texts (``es:``), lemmatised by mbc.spanish, with the same entity tokens."""
    from mbc import spanish

    terms = spanish_terms()
    vocab: set[str] = set()
    for a in answers:
        t = a.text_in("es")
        if t is None:
            continue
        q_lem = spanish.content_lemmas(" ".join(t.bank))
        b_lem = spanish.content_lemmas(" ".join((t.short, t.detail, t.caveat)))
        k_lem = spanish.content_lemmas(" ".join(t.keywords))
        q_ents = {k: set(v) for k, v in terms.find(" ".join(t.bank)).items()}
        declared = {k: set(v) for k, v in a.entities.items()}
        ent_tokens = _entity_tokens(declared) * 2 + _entity_tokens(q_ents)
        vocab.update(q_lem, b_lem, k_lem)
        con.execute(
            "INSERT INTO docs_es VALUES (?, ?, ?, ?, ?)",
            (a.id, " ".join(q_lem), " ".join(b_lem), " ".join(k_lem), " ".join(ent_tokens)),
        )
    con.executemany("INSERT INTO vocab_es VALUES (?)", [(v,) for v in sorted(vocab)])
    con.executemany("INSERT OR IGNORE INTO spanish VALUES (?)", [(h,) for h in common_words("es")])
    con.executemany("INSERT OR IGNORE INTO lemma_es VALUES (?, ?)", spanish_lemmas())


def spanish_terms() -> spanish_module.Terms:
    """terms.yml (names used in both languages) and terms_es.yml (Spanish words)."""
    import yaml

    from mbc import paths
    from mbc.spanish import Terms

    tables = []
    for name in ("terms_es.yml", "terms.yml"):
        path = paths.knowledge_dir() / name
        if path.exists():
            tables.append(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
    return Terms(tables)


def _closest(word: str, vocab: set[str], by_initial: dict[str, list[str]]) -> str | None:
    """``word`` if indexed, else the indexed word of the same first letter it most likely
    misspells (None if nothing is close)."""
    if word in vocab:
        return word
    if len(word) < 4 or word.isdigit():
        return None
    candidates = [w for w in by_initial.get(word[:1], ()) if abs(len(w) - len(word)) <= 2]
    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.8)
    return close[0] if close else None


class Index:
    """Read-only handle on a built index. Safe to share across threads (one connection
    per call would be slower; SQLite serialises access to this read-only connection)."""

    def __init__(self, path: Path) -> None:
        uri = f"file:{path}?mode=ro"
        self._con = sqlite3.connect(uri, uri=True, check_same_thread=False)
        self.vocab = {row[0] for row in self._con.execute("SELECT term FROM vocab")}
        # Typo candidates grouped by first letter: difflib over the whole vocabulary is the
        # slowest step of a query, and first letters are rarely the mistyped ones.
        self._by_initial: dict[str, list[str]] = {}
        for word in sorted(self.vocab):
            self._by_initial.setdefault(word[:1], []).append(word)
        self.correct = functools.lru_cache(maxsize=4096)(self._correct)  # type: ignore[method-assign]
        self.vocab_es = {row[0] for row in self._con.execute("SELECT term FROM vocab_es")}
        self._by_initial_es: dict[str, list[str]] = {}
        for word in sorted(self.vocab_es):
            self._by_initial_es.setdefault(word[:1], []).append(word)
        self.correct_es = functools.lru_cache(maxsize=4096)(self._correct_es)
        self.lemma_es = functools.lru_cache(maxsize=16384)(self._lemma_es)
        self.trust = dict(self._con.execute("SELECT id, trust FROM answers"))

    def _lemma_es(self, form: str) -> str | None:
        row = self._con.execute("SELECT lemma FROM lemma_es WHERE hash = ?", (word_hash(form),)).fetchone()
        return str(row[0]) if row else None

    def is_spanish(self, word: str) -> bool:
        return self._con.execute("SELECT 1 FROM spanish WHERE hash = ?", (word_hash(word),)).fetchone() is not None

    def is_english(self, word: str) -> bool:
        return self._con.execute("SELECT 1 FROM english WHERE hash = ?", (word_hash(word),)).fetchone() is not None

    def load_answers(self) -> dict[str, Answer]:
        rows = self._con.execute("SELECT json FROM answers ORDER BY rowid")
        return {a.id: a for a in (Answer.from_dict(json.loads(r[0])) for r in rows)}

    def load_sources(self) -> dict[str, Source]:
        out = {}
        for (raw,) in self._con.execute("SELECT json FROM sources"):
            d = json.loads(raw)
            out[d["id"]] = Source(
                id=d["id"],
                publisher=d["publisher"],
                publisher_short=d["publisher_short"],
                title=d["title"],
                site=d["site"],
                url=d["url"],
                reviewed=dt.date.fromisoformat(d["reviewed"]) if d["reviewed"] else None,
                reviewers=tuple(d["reviewers"]),
                trust=d["trust"],
                publisher_short_es=d.get("publisher_short_es", ""),
            )
        return out

    def _correct(self, word: str) -> str | None:
        """The indexed word a typo most likely meant (None if nothing is close)."""
        return _closest(word, self.vocab, self._by_initial)

    def _correct_es(self, word: str) -> str | None:
        return _closest(word, self.vocab_es, self._by_initial_es)

    def query_terms(self, lemmas: list[str], found: dict[str, set[str]], lang: str = "en") -> list[str]:
        correct = self.correct_es if lang == "es" else self.correct
        terms = [c for c in (correct(w) for w in lemmas) if c]
        terms += _entity_tokens(found)
        return list(dict.fromkeys(terms))  # unique, order kept

    def search(
        self,
        lemmas: list[str],
        found: dict[str, set[str]],
        limit: int = 5,
        only: set[str] | None = None,
        lang: str = "en",
    ) -> list[Hit]:
        """Precision first: documents with *all* query terms, then (only if more are
        needed) documents with any of them. The AND pass touches few rows, so a query
        stays fast as the store grows; the OR pass keeps recall for loose wording."""
        terms = self.query_terms(lemmas, found, lang)
        if not terms:
            return []
        table = DOCS.get(lang, "docs")
        hits = self._match(" AND ".join(f'"{t}"' for t in terms), only, table=table) if len(terms) > 1 else []
        if len(hits) < limit:
            seen = {h.answer_id for h in hits}
            rest = [
                h
                for h in self._match(" OR ".join(f'"{t}"' for t in terms), only, table=table)
                if h.answer_id not in seen
            ]
            hits += rest
        return hits[:limit]

    def _match(self, match: str, only: set[str] | None, cap: int = 200, table: str = "docs") -> list[Hit]:
        weights = ", ".join(str(w) for w in BM25_WEIGHTS)
        assert table in DOCS.values()
        rows = self._con.execute(
            f"SELECT id, bm25({table}, {weights}) FROM {table} WHERE {table} MATCH ? ORDER BY 2 LIMIT {cap}",
            (match,),
        ).fetchall()
        hits = [Hit(aid, -score * self.trust.get(aid, 0.8)) for aid, score in rows if only is None or aid in only]
        hits.sort(key=lambda h: h.score, reverse=True)
        return hits
