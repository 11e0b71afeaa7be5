"""Where the core's time per message goes, and the embedding's share of it:
``respond()`` on the development set's messages, with the encoder timed separately."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def core_latency(path: str = "tests/data/real_dev.yml", rounds: int = 2, lang: str = "en") -> dict:
    from mbc.kb import get_kb
    from mbc.respond import Context, respond

    kb = get_kb()
    matcher = kb.matcher_for(lang)
    encode = matcher.encode
    spent: list[float] = []

    def timed(texts: list[str]):  # type: ignore[no-untyped-def]
        t0 = time.perf_counter()
        out = encode(texts)
        spent.append(time.perf_counter() - t0)
        return out

    matcher.encode = timed
    messages = [c["text"] for c in yaml.safe_load((ROOT / path).read_text())["cases"]]
    respond(messages[0], Context(), kb)  # warm
    totals, embeds = [], []
    try:
        for _ in range(rounds):
            for text in messages:
                spent.clear()
                t0 = time.perf_counter()
                respond(text, Context(), kb)
                totals.append(time.perf_counter() - t0)
                embeds.append(sum(spent))
    finally:
        matcher.encode = encode
    ms = sorted(t * 1000 for t in totals)
    return {
        "messages": len(totals),
        "respond_p50_ms": round(statistics.median(ms), 2),
        "respond_p95_ms": round(ms[int(0.95 * (len(ms) - 1))], 2),
        "embedding_p50_ms": round(statistics.median(e * 1000 for e in embeds), 2),
        "embedding_share": round(sum(embeds) / sum(totals), 3),
    }


if __name__ == "__main__":
    from mbc.lean import block_tensorflow

    block_tensorflow()
    print("English:", core_latency())
    print("Spanish:", core_latency("tests/data/es_dev.yml", rounds=1, lang="es"))
