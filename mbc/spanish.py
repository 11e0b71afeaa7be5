"""A Spanish message, analysed once into the same ``Query`` the English path reads.

* words are folded (lower case, no accents: "higado" = "hígado", as most people type);
* content lemmas come from spaCy's own Spanish data (``spacy.lang.es`` stop words and
  spacy-lookups-data's ``es`` lemma table, both installed: no download, no model);
* entities are the canonical values of ``terms.yml`` (drug and brand names, "her2"…) and
  ``terms_es.yml`` (Spanish words), matched on whole folded words;
* the question type and the questions in a story come from Spanish question words.

Nothing is loaded at import time: the lemma table (~0.2 s) loads on the first Spanish
message and stays loaded.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final

from mbc.query import Query, clean, parse_payload

_WORD: Final = re.compile(r"[a-z0-9ñ]+(?:[/-][a-z0-9ñ]+)*")
_SENTENCE: Final = re.compile(r"(?<=[.!?])\s+|\n+|(?=¿)")
_QUESTION_WORDS: Final = {
    "que": "what",
    "qué": "what",
    "cual": "which",
    "cuales": "which",
    "como": "how",
    "cuanto": "how",
    "cuanta": "how",
    "cuantos": "how",
    "cuantas": "how",
    "por que": "why",
    "porque": "why",
    "xq": "why",
    "pq": "why",
    "donde": "where",
    "adonde": "where",
    "a donde": "where",
    "cuando": "when",
    "puede": "can",
    "pueden": "can",
    "puedo": "can",
    "se puede": "can",
    "podria": "can",
    "es": "yesno",
    "son": "yesno",
    "hay": "yesno",
    "tiene": "yesno",
    "existe": "yesno",
}
_QUESTION_START: Final = re.compile(
    r"^\s*(?:que|cual|cuales|como|cuanto|cuanta|cuantos|cuantas|por que|porque|xq|pq|donde|a donde|adonde|"
    r"cuando|quien|quienes|puede|pueden|puedo|se puede|podria|es normal|es verdad|hay|existe|me pueden|"
    r"me podrian|alguien sabe|quisiera saber|quiero saber|necesito saber|me gustaria saber|"
    r"expliqueme|explicame|digame|dime)\b"
)
_ELISIONS: Final = {"q": "que", "k": "que", "xq": "porque", "pq": "porque", "tmb": "tambien", "tb": "tambien"}
_KEEP_SHORT: Final = frozenset({"pet", "tac", "eco", "her2", "mbc", "ned"})


def fold(text: str) -> str:
    """Lower case without accents or diaeresis; ñ stays ñ."""
    low = unicodedata.normalize("NFC", text).lower().replace("ñ", "\0")
    out = "".join(c for c in unicodedata.normalize("NFD", low) if unicodedata.category(c) != "Mn")
    return out.replace("\0", "ñ")


def words(text: str) -> list[str]:
    return [_ELISIONS.get(w, w) for w in _WORD.findall(fold(text))]


# Words spaCy's Spanish list stops that carry meaning here: "¿cómo se trata?" asks about
# treatment, and the rest are topic cues (data/dialogue/cues.yml).
KEEP_WORDS: Final = frozenset({"trata", "diferente", "mismo", "siempre", "usar"})


@functools.lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.es.stop_words import STOP_WORDS

    extra = {"hola", "gracias", "favor", "porfa", "pregunta", "saber", "quisiera", "alguien", "sabe", "ud", "usted"}
    return (frozenset(fold(w) for w in STOP_WORDS) | frozenset(extra)) - KEEP_WORDS


@functools.lru_cache(maxsize=1)
def _lemma_table() -> Any:
    """spacy-lookups-data's Spanish lemma table (keyed by string hash: look up, not list)."""
    from spacy.lookups import load_lookups

    return load_lookups("es", ["lemma_lookup"]).get_table("lemma_lookup")


_ACCENT = {"a": "á", "e": "é", "i": "í", "o": "ó", "u": "ú"}


def _spellings(word: str) -> list[str]:
    """The word, then the same word with one vowel accented ("sintomas" -> "síntomas",
    "extendio" -> "extendió"): people type without accents, the table has them."""
    out = [word]
    for i, ch in enumerate(word):
        if ch in _ACCENT:
            out.append(word[:i] + _ACCENT[ch] + word[i + 1 :])
    return out


Lookup = Callable[[str], "str | None"]  # an accented word form -> its lemma, or None


@functools.lru_cache(maxsize=1)
def table_lookup() -> Lookup:
    """Lemmas from the spaCy table in memory (~150 MB): for building the index and for tests.
    The running bot reads the same table from the built index (mbc.index.Index.lemma_es)."""
    table = _lemma_table()

    def get(form: str) -> str | None:
        found = table.get(form)
        return found if isinstance(found, str) else None

    return get


def lemma(word: str, lookup: Lookup | None = None) -> str:
    """The folded lemma of a word written with or without its accents."""
    get = lookup or table_lookup()
    for form in _spellings(word):
        found = get(form)
        if found:
            return fold(found)
    return fold(word)


def content_lemmas(text: str, lookup: Lookup | None = None) -> list[str]:
    stop = _stop_words()
    out = []
    for w in _raw_words(text):
        f = fold(w)
        if f in stop or (len(f) < 3 and f not in _KEEP_SHORT):
            continue
        out.append(lemma(w, lookup))
    return out


def _raw_words(text: str) -> list[str]:
    """Lower-case words with their accents kept (the lemma table is accented); the stop-word
    and short-word checks read their folded form."""
    low = unicodedata.normalize("NFC", text).lower()
    return [_ELISIONS.get(w, w) for w in re.findall(r"[a-z0-9ñáéíóúü]+(?:[/-][a-z0-9ñáéíóúü]+)*", low)]


class Terms:
    """Entity phrases (folded) -> (type, canonical value), longest first."""

    def __init__(self, canon: Iterable[Mapping[str, Mapping[str, list[str]]]]) -> None:
        phrases: dict[str, tuple[str, str]] = {}
        for table in canon:
            for etype, values in table.items():
                for value, forms in values.items():
                    for form in [value.replace("_", " "), *forms]:
                        key = " ".join(words(str(form)))
                        if key:
                            phrases.setdefault(key, (etype, value))
        ordered = sorted(phrases, key=len, reverse=True)
        self._phrases = phrases
        self._pattern = re.compile(r"(?<![a-z0-9ñ])(?:" + "|".join(re.escape(p) for p in ordered) + r")(?![a-z0-9ñ])")

    def find(self, text: str) -> dict[str, frozenset[str]]:
        found: dict[str, set[str]] = {}
        for m in self._pattern.finditer(" ".join(words(text))):
            etype, value = self._phrases[m.group(0)]
            found.setdefault(etype, set()).add(value)
        return {t: frozenset(v) for t, v in found.items()}


def questions_in(text: str) -> tuple[str, ...]:
    sentences = [s.strip(" ,;") for s in _SENTENCE.split(text) if s and s.strip(" ,;")]
    asked = [s for s in sentences if s.endswith("?") or s.startswith("¿") or _QUESTION_START.match(fold(s))]
    return tuple(asked) or (text,)


def question_type(text: str) -> str:
    low = fold(text).lstrip(" ¿¡")
    for start, qtype in sorted(_QUESTION_WORDS.items(), key=lambda kv: -len(kv[0])):
        if re.match(rf"{re.escape(fold(start))}\b", low):
            return qtype
    if _QUESTION_START.match(low) or text.rstrip().endswith("?") or "¿" in text:
        return "yesno"
    return "statement"


# "¿qué es…?", "¿qué significa…?", "¿qué quiere decir…?": a request for a definition. Its
# words are all stop words, so the analysis adds the lemma "definir" (a topic cue for the
# about and terms answers, data/dialogue/cues.yml).
_DEFINITION: Final = re.compile(r"(?:^|[¿\s])(?:que|q|k) (?:es|son|significa|significan|quiere decir|quieren decir)\b")


def analyse(text: str, terms: Terms, lookup: Lookup | None = None) -> Query:
    cleaned = clean(text)
    payload = parse_payload(cleaned)
    lemmas = content_lemmas(cleaned, lookup) if cleaned and not payload else []
    if lemmas and _DEFINITION.search(fold(cleaned)):
        lemmas.append("definir")
    ents = terms.find(cleaned) if cleaned and not payload else {}
    return Query(
        text=cleaned,
        lower=" ".join(words(cleaned)),
        lemmas=tuple(lemmas),
        entities=ents,
        questions=questions_in(cleaned) if cleaned else (),
        qtype=question_type(cleaned),
        payload=payload,
        words=len(cleaned.split()),
        lang="es",
    )
