"""make bench: our bot vs Rasa's starter bot (`rasa init`), same machine, same run.

Prints a table and writes results/bench.json and results/bench.png. Figures only:
nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load import run_load  # noqa: E402
from bench.store import store_query_latency  # noqa: E402
from tests.servers import VENV_BIN, Bot, base_env, free_port, wait_until  # noqa: E402

QUESTIONS = [
    "where does breast cancer spread?",
    "what are the symptoms of bone mets",
    "what is a bone scan",
    "how is stage 4 treated",
    "what are the side effects of chemo",
    "what does NED mean",
    "hello",
    "thanks",
    "how many people live with mbc",
    "is there a helpline",
    "what is tamoxifen",
    "and the lungs?",
    "how can I lower my risk",
    "what is Herceptin",
]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return float("nan")


def load_suite(url: str, args: argparse.Namespace) -> list[dict]:
    out = []
    for conc, secs in ((1, args.seconds_c1), (8, args.seconds_c8), (32, args.seconds_c32)):
        # warm up, then measure
        asyncio.run(run_load(url, QUESTIONS, conc, 2))
        res = asyncio.run(run_load(url, QUESTIONS, conc, secs))
        print(
            f"  c={conc:<3} {res.msgs_per_s:>6} msg/s  p50 {res.p50_ms} ms  p95 {res.p95_ms} ms  "
            f"p99 {res.p99_ms} ms  errors {res.errors}",
            flush=True,
        )
        out.append(res.to_dict())
    return out


def bench_ours(args: argparse.Namespace, work: Path) -> dict:
    print("ours: training (fresh, to time it)", flush=True)
    t0 = time.monotonic()
    subprocess.run(
        [
            str(VENV_BIN / "rasa"),
            "train",
            "--data",
            "data/nlu",
            "data/rules",
            "--out",
            str(work),
            "--fixed-model-name",
            "ours",
            "--force",
            "--quiet",
        ],
        cwd=ROOT,
        env=base_env(),
        check=True,
        capture_output=True,
    )
    train_s = time.monotonic() - t0
    bot = Bot(workdir=work)
    bot.start_actions()
    t0 = time.monotonic()
    rasa = bot.start_rasa()
    ready_s = time.monotonic() - t0
    print(f"ours: trained in {train_s:.1f} s, ready in {ready_s:.1f} s", flush=True)
    try:
        loads = load_suite(bot.url, args)
        result = {
            "train_s": round(train_s, 1),
            "ready_s": round(ready_s, 1),
            "rss_mb": rss_mb(rasa.pid),
            "action_server_rss_mb": rss_mb(bot.procs[0].pid),
            "load": loads,
        }
    finally:
        bot.stop()
    return result


def bench_starter(args: argparse.Namespace, work: Path) -> dict:
    proj = work / "starter"
    proj.mkdir()  # rasa init --init-dir needs an existing folder
    print("starter: rasa init (trains the starter bot)", flush=True)
    t0 = time.monotonic()
    subprocess.run(
        [str(VENV_BIN / "rasa"), "init", "--no-prompt", "--init-dir", str(proj)],
        cwd=work,
        env=base_env(),
        check=True,
        capture_output=True,
    )
    train_s = time.monotonic() - t0
    port = free_port()
    log = work / "starter.log"
    t0 = time.monotonic()
    proc = subprocess.Popen(
        [str(VENV_BIN / "rasa"), "run", "--interface", "127.0.0.1", "--port", str(port)],
        cwd=proj,
        env=base_env(),
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_until(f"http://127.0.0.1:{port}/", proc, 300, log)
        ready_s = time.monotonic() - t0
        print(f"starter: init+train {train_s:.1f} s, ready in {ready_s:.1f} s", flush=True)
        loads = load_suite(f"http://127.0.0.1:{port}", args)
        return {"train_s": round(train_s, 1), "ready_s": round(ready_s, 1), "rss_mb": rss_mb(proc.pid), "load": loads}
    finally:
        os.killpg(proc.pid, 15)
        proc.wait(timeout=30)


def ratios(ours: dict, starter: dict) -> dict:
    out = {k: round(ours[k] / starter[k], 2) for k in ("train_s", "ready_s", "rss_mb") if starter.get(k)}
    for lo, ls in zip(ours["load"], starter["load"], strict=False):
        c = lo["concurrency"]
        for k in ("p50_ms", "p95_ms", "p99_ms", "msgs_per_s"):
            if ls[k]:
                out[f"c{c}_{k}"] = round(lo[k] / ls[k], 2)
    return out


def chart(result: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 3, figsize=(12, 3.6))
    names = [n for n in ("ours", "starter") if n in result]
    for ax, key, title in zip(
        axes, ("p50_ms", "p95_ms", "msgs_per_s"), ("p50 latency (ms)", "p95 latency (ms)", "messages / s"), strict=False
    ):
        for name in names:
            xs = [r["concurrency"] for r in result[name]["load"]]
            ax.plot(xs, [r[key] for r in result[name]["load"]], marker="o", label=name)
        ax.set_xscale("log", base=2)
        ax.set_xlabel("concurrency")
        ax.set_title(title)
        ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def table(result: dict) -> str:
    """The figures side by side, with ours/starter ratios."""
    names = [n for n in ("ours", "starter") if n in result]
    rows = [("training time (s)", "train_s"), ("start to ready (s)", "ready_s"), ("Rasa server RSS (MB)", "rss_mb")]
    lines = [f"{'figure':<34}" + "".join(f"{n:>12}" for n in names) + ("    ours/starter" if len(names) == 2 else "")]
    for label, key in rows:
        vals = [result[n].get(key) for n in names]
        ratio = f"{vals[0] / vals[1]:>16.2f}" if len(names) == 2 and vals[1] else ""
        lines.append(f"{label:<34}" + "".join(f"{v:>12}" for v in vals) + ratio)
    for i, conc in enumerate(r["concurrency"] for r in result["ours"]["load"]):
        for key in ("p50_ms", "p95_ms", "p99_ms", "msgs_per_s", "errors"):
            vals = [result[n]["load"][i][key] for n in names]
            ratio = f"{vals[0] / vals[1]:>16.2f}" if len(names) == 2 and vals[1] else ""
            lines.append(f"{f'c={conc} {key}':<34}" + "".join(f"{v:>12}" for v in vals) + ratio)
    core = result.get("core", {})
    lines.append(
        f"core respond(): p50 {core.get('respond_p50_ms')} ms, p95 {core.get('respond_p95_ms')} ms; "
        f"embedding p50 {core.get('embedding_p50_ms')} ms = {core.get('embedding_share', 0):.0%} of the core's time"
    )
    if "action_server_rss_mb" in result.get("ours", {}):
        lines.append(f"action server RSS: {result['ours']['action_server_rss_mb']} MB (budget 400 MB)")
    st, lk = result.get("store", {}), result.get("lookup_endpoint", {})
    lines.append(f"store query, {st.get('answers')} answers: p50 {st.get('p50_ms')} ms, p95 {st.get('p95_ms')} ms")
    lines.append(f"lookup endpoint: p50 {lk.get('p50_ms')} ms, p95 {lk.get('p95_ms')} ms")
    return "\n".join(lines)


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--seconds-c1", type=float, default=30)
    p.add_argument("--seconds-c8", type=float, default=30)
    p.add_argument("--seconds-c32", type=float, default=120)
    p.add_argument("--skip-starter", action="store_true")
    p.add_argument("--out", default=str(ROOT / "results"))
    args = p.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    result: dict = {"machine": {"cores": os.cpu_count()}, "when": time.strftime("%Y-%m-%d %H:%M:%S")}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        from bench.core import core_latency

        result["core"] = core_latency()
        print(f"core respond(): {result['core']}", flush=True)
        result["store"] = store_query_latency(10_000)
        print(f"store (10,000 answers): {result['store']}", flush=True)
        from bench.lookup import lookup_latency

        result["lookup_endpoint"] = lookup_latency()
        print(f"lookup endpoint: {result['lookup_endpoint']}", flush=True)
        result["ours"] = bench_ours(args, work)
        if not args.skip_starter:
            result["starter"] = bench_starter(args, work)
            result["ratio_ours_over_starter"] = ratios(result["ours"], result["starter"])
    (out / "bench.json").write_text(json.dumps(result, indent=2))
    chart(result, out / "bench.png")
    print(table(result))
    print(f"\nwrote {out / 'bench.json'} and {out / 'bench.png'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
