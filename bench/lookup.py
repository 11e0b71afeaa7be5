"""Latency of the volunteer lookup endpoint (GET /api/lookup) over HTTP.

Starts the web service (``python -m web``) on a free loopback port, warms it up, then
sends sequential requests with a keep-alive client over a mix of queries and reports
client-side p50/p95/p99. Figures only: nothing here passes or fails.

    .venv/bin/python -m bench.lookup            # prints the dict
    from bench.lookup import lookup_latency      # {"requests", "p50_ms", "p95_ms", ...}
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.servers import VENV_BIN, base_env, free_port, wait_until  # noqa: E402

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
    "where does breast cancer spread",
    "tamoxifen",
    "how many people live with metastatic breast cancer",
    "fatigue",
    "support group for caregivers",
    "HER2 positive treatment options",
    "spinal cord compression",
    "is stage 4 curable",
]


def lookup_latency(n_requests: int = 600, warmup: int = 40, limit: int = 5) -> dict:
    """p50/p95/p99 (ms) of GET /api/lookup?q=...&limit=5 against a freshly started web service."""
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "web.log"
        proc = subprocess.Popen(
            [str(VENV_BIN / "python"), "-m", "web", "--port", str(port)],
            cwd=ROOT,
            env=base_env(),
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            t0 = time.monotonic()
            wait_until(f"http://127.0.0.1:{port}/healthz", proc, 120, log)
            ready_s = time.monotonic() - t0
            url = f"http://127.0.0.1:{port}/api/lookup"
            lat: list[float] = []
            server_ms: list[float] = []
            errors = 0
            with requests.Session() as s:
                for i in range(warmup + n_requests):
                    q = QUERIES[i % len(QUERIES)]
                    t = time.perf_counter()
                    r = s.get(url, params={"q": q, "limit": limit}, timeout=10)
                    ms = (time.perf_counter() - t) * 1000
                    if i < warmup:
                        continue
                    if r.status_code != 200:
                        errors += 1
                        continue
                    lat.append(ms)
                    server_ms.append(r.json()["took_ms"])
                answers = s.get(f"http://127.0.0.1:{port}/healthz", timeout=10).json()["answers"]
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=15)
    lat.sort()
    server_ms.sort()

    def pct(xs: list[float], p: float) -> float:
        return round(xs[min(len(xs) - 1, int(p * len(xs)))], 2) if xs else float("nan")

    return {
        "requests": len(lat),
        "errors": errors,
        "answers": answers,
        "queries": len(QUERIES),
        "ready_s": round(ready_s, 1),
        "p50_ms": pct(lat, 0.50),
        "p95_ms": pct(lat, 0.95),
        "p99_ms": pct(lat, 0.99),
        "max_ms": round(lat[-1], 2),
        "server_p50_ms": pct(server_ms, 0.50),
        "server_p95_ms": pct(server_ms, 0.95),
    }


if __name__ == "__main__":
    print(json.dumps(lookup_latency(), indent=2))
