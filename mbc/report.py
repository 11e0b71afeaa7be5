"""The editors' report: what people asked that the bot could not answer well, what they
thought of the answers, which answers need a clinician, and how often the red-flag layer
fired. Read from the tracker store (Rasa's SQL tracker store, table ``events``: SQLite or
PostgreSQL), so it works on any copy of the conversations.

    python -m mbc report --days 30 [--db var/tracker.db | --url postgresql://…] [--json]

What it shows:
* **Unanswered questions**: messages the bot replied to with "our sources don't cover
  that" (``not_covered``) or "did you mean" (``did_you_mean``), and
* **low-confidence answers**: messages it answered, re-scored now by the same core
  (``mbc.respond``, with the conversation's context rebuilt from the stored events), whose
  best score was within ``LOW_SCORE_MARGIN`` of the answer threshold or led the next
  answer by less than ``LOW_LEAD``.
  Both are redacted (``mbc.privacy.redact``: phone numbers, e-mail addresses) and grouped
  by meaning (``mbc.embed.encode``: a message joins a group when its cosine with one of
  the group's messages is at least ``GROUP_LINK`` and with the group's most frequent one at
  least ``GROUP_CORE``, or when both name the same word the store does not know, such as a
  drug our sources never mention), with how many times and in how many conversations.
* **Feedback** (👍/👎) per answer, from the ``feedback`` slot events (never message text).
* **Answers due for clinician review** (never signed, changed since signed, signed over
  12 months ago), from the YAML store.
* **Urgent detections per day**, as counts only: no message text, no conversation.

No conversation key (sender id) is ever printed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mbc.privacy import redact

if TYPE_CHECKING:
    import numpy as np

    from mbc.kb import KnowledgeBase

UNANSWERED = ("not_covered", "did_you_mean")
ANSWERED = ("answer",)
SUBJECT_SLOTS = ("site", "therapy", "drug", "test")
CONTEXT_SLOTS = SUBJECT_SLOTS + ("last_answer", "offered", "pending")
LOW_SCORE_MARGIN = 0.10  # best score below the answer threshold + this: low confidence
LOW_LEAD = 0.10  # or a lead over the second answer below this
GROUP_LINK = 0.50  # cosine with any message of a group to join it
GROUP_CORE = 0.40  # and with the group's most frequent message
MAX_TEXT = 200  # characters of a message shown
MAX_GROUPS = 20
MAX_VARIANTS = 3


@dataclass
class Turn:
    """One message and what the bot did with it."""

    conversation: int  # a number local to this report, never the conversation key
    text: str
    timestamp: float
    act: str | None
    act_confidence: float
    context: dict[str, Any]  # slots before the message
    kind: str | None = None
    answers: list[str] = field(default_factory=list)
    chosen: str | None = None  # after "did you mean": the answer the person picked


@dataclass
class Events:
    turns: list[Turn]
    feedback: list[tuple[str, str, float]]  # (answer id, up|down, timestamp)
    conversations: int


def engine(db: str | None = None, url: str | None = None):  # type: ignore[no-untyped-def]
    from sqlalchemy import create_engine

    return create_engine(url or f"sqlite:///{db or 'var/tracker.db'}")


def _payload(text: str) -> tuple[str | None, dict[str, Any]]:
    m = re.match(r"^/(\w+)(\{.*\})?\s*$", text or "", re.S)
    if not m:
        return None, {}
    try:
        data = json.loads(m.group(2)) if m.group(2) else {}
    except ValueError:
        data = {}
    return m.group(1), data if isinstance(data, dict) else {}


def read_events(eng: Any, since: float, until: float | None = None) -> Events:
    """Every message, reply kind and feedback event at or after ``since`` (epoch seconds).
    Conversations active in the window are read from their start, so the context of each
    message (the slots) is rebuilt as the bot had it."""
    from sqlalchemy import text

    until = until if until is not None else time.time() + 1
    query = text(
        "SELECT sender_id, type_name, timestamp, data FROM events WHERE sender_id IN "
        "(SELECT DISTINCT sender_id FROM events WHERE timestamp >= :since AND timestamp <= :until) "
        "ORDER BY sender_id, id"
    )
    turns: list[Turn] = []
    feedback: list[tuple[str, str, float]] = []
    numbers: dict[str, int] = {}
    slots: dict[str, Any] = {}
    current: Turn | None = None
    previous: Turn | None = None
    sender = None
    with eng.connect() as con:
        for sender_id, type_name, ts, raw in con.execute(query, {"since": since, "until": until}):
            if sender_id != sender:
                sender, slots, current, previous = sender_id, {}, None, None
            try:
                data = json.loads(raw) if raw else {}
            except ValueError:
                continue
            ts = float(ts or data.get("timestamp") or 0.0)
            inside = since <= ts <= until
            if type_name in ("session_started", "restart"):
                slots, current, previous = {}, None, None
            elif type_name == "user":
                intent = (data.get("parse_data") or {}).get("intent") or {}
                number = numbers.setdefault(sender_id, len(numbers) + 1)
                current = Turn(
                    conversation=number,
                    text=str(data.get("text") or ""),
                    timestamp=ts,
                    act=intent.get("name"),
                    act_confidence=float(intent.get("confidence") or 0.0),
                    context={k: slots.get(k) for k in CONTEXT_SLOTS},
                )
                name, args = _payload(current.text)
                if name == "show_answer" and previous is not None and previous.kind == "did_you_mean":
                    previous.chosen = args.get("answer_id") if isinstance(args.get("answer_id"), str) else None
                if inside:
                    turns.append(current)
            elif type_name == "bot" and current is not None:
                custom = (data.get("data") or {}).get("custom")
                if isinstance(custom, dict) and custom.get("type") == "reply" and current.kind is None:
                    current.kind = str(custom.get("kind") or "")
                    current.answers = [
                        str(p.get("id"))
                        for p in custom.get("parts") or []
                        if isinstance(p, dict) and p.get("type") == "answer" and p.get("id")
                    ]
                    previous = current
            elif type_name == "slot":
                name, value = data.get("name"), data.get("value")
                if name == "feedback":
                    if _is_vote(value) and inside:
                        feedback.append((value["answer_id"], value["value"], ts))
                elif isinstance(name, str):
                    slots[name] = value
    return Events(turns, feedback, len({t.conversation for t in turns}))


def _is_vote(value: Any) -> bool:
    return isinstance(value, dict) and value.get("value") in ("up", "down") and isinstance(value.get("answer_id"), str)


# ---------------------------------------------------------------------------------------
# Grouping by meaning


def normalise(text: str) -> str:
    """What is shown and compared: redacted, one line, at most MAX_TEXT characters."""
    clean = " ".join(redact(text or "").split())
    return clean if len(clean) <= MAX_TEXT else clean[: MAX_TEXT - 1] + "…"


def _key(text: str) -> str:
    return re.sub(r"[\s?!.,;:]+$", "", text.lower()).strip()


@dataclass
class Group:
    text: str  # the most frequent wording
    count: int = 0
    conversations: set[int] = field(default_factory=set)
    variants: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)
    chosen: Counter[str] = field(default_factory=Counter)
    answers: Counter[str] = field(default_factory=Counter)
    scores: list[float] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.text,
            "count": self.count,
            "conversations": len(self.conversations),
            "also_asked_as": [v for v, _ in self.variants.most_common() if v != self.text][:MAX_VARIANTS],
            "replies": dict(self.kinds.most_common()),
            "chosen_after_did_you_mean": dict(self.chosen.most_common()),
            "answered_with": dict(self.answers.most_common()),
            "best_score": round(min(self.scores), 3) if self.scores else None,
        }


Encoder = Callable[[list[str]], "np.ndarray"]


def group(
    items: Sequence[tuple[Turn, dict[str, Any]]],
    encode: Encoder | None,
    anchors: Callable[[str], set[str]] | None = None,
) -> list[Group]:
    """Group messages by meaning. ``items``: (turn, extra) where extra may name the
    ``answer`` and ``score`` of a low-confidence answer. ``anchors``: words that tie
    messages together whatever the rest says (a drug our store never names: "enhertu")."""
    by_key: dict[str, list[tuple[Turn, dict[str, Any]]]] = defaultdict(list)
    shown: dict[str, Counter[str]] = defaultdict(Counter)
    for turn, extra in items:
        text = normalise(turn.text)
        if not text:
            continue
        by_key[_key(text)].append((turn, extra))
        shown[_key(text)][text] += 1
    keys = sorted(by_key, key=lambda k: (-len(by_key[k]), len(k), k))
    if not keys:
        return []
    vectors = encode(keys) if encode else None
    words = [anchors(k) if anchors else set() for k in keys]
    members: list[list[int]] = []
    tied: list[set[str]] = []  # the anchors of each group
    for i, _ in enumerate(keys):
        home = None
        for n, rows in enumerate(members):
            if words[i] & tied[n]:
                home = n
                break
            if vectors is not None:
                sims = vectors[rows] @ vectors[i]
                if float(sims.max()) >= GROUP_LINK and float(sims[0]) >= GROUP_CORE:
                    home = n
                    break
        if home is None:
            members.append([i])
            tied.append(set(words[i]))
        else:
            members[home].append(i)
            tied[home] |= words[i]
    groups = []
    for rows in members:
        g = Group(text=shown[keys[rows[0]]].most_common(1)[0][0])
        for r in rows:
            for turn, extra in by_key[keys[r]]:
                g.count += 1
                g.conversations.add(turn.conversation)
                g.kinds[turn.kind or "?"] += 1
                if turn.chosen:
                    g.chosen[turn.chosen] += 1
                if extra.get("answer"):
                    g.answers[str(extra["answer"])] += 1
                if extra.get("score") is not None:
                    g.scores.append(float(extra["score"]))
            g.variants.update(shown[keys[r]])
        groups.append(g)
    groups.sort(key=lambda g: (-g.count, -len(g.conversations), g.text))
    return groups


# ---------------------------------------------------------------------------------------
# Low confidence: the same core, re-run on the stored message with its context


def low_confidence(why: dict[str, Any], answer: float, lead: float = LOW_LEAD) -> dict[str, Any] | None:
    """The best answer and its score when the core's decision was a close call, else None.
    ``why``: the reply's ``why`` (mbc.respond); ``answer``: the matcher's answer threshold."""
    top = why.get("top") or []
    if "outcome" not in why or "rule" in why or not top:
        return None  # a rule decided (a follow-up, a chosen button, feelings…): not a close call
    best_id, best = top[0][0], float(top[0][1])
    second = float(top[1][1]) if len(top) > 1 else 0.0
    if why["outcome"] != "answer" or best < answer + LOW_SCORE_MARGIN or best - second < lead:
        return {"answer": best_id, "score": round(best, 3), "lead": round(best - second, 3)}
    return None


def rescore(turns: Iterable[Turn], kb: KnowledgeBase) -> list[tuple[Turn, dict[str, Any]]]:
    from mbc.respond import Context, respond

    out = []
    threshold = kb.matcher.t.answer
    for t in turns:
        if t.kind not in ANSWERED or not t.text.strip() or t.text.lstrip().startswith("/"):
            continue
        c = t.context
        offered = c.get("offered")
        context = Context(
            act=t.act,
            act_confidence=t.act_confidence,
            last_answer=c.get("last_answer") if isinstance(c.get("last_answer"), str) else None,
            subjects={s: v for s in SUBJECT_SLOTS if isinstance(v := c.get(s), str) and v},
            offered=tuple(str(p) for p in offered) if isinstance(offered, list) else (),
            pending=c.get("pending") if isinstance(c.get("pending"), str) else None,
        )
        reply = respond(t.text, context, kb)
        low = low_confidence(reply.why, threshold)
        if low:
            out.append((t, low))
    return out


# ---------------------------------------------------------------------------------------
# The report


def build_report(
    events: Events,
    answers: Sequence[Any],
    days: int,
    now: float,
    kb: KnowledgeBase | None = None,
    encode: Encoder | None = None,
    today: dt.date | None = None,
) -> dict[str, Any]:
    from mbc.review import due_for_review

    turns = events.turns
    questions = {a.id: a.question for a in answers}
    anchors = (lambda text: set(kb.unknown_terms(kb.analyse(text)))) if kb is not None else None
    unanswered = group([(t, {}) for t in turns if t.kind in UNANSWERED], encode, anchors)
    low = group(rescore(turns, kb), encode, anchors) if kb is not None else None
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for aid, value, _ in events.feedback:
        votes[aid][value] += 1
    urgent = Counter(_day(t.timestamp) for t in turns if t.kind == "urgent")
    due = due_for_review(list(answers), today=today)
    start = dt.datetime.fromtimestamp(now - days * 86400, tz=dt.timezone.utc).date()
    return {
        "window": {"days": days, "from": start.isoformat(), "to": _day(now)},
        "conversations": events.conversations,
        "messages": len(turns),
        "replies": dict(Counter(t.kind or "none" for t in turns).most_common()),
        "unanswered": [g.to_dict() for g in unanswered[:MAX_GROUPS]],
        "unanswered_total": sum(g.count for g in unanswered),
        "low_confidence": None if low is None else [g.to_dict() for g in low[:MAX_GROUPS]],
        "low_confidence_total": None if low is None else sum(g.count for g in low),
        "feedback": [
            {"answer_id": aid, "question": questions.get(aid, ""), "up": c["up"], "down": c["down"]}
            for aid, c in sorted(votes.items(), key=lambda kv: (-kv[1]["down"], -kv[1]["up"], kv[0]))
        ],
        "due_for_review": {
            reason: [d.answer_id for d in due if d.reason == reason]
            for reason in ("text_changed", "expired", "never_signed")
        },
        "urgent_per_day": [{"day": d, "count": n} for d, n in sorted(urgent.items())],
    }


def _day(ts: float) -> str:
    return dt.datetime.fromtimestamp(ts, tz=dt.timezone.utc).date().isoformat()


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def markdown(r: dict[str, Any]) -> str:
    w = r["window"]
    out = [
        f"# Editors' report: {w['from']} to {w['to']} ({w['days']} days)",
        "",
        f"{r['conversations']} conversations, {r['messages']} messages. Replies: "
        + (", ".join(f"{k} {n}" for k, n in r["replies"].items()) or "none")
        + ".",
        "",
        "Message texts are redacted (phone numbers, e-mail addresses); no conversation is named.",
        "",
        f"## Unanswered questions ({r['unanswered_total']})",
        "",
        'The bot said our sources don\'t cover it, or asked "did you mean". Grouped by meaning.',
        "",
    ]
    if r["unanswered"]:
        out += ['| question | times | conversations | bot replied | picked after "did you mean" | also asked as |']
        out += ["|---|---|---|---|---|---|"]
        for g in r["unanswered"]:
            replies = ", ".join(f"{k} {n}" for k, n in g["replies"].items())
            chosen = ", ".join(f"{k} {n}" for k, n in g["chosen_after_did_you_mean"].items())
            also = "; ".join(_cell(v) for v in g["also_asked_as"])
            out.append(
                f"| {_cell(g['question'])} | {g['count']} | {g['conversations']} | {replies} | {chosen} | {also} |"
            )
    else:
        out.append("None.")
    out += [
        "",
        "## Low-confidence answers" + (f" ({r['low_confidence_total']})" if r["low_confidence"] is not None else ""),
        "",
    ]
    if r["low_confidence"] is None:
        out.append("Not computed (--no-rescore).")
    else:
        out += [
            "Answered, but a close call when re-scored by today's store: check the answer is the right one, "
            "and add the wording to the right answer's question bank.",
            "",
        ]
        if r["low_confidence"]:
            out += ["| question | times | conversations | answered with | lowest score | also asked as |"]
            out += ["|---|---|---|---|---|---|"]
            for g in r["low_confidence"]:
                answered = ", ".join(f"{k} {n}" for k, n in g["answered_with"].items())
                also = "; ".join(_cell(v) for v in g["also_asked_as"])
                out.append(
                    f"| {_cell(g['question'])} | {g['count']} | {g['conversations']} | {answered} | "
                    f"{g['best_score']} | {also} |"
                )
        else:
            out.append("None.")
    out += ["", "## Feedback per answer", ""]
    if r["feedback"]:
        out += ["| answer | question | 👍 | 👎 |", "|---|---|---|---|"]
        out += [f"| {f['answer_id']} | {_cell(f['question'])} | {f['up']} | {f['down']} |" for f in r["feedback"]]
    else:
        out.append("No feedback in this period.")
    due = r["due_for_review"]
    out += ["", "## Answers due for clinician review", ""]
    labels = {
        "text_changed": "Changed since a clinician signed them, shown as drafts",
        "expired": "Signed over 12 months ago",
        "never_signed": "Not yet reviewed by a clinician, shown as drafts",
    }
    if not any(due.values()):
        out.append("None: every answer has a current sign-off.")
    for reason, label in labels.items():
        if due[reason]:
            out.append(f"- {label} ({len(due[reason])}): {', '.join(due[reason])}")
    out += ["", "## Urgent detections per day (counts only)", ""]
    if r["urgent_per_day"]:
        out += ["| day (UTC) | urgent replies |", "|---|---|"]
        out += [f"| {u['day']} | {u['count']} |" for u in r["urgent_per_day"]]
    else:
        out.append("None in this period.")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m mbc report", description=__doc__.split("\n\n")[0])
    add_arguments(p)
    return run(p.parse_args(argv))


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--days", type=int, default=30, help="how many days back (default 30)")
    p.add_argument("--db", help="SQLite tracker store (default var/tracker.db)")
    p.add_argument("--url", help="SQLAlchemy URL of the tracker store, e.g. postgresql://user@127.0.0.1/mbc")
    p.add_argument("--json", action="store_true", help="print JSON instead of Markdown")
    p.add_argument(
        "--no-rescore", action="store_true", help="skip the low-confidence section (no store or model needed)"
    )


def run(args: argparse.Namespace, now: float | None = None) -> int:
    from pathlib import Path

    from mbc import paths
    from mbc.loader import load_corpus

    if args.days <= 0:
        print("error: --days must be at least 1", file=sys.stderr)
        return 2
    if not args.url and not Path(args.db or "var/tracker.db").exists():
        print(f"error: no tracker store at {args.db or 'var/tracker.db'} (give --db or --url)", file=sys.stderr)
        return 1
    now = now or time.time()
    events = read_events(engine(args.db, args.url), now - args.days * 86400, now)
    kb = None
    if not args.no_rescore:
        from mbc.kb import get_kb

        kb = get_kb()
    from mbc.embed import encode

    answers = load_corpus(paths.knowledge_dir()).answers
    report = build_report(events, answers, args.days, now, kb=kb, encode=encode)
    print(
        json.dumps(report, indent=2, ensure_ascii=False) if args.json else markdown(report),
        end="" if not args.json else "\n",
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
