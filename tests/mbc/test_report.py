"""The editors' report, read from a real tracker store: conversations are run through the
core (mbc.respond), turned into events exactly as the action server and Rasa do
(actions.send + BotUttered/SlotSet), and saved by Rasa's own SQLTrackerStore, in SQLite
and in this machine's PostgreSQL (skipped, saying so, when it is not running)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
import yaml

from mbc.evaluate import next_context
from mbc.report import Events, build_report, engine, low_confidence, markdown, read_events
from mbc.respond import Context, respond

ROOT = Path(__file__).resolve().parents[2]
NOW = time.time()
DAY = 86400.0
PHONE = "555-123-4567"

# (days ago, messages). Payloads written "{offered:N}" are the N-th choice the bot just offered.
CONVERSATIONS: list[tuple[float, list[str]]] = [
    (3, ["does enhertu work for mbc", "what are the symptoms of bone mets?", "👍", "and the lungs?"]),
    (2, ["is enhertu good for metastatic breast cancer"]),
    (2, [f"call me at {PHONE} about enhertu for stage 4"]),
    (1, ["what is a bone scan", "no"]),
    (1, ["what is a bone scan", '/feedback{"answer_id": "diagnosis-bone-scan", "value": "down"}']),
    (1, ["tell me about the liver", "{offered:0}"]),
    (1, ["I can't breathe"]),
    (2, ["my wife can't breathe right now"]),
    (1, ["what's the point of going on"]),
    (1, ["is there financial help for mbc patients"]),
    (40, ["what is capecitabine", "my mum can't breathe"]),  # outside a 30-day window
]


def domain_dict() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "domain.yml").read_text())


def conversation_events(messages: list[str], start: float, kb, domain: dict[str, Any]) -> tuple[list, list]:  # type: ignore[no-untyped-def]
    """Rasa events for one conversation, and (text, reply) per message."""
    from rasa.shared.core.events import ActionExecuted, BotUttered, Event, SessionStarted, UserUttered
    from rasa_sdk.executor import CollectingDispatcher

    from actions.send import memory_events, response_text, send_reply

    ts = start
    events: list = [
        ActionExecuted("action_session_start", timestamp=ts),
        SessionStarted(timestamp=ts),
        ActionExecuted("action_listen", timestamp=ts),
    ]
    log = []
    context = Context()
    reply = None
    for text in messages:
        if text.startswith("{offered:"):
            assert reply is not None and reply.choices, "the previous reply offered no choice"
            text = reply.choices[int(text[9:-1])].payload
        ts += 30
        intent = {"name": "ask", "confidence": 0.9}
        events.append(UserUttered(text, intent=intent, parse_data={"intent": intent, "text": text}, timestamp=ts))
        context = Context(
            act="ask",
            act_confidence=0.9,
            last_answer=context.last_answer,
            subjects=context.subjects,
            offered=context.offered,
            pending=context.pending,
        )
        reply = respond(text, context, kb)
        log.append((text, reply))
        dispatcher = CollectingDispatcher()
        send_reply(dispatcher, reply, domain)
        events.append(ActionExecuted("action_answer", timestamp=ts + 1))
        for m in dispatcher.messages:
            body = m.get("text") or (response_text(domain, m["response"]) if m.get("response") else None)
            data = {"elements": None, "quick_replies": None, "buttons": m.get("buttons") or None}
            data.update({"attachment": None, "image": None, "custom": m.get("custom")})
            events.append(BotUttered(body, data, {"utter_action": m.get("response")}, timestamp=ts + 1))
        for e in memory_events(reply.memory):
            event = Event.from_parameters(e)
            event.timestamp = ts + 1
            events.append(event)
        events.append(ActionExecuted("action_listen", timestamp=ts + 2))
        context = next_context(context, reply, ("ask", 0.9))
    return events, log


def run_in_own_loop(coro: Any) -> Any:
    """asyncio.run in a worker thread: another test (Playwright's sync API) may leave an
    event loop running in the main thread."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


def fill(store, kb) -> list[tuple[float, str, Any]]:  # type: ignore[no-untyped-def]
    """Save every conversation with Rasa's SQLTrackerStore; (days ago, text, reply) per message."""
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker

    domain = Domain.load(str(ROOT / "domain.yml"))
    raw = domain_dict()
    out = []
    for n, (ago, messages) in enumerate(CONVERSATIONS):
        events, log = conversation_events(messages, NOW - ago * DAY + n, kb, raw)
        tracker = DialogueStateTracker.from_events(f"rest:{uuid.uuid4().hex}", events, slots=domain.slots)
        run_in_own_loop(store.save(tracker))
        out += [(ago, text, reply) for text, reply in log]
    return out


@pytest.fixture(scope="module")
def sqlite_store(tmp_path_factory, kb):  # type: ignore[no-untyped-def]
    from rasa.core.tracker_store import SQLTrackerStore

    path = tmp_path_factory.mktemp("tracker") / "tracker.db"
    store = SQLTrackerStore(dialect="sqlite", db=str(path))
    log = fill(store, kb)
    store.engine.dispose()
    return path, log


@pytest.fixture(scope="module")
def report(sqlite_store, kb) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    from mbc import paths
    from mbc.embed import encode
    from mbc.loader import load_corpus

    path, _ = sqlite_store
    events = read_events(engine(db=str(path)), NOW - 30 * DAY, NOW)
    return build_report(events, load_corpus(paths.knowledge_dir()).answers, 30, NOW, kb=kb, encode=encode)


def kinds(log, ago_max: float = 30) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {text: reply.kind for ago, text, reply in log if ago <= ago_max}


def all_questions(groups: list[dict[str, Any]]) -> list[str]:
    return [q for g in groups for q in [g["question"], *g["also_asked_as"]]]


def test_every_unanswered_message_is_counted_once(report, sqlite_store) -> None:  # type: ignore[no-untyped-def]
    _, log = sqlite_store
    unanswered = [t for t, k in kinds(log).items() if k in ("not_covered", "did_you_mean")]
    counted = [t for ago, t, r in log if ago <= 30 and r.kind in ("not_covered", "did_you_mean")]
    assert unanswered, "the conversations should include unanswered questions"
    assert report["unanswered_total"] == len(counted)
    assert sum(g["count"] for g in report["unanswered"]) == len(counted)
    shown = all_questions(report["unanswered"])
    for t in unanswered:
        assert t.replace(PHONE, "[phone removed]") in shown


def test_the_same_question_in_other_words_is_one_group(report, sqlite_store) -> None:  # type: ignore[no-untyped-def]
    _, log = sqlite_store
    enhertu = [t for t, k in kinds(log).items() if "enhertu" in t and k in ("not_covered", "did_you_mean")]
    assert len(enhertu) == 3, kinds(log)  # a drug our sources never name: never answered
    groups = [g for g in report["unanswered"] if any("enhertu" in q for q in [g["question"], *g["also_asked_as"]])]
    assert len(groups) == 1 and groups[0]["count"] == 3 and groups[0]["conversations"] == 3
    assert report["unanswered"][0] is groups[0] or report["unanswered"][0]["count"] >= 3  # most frequent first


def test_message_texts_are_redacted(report) -> None:  # type: ignore[no-untyped-def]
    text = markdown(report) + json.dumps(report, ensure_ascii=False)
    assert PHONE not in text and "[phone removed]" in text


def test_no_conversation_key_and_no_urgent_text_is_shown(report) -> None:  # type: ignore[no-untyped-def]
    text = markdown(report) + json.dumps(report, ensure_ascii=False)
    assert "rest:" not in text
    for urgent in ("can't breathe", "point of going on"):
        assert urgent not in text


def test_urgent_detections_are_counted_per_day(report, sqlite_store) -> None:  # type: ignore[no-untyped-def]
    _, log = sqlite_store
    expected: dict[str, int] = {}
    for n, (ago, messages) in enumerate(CONVERSATIONS):
        for i, text in enumerate(messages):
            match = [r for a, t, r in log if t == text and a == ago]
            if ago <= 30 and match and match[0].kind == "urgent":
                when = NOW - ago * DAY + n + 30 * (i + 1)
                day = dt.datetime.fromtimestamp(when, tz=dt.timezone.utc).date().isoformat()
                expected[day] = expected.get(day, 0) + 1
    assert sum(expected.values()) == 3  # the 40-day-old one is outside the window
    assert report["urgent_per_day"] == [{"day": d, "count": n} for d, n in sorted(expected.items())]


def test_feedback_is_counted_per_answer(report) -> None:  # type: ignore[no-untyped-def]
    votes = {f["answer_id"]: (f["up"], f["down"]) for f in report["feedback"]}
    assert votes["symptoms-bone"] == (1, 0)
    assert votes["diagnosis-bone-scan"] == (0, 2)  # a typed "no" and a widget 👎
    assert report["feedback"][0]["answer_id"] == "diagnosis-bone-scan"  # most 👎 first
    assert "| diagnosis-bone-scan |" in markdown(report)


def test_old_conversations_are_outside_the_window(report) -> None:  # type: ignore[no-untyped-def]
    assert "capecitabine" not in json.dumps(report)
    assert report["conversations"] == len([c for c in CONVERSATIONS if c[0] <= 30])


def test_the_choice_after_did_you_mean_is_shown(report, sqlite_store) -> None:  # type: ignore[no-untyped-def]
    _, log = sqlite_store
    replies = [r for ago, t, r in log if t == "tell me about the liver"]
    if replies[0].kind != "did_you_mean":
        pytest.skip(f"the core now replies {replies[0].kind} to this message")
    chosen = replies[0].choices[0].payload.split('"answer_id": "')[1].split('"')[0]
    group = next(g for g in report["unanswered"] if "tell me about the liver" in all_questions([g]))
    assert group["chosen_after_did_you_mean"] == {chosen: 1}


def test_context_is_rebuilt_from_the_events(sqlite_store) -> None:  # type: ignore[no-untyped-def]
    path, _ = sqlite_store
    turns = read_events(engine(db=str(path)), NOW - 30 * DAY, NOW).turns
    follow_up = next(t for t in turns if t.text == "and the lungs?")
    assert follow_up.context["last_answer"] == "symptoms-bone" and follow_up.context["site"] == "bone"
    first = next(t for t in turns if t.text == "does enhertu work for mbc")
    assert first.context["last_answer"] is None


def test_low_confidence_answers_are_the_close_calls_of_the_core(report, sqlite_store, kb) -> None:  # type: ignore[no-untyped-def]
    _, log = sqlite_store
    expected = set()
    for ago, text, reply in log:
        if (
            ago <= 30
            and reply.kind == "answer"
            and not text.startswith("/")
            and low_confidence(reply.why, kb.matcher.t.answer)
        ):
            expected.add(text)
    shown = set(all_questions(report["low_confidence"]))
    assert shown == expected
    assert "and the lungs?" not in shown  # a follow-up re-scored with its context is not a close call
    for g in report["low_confidence"]:
        assert g["answered_with"] and g["best_score"] is not None


def test_low_confidence_rule() -> None:
    t = 0.55
    assert low_confidence({"outcome": "answer", "top": [("a", 0.9), ("b", 0.5)]}, t) is None
    assert low_confidence({"outcome": "answer", "top": [("a", 0.6), ("b", 0.3)]}, t) == {
        "answer": "a",
        "score": 0.6,
        "lead": 0.3,
    }
    assert low_confidence({"outcome": "answer", "top": [("a", 0.9), ("b", 0.85)]}, t)["lead"] == 0.05  # type: ignore[index]
    assert low_confidence({"rule": "follow_up"}, t) is None
    assert low_confidence({"outcome": "not_covered", "top": [("a", 0.3)], "rule": "feelings"}, t) is None


def test_answers_due_for_review_come_from_the_store(report) -> None:  # type: ignore[no-untyped-def]
    from mbc import paths
    from mbc.loader import load_corpus

    due = report["due_for_review"]
    corpus = load_corpus(paths.knowledge_dir())
    assert len(due["never_signed"]) + len(due["text_changed"]) + len(due["expired"]) <= len(corpus.answers)
    assert set(due["never_signed"]) == {a.id for a in corpus.answers if a.status != "reviewed"}
    assert "Not yet reviewed by a clinician" in markdown(report)


def test_a_signed_answer_is_not_due(tmp_path: Path) -> None:
    from mbc import paths
    from mbc.loader import load_corpus
    from mbc.review import sign

    shutil.copytree(paths.knowledge_dir(), tmp_path / "k")
    sign("spread-bone", "Jane Doe, MD", tmp_path / "k")
    sign("spread-lung", "Jane Doe, MD", tmp_path / "k", on=dt.date.today() - dt.timedelta(days=400))
    r = build_report(Events([], [], 0), load_corpus(tmp_path / "k").answers, 30, NOW)
    assert "spread-bone" not in r["due_for_review"]["never_signed"] + r["due_for_review"]["expired"]
    assert r["due_for_review"]["expired"] == ["spread-lung"]
    assert "Signed over 12 months ago (1): spread-lung" in markdown(r)
    assert r["low_confidence"] is None and "Not computed" in markdown(r)


def run_cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "RASA_TELEMETRY_ENABLED": "false"}
    return subprocess.run(
        [sys.executable, "-m", "mbc", "report", *args], cwd=ROOT, capture_output=True, text=True, env=env, timeout=300
    )


def test_cli_prints_markdown_and_json(sqlite_store, report) -> None:  # type: ignore[no-untyped-def]
    path, _ = sqlite_store
    md = run_cli("--days", "30", "--db", str(path), "--no-rescore")
    assert md.returncode == 0, md.stderr
    for heading in (
        "# Editors' report",
        "## Unanswered questions",
        "## Low-confidence answers",
        "## Feedback per answer",
        "## Answers due for clinician review",
        "## Urgent detections per day (counts only)",
    ):
        assert heading in md.stdout
    js = run_cli("--days", "30", "--db", str(path), "--json")
    assert js.returncode == 0, js.stderr
    data = json.loads(js.stdout)
    assert data["unanswered_total"] == report["unanswered_total"]
    assert data["urgent_per_day"] == report["urgent_per_day"]
    assert data["feedback"] == report["feedback"]
    assert all_questions(data["low_confidence"]) == all_questions(report["low_confidence"])
    assert PHONE not in js.stdout + md.stdout


def test_cli_without_a_store_says_so(tmp_path: Path) -> None:
    r = run_cli("--db", str(tmp_path / "none.db"), "--no-rescore")
    assert r.returncode == 1 and "no tracker store" in r.stderr


# --- PostgreSQL ----------------------------------------------------------------------------

PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"


@pytest.fixture(scope="module")
def postgres_db():  # type: ignore[no-untyped-def]
    try:
        from sqlalchemy import create_engine, text

        admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
        with admin.connect() as con:
            con.execute(text("SELECT 1"))
    except Exception as exc:  # noqa: BLE001
        pytest.skip(f"PostgreSQL is not running on 127.0.0.1:5432 (trust auth, user postgres): {exc}")
    name = f"mbc_report_test_{uuid.uuid4().hex[:10]}"
    with admin.connect() as con:
        con.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield name
    finally:
        with admin.connect() as con:
            con.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n AND pid <> pg_backend_pid()"
                ),
                {"n": name},
            )
            con.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


def test_postgresql_tracker_store(postgres_db, kb, report) -> None:  # type: ignore[no-untyped-def]
    from rasa.core.tracker_store import SQLTrackerStore

    store = SQLTrackerStore(dialect="postgresql", host="127.0.0.1", port=5432, db=postgres_db, username="postgres")
    fill(store, kb)
    store.engine.dispose()
    url = f"postgresql://postgres@127.0.0.1:5432/{postgres_db}"
    r = run_cli("--days", "30", "--url", url, "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["unanswered_total"] == report["unanswered_total"]
    assert data["urgent_per_day"] == report["urgent_per_day"]
    assert data["feedback"] == report["feedback"]
    assert data["conversations"] == report["conversations"]
    assert PHONE not in r.stdout
