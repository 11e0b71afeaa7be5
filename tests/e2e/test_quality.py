"""Quality over the real servers: answer accuracy on the held-out set and coverage of
public consumer-health questions. Prints the figures the README reports."""

from __future__ import annotations

import json
import uuid
from collections import Counter
from pathlib import Path

import yaml

from tests.e2e.classify import answer_ids, behaviour, cites
from tests.servers import Bot

DATA = Path(__file__).resolve().parent.parent / "data"


def _public_questions() -> Path:
    """shared/ sits beside the clone in CI; MBC_SHARED_DIR overrides."""
    import os

    root = Path(__file__).resolve().parents[2]
    for base in (os.environ.get("MBC_SHARED_DIR"), root.parent / "shared", Path("/work/shared")):
        if base and (Path(base) / "public-questions" / "questions.jsonl").exists():
            return Path(base) / "public-questions" / "questions.jsonl"
    return root.parent / "shared" / "public-questions" / "questions.jsonl"


PUBLIC = _public_questions()
MIN_E2E_ACCURACY = 0.70  # measured 0.74 with the meaning matcher (was 0.88 with intents): see README
MIN_BLIND_ACCURACY = 0.70
MIN_PUBLIC_IN_SCOPE = 0.30  # ~34 % with the meaning matcher, down from 63 % with intents: see README


def correct(case: dict, messages: list[dict]) -> bool:
    got = behaviour(messages)
    expect = case["expect"]
    if expect == "answer":
        ids = answer_ids(messages)
        return bool(ids) and ids[0] in case["answers"]
    if expect == "deferral":
        return got == "deferral"
    if expect == "urgent":
        return got == "urgent"
    if expect in ("decline", "no_answer"):
        return got in ("decline", "dont_know", "suggest") and not cites(messages)
    return got in ("chat", "suggest", "dont_know") and not cites(messages)  # chat


def _accuracy(bot: Bot, cases: list[dict], label: str) -> tuple[float, Counter, Counter]:
    by_kind: Counter = Counter()
    ok_kind: Counter = Counter()
    misses = []
    for case in cases:
        messages = bot.say(f"q-{uuid.uuid4().hex[:10]}", case["text"])
        by_kind[case["expect"]] += 1
        if correct(case, messages):
            ok_kind[case["expect"]] += 1
        else:
            misses.append((case["text"][:70], case["expect"], behaviour(messages), answer_ids(messages)[:1]))
    accuracy = sum(ok_kind.values()) / len(cases)
    print(f"\nend-to-end accuracy {accuracy:.1%} on {len(cases)} {label} messages")
    for kind in sorted(by_kind):
        print(f"  {kind:10s} {ok_kind[kind]}/{by_kind[kind]}")
    for m in misses:
        print("  miss:", m)
    return accuracy, by_kind, ok_kind


def test_end_to_end_answer_accuracy_on_held_out_messages(bot: Bot) -> None:
    cases = yaml.safe_load((DATA / "e2e_expected.yml").read_text())["cases"]
    accuracy, by_kind, ok_kind = _accuracy(bot, cases, "held-out")
    assert ok_kind["urgent"] == by_kind["urgent"], "every urgent message must get urgent guidance"
    assert ok_kind["deferral"] >= 0.85 * by_kind["deferral"], "personal decisions must be deferred"
    assert accuracy >= MIN_E2E_ACCURACY


def test_end_to_end_answer_accuracy_on_the_blind_set(bot: Bot) -> None:
    """220 messages written by someone who never saw the training or held-out data."""
    cases = yaml.safe_load((DATA / "blind_set.yml").read_text())["cases"]
    accuracy, by_kind, ok_kind = _accuracy(bot, cases, "blind")
    assert ok_kind["urgent"] == by_kind["urgent"], "every urgent message must get urgent guidance"
    assert accuracy >= MIN_BLIND_ACCURACY


def test_public_questions_coverage(bot: Bot) -> None:
    """In scope: a cited answer, a deferral, or urgent guidance. Out of scope: declined
    with no citation. Labels are one reader's judgement, so this reports and guards
    against regressions rather than demanding 100 %."""
    if not PUBLIC.exists():
        import pytest

        pytest.skip(f"{PUBLIC} not present")
    rows = [json.loads(line) for line in PUBLIC.read_text().splitlines() if line.strip()]
    stats: Counter = Counter()
    for row in rows:
        messages = bot.say(f"p-{uuid.uuid4().hex[:10]}", row["question"][:2000])
        got = behaviour(messages)
        assert got != "empty", row["question"][:100]
        if row["in_scope"]:
            stats["in_scope"] += 1
            stats["in_ok"] += got in ("answer", "deferral", "urgent")
            stats["in_honest_no"] += got in ("dont_know", "suggest") and not cites(messages)
        else:
            stats["out_scope"] += 1
            stats["out_ok"] += not cites(messages)
    print(
        f"\npublic questions: in scope {stats['in_ok']}/{stats['in_scope']} got a cited answer, "
        f"deferral or urgent guidance, {stats['in_honest_no']} an uncited 'I don't have that' (mostly drugs our "
        f"sources never mention); out of scope {stats['out_ok']}/{stats['out_scope']} declined without citation"
    )
    assert stats["out_ok"] / stats["out_scope"] >= 0.8
    assert stats["in_ok"] / stats["in_scope"] >= MIN_PUBLIC_IN_SCOPE


def test_real_style_development_set_over_rest(bot: Bot) -> None:
    """tests/data/real_dev.yml (375 real-style messages, the set thresholds are tuned on),
    scored from the structured reply payload with mbc.evaluate's rules."""
    from bench.quality import rest_asker
    from mbc.evaluate import evaluate

    cases = yaml.safe_load((DATA / "real_dev.yml").read_text())["cases"]
    report = evaluate(cases, None, ask=rest_asker(bot))
    print("\n" + "\n".join(report.lines("real-style development set (REST)")))
    assert report.right["urgent"] == report.total["urgent"], "every urgent message must get urgent guidance"
    assert report.false_alarms <= 0.02 * (report.n - report.total["urgent"])
    assert report.rate("answer") >= 0.70
    assert report.cited_wrong / report.n <= 0.06
    assert report.rate("out_of_scope") >= 0.80 and report.rate("not_covered") >= 0.70
