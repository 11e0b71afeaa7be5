"""Store query latency with the store grown to N synthetic answers."""

from __future__ import annotations

import random
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from mbc import paths
from mbc.index import Index, analyze, build_index
from mbc.loader import load_corpus
from mbc.nlp import load as load_nlp

QUERIES = [
    "bone scan",
    "symptoms of liver mets",
    "what is herceptin",
    "side effects of chemo",
    "helpline number",
    "what does ned mean",
    "how is mbc treated",
    "brain mets headaches",
    "lower my risk",
    "clinical trials",
    "symtoms of lung metastisis",
    "de novo",
]


def store_query_latency(n: int, repeats: int = 2000) -> dict:
    corpus = load_corpus(paths.knowledge_dir())
    rng = random.Random(7)
    answers = list(corpus.answers)
    base = list(answers)
    while len(answers) < n:
        a = rng.choice(base)
        words = (a.short + " " + a.detail).split()
        rng.shuffle(words)
        answers.append(replace(a, id=f"{a.id}-syn{len(answers)}", short=" ".join(words[:40]), detail=""))
    nlp = load_nlp()
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.monotonic()
        path = build_index(nlp, answers, corpus.sources, Path(tmp) / "big.sqlite")
        build_s = time.monotonic() - t0
        index = Index(path)
        lat = []
        for i in range(repeats):
            q = QUERIES[i % len(QUERIES)]
            t = time.perf_counter()
            lemmas, found = analyze(nlp, q)
            index.search(lemmas, found, limit=5)
            lat.append((time.perf_counter() - t) * 1000)
    lat.sort()
    return {
        "answers": len(answers),
        "build_s": round(build_s, 1),
        "p50_ms": round(lat[len(lat) // 2], 2),
        "p95_ms": round(lat[int(0.95 * len(lat))], 2),
    }
