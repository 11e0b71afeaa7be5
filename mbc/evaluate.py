"""Score the core on a labelled set of messages (pure: no Rasa server needed).

Labels (``expect``): ``answer`` (with ``answers``: every acceptable first answer id),
``not_covered``, ``urgent`` (optionally ``urgent: emergency|crisis|care_team``),
``advice``, ``out_of_scope``, ``chat``. Older sets' labels are mapped: deferral ->
advice, decline -> out_of_scope, no_answer -> not_covered. ``before``: earlier messages
of the same conversation.

Figures, as the README reports them:
* right: answerable messages whose first answer is an acceptable one;
* cited-wrong: messages (of any label) whose reply cites an answer that is not an
  acceptable one (a deferral's general facts are acceptable for ``advice``);
* honest: not-covered messages answered with no citation;
* urgent recall, and false alarms on every non-urgent message;
* out of scope declined with no citation.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from mbc.reply import Reply
from mbc.respond import Context, respond

LEGACY = {"deferral": "advice", "decline": "out_of_scope", "no_answer": "not_covered"}
ActFn = Callable[[str], tuple[str | None, float]]


def expect_of(case: dict[str, Any]) -> str:
    e = str(case.get("expect", ""))
    return LEGACY.get(e, e)


def next_context(context: Context, reply: Reply, act: tuple[str | None, float] = (None, 0.0)) -> Context:
    m = reply.memory
    return Context(
        act=act[0],
        act_confidence=act[1],
        last_answer=m.last_answer,
        subjects=dict(m.subjects),
        offered=m.offered,
        pending=m.pending,
    )


def converse(messages: Iterable[str], store: Any, act_fn: ActFn | None = None) -> Reply:
    """Run a conversation through the core; the reply to the last message."""
    context = Context()
    reply: Reply | None = None
    for text in messages:
        act = act_fn(text) if act_fn else (None, 0.0)
        context = Context(
            act=act[0],
            act_confidence=act[1],
            last_answer=context.last_answer,
            subjects=context.subjects,
            offered=context.offered,
            pending=context.pending,
        )
        reply = respond(text, context, store)
        context = next_context(context, reply)
    assert reply is not None
    return reply


def verdict(case: dict[str, Any], reply: Reply) -> tuple[bool, bool]:
    """(right, cited_wrong) for one case."""
    expect = expect_of(case)
    ok_ids = set(case.get("answers") or ())
    ids = reply.answer_ids
    if expect == "answer":
        right = reply.kind == "answer" and bool(ids) and ids[0] in ok_ids
        wrong = reply.cites and not (ids and ids[0] in ok_ids)
        return right, wrong
    if expect == "advice":
        return reply.kind == "deferral", reply.cites and reply.kind != "deferral"
    if expect == "urgent":
        level = case.get("urgent")
        want = {
            "emergency": "utter_urgent_emergency",
            "crisis": "utter_urgent_crisis",
            "care_team": "utter_urgent_care_team",
        }.get(str(level))
        right = reply.kind == "urgent" and (
            want is None or want in reply.responses or "utter_urgent_general" in reply.responses
        )
        return right, reply.cites
    if expect == "not_covered":
        return reply.kind in ("not_covered", "did_you_mean", "out_of_scope") and not reply.cites, reply.cites
    if expect == "out_of_scope":
        return reply.kind in ("out_of_scope", "not_covered") and not reply.cites, reply.cites
    return reply.kind in ("chat", "did_you_mean", "not_covered") and not reply.cites, reply.cites


@dataclass
class Report:
    total: Counter[str] = field(default_factory=Counter)
    right: Counter[str] = field(default_factory=Counter)
    cited_wrong: int = 0
    false_alarms: int = 0
    misses: list[tuple[str, str, str, list[str]]] = field(default_factory=list)

    @property
    def n(self) -> int:
        return sum(self.total.values())

    def rate(self, kind: str) -> float:
        return self.right[kind] / self.total[kind] if self.total[kind] else 1.0

    def lines(self, label: str) -> list[str]:
        non_urgent = self.n - self.total["urgent"]
        out = [f"{label}: {self.n} messages"]
        for kind in ("answer", "not_covered", "urgent", "advice", "out_of_scope", "chat"):
            if self.total[kind]:
                out.append(f"  {kind:13s} {self.right[kind]}/{self.total[kind]} ({self.rate(kind):.1%})")
        out.append(f"  cited-wrong   {self.cited_wrong}/{self.n} ({self.cited_wrong / max(self.n, 1):.1%})")
        out.append(f"  false alarms  {self.false_alarms}/{non_urgent}")
        return out


def evaluate(cases: list[dict[str, Any]], store: Any, act_fn: ActFn | None = None) -> Report:
    report = Report()
    for case in cases:
        expect = expect_of(case)
        reply = converse([*case.get("before", []), case["text"]], store, act_fn)
        right, wrong = verdict(case, reply)
        report.total[expect] += 1
        report.right[expect] += right
        report.cited_wrong += wrong
        if expect != "urgent" and reply.kind == "urgent":
            report.false_alarms += 1
        if not right:
            report.misses.append((case["text"][:90], expect, reply.kind, reply.answer_ids[:2]))
    return report
