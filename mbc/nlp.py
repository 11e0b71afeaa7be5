"""The project's own spaCy pipeline: blank English, lookup lemmatizer, entity_ruler.

No downloaded model exists here, so we build one at setup and load it by path.
Rasa's ``SpacyNLP`` loads the same folder, so NLU and the store see the same
tokens, lemmas and entities.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from mbc import paths
from mbc.terms import Vocabulary

if TYPE_CHECKING:  # spaCy is heavy; import it only when a pipeline is built or loaded
    from spacy.language import Language
    from spacy.lookups import Table
    from spacy.tokens import Doc

Entities = dict[str, set[str]]


def build(vocab: Vocabulary, out_dir: Path) -> Path:
    """Build and save the pipeline. Patterns go in *after* ``initialize()``:
    ``EntityRuler.initialize`` clears patterns added before it."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True})
    nlp.initialize()  # loads the lemma lookup table from spacy-lookups-data
    ruler.add_patterns(vocab.patterns())  # type: ignore[attr-defined]
    nlp.meta["name"] = "mbc_pipeline"
    nlp.meta["version"] = "1.0.0"
    nlp.meta["description"] = "Blank English + lookup lemmatizer + MBC entity_ruler"
    out_dir.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out_dir)
    return out_dir


@functools.lru_cache(maxsize=4)
def load(path: str | None = None) -> Language:
    """Load the saved pipeline once per process (lazy: nothing happens at import)."""
    import spacy

    target = Path(path) if path else paths.spacy_dir()
    if not (target / "meta.json").exists():
        vocab = Vocabulary.load(paths.knowledge_dir() / "terms.yml")
        build(vocab, target)
    return spacy.load(target)


def entities(doc: Doc) -> Entities:
    """Canonical entities found in a doc: ``{"site": {"bone"}, ...}``."""
    found: Entities = defaultdict(set)
    for ent in doc.ents:
        if ent.ent_id_:
            found[ent.label_].add(ent.ent_id_)
    return dict(found)


def lemma_table(nlp: Language) -> Table:
    """The lookup lemmatizer's table (word -> lemma; keyed by hash, so query it by string)."""
    return nlp.get_pipe("lemmatizer").lookups.get_table("lemma_lookup")  # type: ignore[attr-defined]


def content_lemmas(doc: Doc, table: Table | None = None) -> list[str]:
    """Lower-cased lemmas of the words that carry meaning (no stop words, no punctuation).

    The lookup table is keyed by exact text, so "Symptoms" is looked up again in
    lower case."""
    out = []
    for tok in doc:
        if tok.is_stop or tok.is_punct or tok.is_space:
            continue
        lemma = tok.lemma_ or tok.text
        if table is not None and lemma == tok.text and tok.text != tok.lower_:
            lemma = table.get(tok.lower_, tok.lower_)
        lemma = lemma.lower()
        word = "".join(ch for ch in lemma if ch.isalnum())
        if word:
            out.append(word)
    return out
