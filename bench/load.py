"""Drive a Rasa REST endpoint at a fixed concurrency and summarise latency."""

from __future__ import annotations

import asyncio
import statistics
import time
import uuid
from dataclasses import asdict, dataclass

import aiohttp


@dataclass
class LoadResult:
    concurrency: int
    seconds: float
    messages: int
    errors: int
    msgs_per_s: float
    p50_ms: float
    p95_ms: float
    p99_ms: float

    def to_dict(self) -> dict:
        return asdict(self)


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


SESSION_LENGTH = 8  # each simulated person asks 8 questions, then a new person starts


async def _worker(
    session: aiohttp.ClientSession,
    url: str,
    questions: list[str],
    stop_at: float,
    max_messages: int,
    lat: list[float],
    errors: list[int],
    counter: list[int],
) -> None:
    sender = f"bench-{uuid.uuid4().hex[:10]}"
    i = 0
    while time.monotonic() < stop_at and counter[0] < max_messages:
        counter[0] += 1
        if i and i % SESSION_LENGTH == 0:
            sender = f"bench-{uuid.uuid4().hex[:10]}"
        text = questions[i % len(questions)]
        i += 1
        t0 = time.perf_counter()
        try:
            async with session.post(url, json={"sender": sender, "message": text}) as r:
                body = await r.json(content_type=None)
                if r.status != 200 or not body:
                    errors[0] += 1
                    continue
        except (aiohttp.ClientError, asyncio.TimeoutError):
            errors[0] += 1
            continue
        lat.append((time.perf_counter() - t0) * 1000)


async def run_load(
    base_url: str, questions: list[str], concurrency: int, seconds: float, max_messages: int = 1_000_000
) -> LoadResult:
    url = f"{base_url}/webhooks/rest/webhook"
    lat: list[float] = []
    errors = [0]
    counter = [0]
    timeout = aiohttp.ClientTimeout(total=30)
    conn = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(timeout=timeout, connector=conn) as session:
        t0 = time.monotonic()
        stop_at = t0 + seconds
        await asyncio.gather(
            *(_worker(session, url, questions, stop_at, max_messages, lat, errors, counter) for _ in range(concurrency))
        )
        elapsed = time.monotonic() - t0
    return LoadResult(
        concurrency=concurrency,
        seconds=round(elapsed, 2),
        messages=len(lat),
        errors=errors[0],
        msgs_per_s=round(len(lat) / elapsed, 1) if elapsed else 0.0,
        p50_ms=round(statistics.median(lat), 1) if lat else float("nan"),
        p95_ms=round(pct(lat, 0.95), 1),
        p99_ms=round(pct(lat, 0.99), 1),
    )
