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

from mbc.reply import AnswerPart, Reply
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
        lang=m.lang,
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
            lang=context.lang,
        )
        reply = respond(text, context, store)
        context = next_context(context, reply)
    assert reply is not None
    return reply


@dataclass(frozen=True)
class Outcome:
    """What the bot did, from a core Reply or from the ``reply`` payload a server sent."""

    kind: str
    answer_ids: tuple[str, ...]
    responses: tuple[str, ...]
    cites: bool
    answer_langs: tuple[str, ...] = ()  # the language of each answer part's text

    @classmethod
    def of(cls, reply: Reply) -> Outcome:
        langs = tuple(p.lang for p in reply.parts if isinstance(p, AnswerPart))
        return cls(reply.kind, tuple(reply.answer_ids), tuple(reply.responses), reply.cites, langs)

    @classmethod
    def of_payload(cls, payload: dict[str, Any]) -> Outcome:
        parts = payload.get("parts") or []
        ids = tuple(p["id"] for p in parts if p.get("type") == "answer")
        responses = tuple(p["name"] for p in parts if p.get("type") == "response")
        cites = any(p.get("citations") for p in parts if p.get("type") == "answer")
        langs = tuple(str(p.get("lang") or "en") for p in parts if p.get("type") == "answer")
        return cls(str(payload.get("kind")), ids, responses, cites, langs)


def verdict(case: dict[str, Any], reply: Reply | Outcome, lang: str = "en") -> tuple[bool, bool]:
    """(right, cited_wrong) for one case. ``lang``: the set's language; a right answer to a
    Spanish message is the right answer in Spanish (never a silent switch to English)."""
    got = reply if isinstance(reply, Outcome) else Outcome.of(reply)
    expect = expect_of(case)
    ok_ids = set(case.get("answers") or ())
    ids = got.answer_ids
    if expect == "answer":
        in_lang = lang == "en" or (bool(got.answer_langs) and all(x == lang for x in got.answer_langs))
        right = got.kind == "answer" and bool(ids) and ids[0] in ok_ids and in_lang
        wrong = got.cites and not (ids and ids[0] in ok_ids)
        return right, wrong
    if expect == "advice":
        return got.kind == "deferral", got.cites and got.kind != "deferral"
    if expect == "urgent":
        level = case.get("urgent")
        want = {
            "emergency": "utter_urgent_emergency",
            "crisis": "utter_urgent_crisis",
            "care_team": "utter_urgent_care_team",
        }.get(str(level))
        right = got.kind == "urgent" and (
            want is None or want in got.responses or "utter_urgent_general" in got.responses
        )
        return right, got.cites
    if expect == "not_covered":
        return got.kind in ("not_covered", "did_you_mean", "out_of_scope") and not got.cites, got.cites
    if expect == "out_of_scope":
        return got.kind in ("out_of_scope", "not_covered") and not got.cites, got.cites
    return got.kind in ("chat", "did_you_mean", "not_covered", "feedback") and not got.cites, got.cites


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


def evaluate(
    cases: list[dict[str, Any]],
    store: Any,
    act_fn: ActFn | None = None,
    ask: Callable[[list[str]], Outcome] | None = None,
    lang: str = "en",
) -> Report:
    """Score ``cases`` on the pure core (``store``), or through ``ask`` (a conversation's
    messages -> the Outcome of the last one, e.g. over a server's REST channel)."""
    report = Report()
    for case in cases:
        expect = expect_of(case)
        messages = [*case.get("before", []), case["text"]]
        reply = ask(messages) if ask else Outcome.of(converse(messages, store, act_fn))
        right, wrong = verdict(case, reply, lang)
        report.total[expect] += 1
        report.right[expect] += right
        report.cited_wrong += wrong
        if expect != "urgent" and reply.kind == "urgent":
            report.false_alarms += 1
        if not right:
            report.misses.append((case["text"][:90], expect, reply.kind, list(reply.answer_ids[:2])))
    return report
