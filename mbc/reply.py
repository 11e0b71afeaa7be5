"""The one structured reply the core makes for a message. Every client renders from it
(the Rasa action, channels, the widget, the lookup page): nobody parses English back out.

A ``Reply`` is a kind (what the bot did) and parts, in order:
* ``ResponseRef``: a fixed domain response by name (``utter_…`` in domain.yml);
* ``AnswerPart``: a curated answer with its citations and review status;
* ``Choices``: options the person can pick (each a title and a payload).
``memory`` says what the conversation should remember afterwards.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

PAYLOAD_VERSION = 1

# What the bot did with a message (``Reply.kind``).
KINDS = (
    "urgent",  # red flag: emergency / crisis / care-team guidance, nothing else
    "answer",  # one or more cited answers
    "deferral",  # a personal medical decision: warm deferral, general facts may follow
    "did_you_mean",  # unsure: up to three choices
    "not_covered",  # our sources don't cover it: honest reply, helpline, no citation
    "out_of_scope",  # clearly another subject: kind decline, helpline, no citation
    "chat",  # greeting, thanks, bot challenge, capabilities, …
    "forget_confirm",  # asked to delete the conversation: confirmation needed
    "forgotten",  # confirmed: the conversation is deleted
)


@dataclass(frozen=True)
class CitationInfo:
    source_id: str
    publisher: str
    publisher_short: str
    title: str
    site: str | None
    url: str | None
    section: str
    reviewed: str | None  # the source's own review date (ISO), if it gives one
    reviewers: tuple[str, ...]
    trust: str  # high | medium | low
    language: str = "en"  # the language the source is written in (ours are all English)


@dataclass(frozen=True)
class Review:
    status: str  # draft | reviewed
    reviewed_by: str | None  # name + credential of the clinician who signed it
    reviewed_on: str | None  # ISO date of that sign-off
    checked_on: str | None  # when our team last checked it against its sources (ISO)


@dataclass(frozen=True)
class AnswerPart:
    id: str
    question: str
    short: str
    detail: str
    caveat: str
    citations: tuple[CitationInfo, ...]
    review: Review
    lang: str = "en"  # the language of the texts above (the review is of that text)
    type: str = field(default="answer", init=False)


@dataclass(frozen=True)
class ResponseRef:
    name: str  # a response in domain.yml
    type: str = field(default="response", init=False)


@dataclass(frozen=True)
class Choice:
    title: str
    payload: str


@dataclass(frozen=True)
class Choices:
    options: tuple[Choice, ...]
    type: str = field(default="choices", init=False)


Part = AnswerPart | ResponseRef | Choices


@dataclass(frozen=True)
class Memory:
    """What the conversation remembers after this reply (None = leave as it was)."""

    last_answer: str | None = None
    subjects: dict[str, str] = field(default_factory=dict)  # site/therapy/drug/test
    offered: tuple[str, ...] = ()  # payloads offered in this reply (the only ones accepted next)
    pending: str | None = None  # "forget": waiting for a YES; "feedback": an answer was just given
    feedback: tuple[str, str] | None = None  # (answer id, "up" | "down") to record
    lang: str | None = None  # the conversation's language preference after this message
    clear_pending: bool = True


@dataclass(frozen=True)
class Reply:
    kind: str
    parts: tuple[Part, ...]
    memory: Memory = field(default_factory=Memory)
    why: dict[str, Any] = field(default_factory=dict)  # scores and rules, for logs/evaluation (no message text)
    lang: str = "en"  # the language the reply's fixed texts are given in

    @property
    def answers(self) -> list[AnswerPart]:
        return [p for p in self.parts if isinstance(p, AnswerPart)]

    @property
    def answer_ids(self) -> list[str]:
        return [a.id for a in self.answers]

    @property
    def responses(self) -> list[str]:
        return [p.name for p in self.parts if isinstance(p, ResponseRef)]

    @property
    def choices(self) -> list[Choice]:
        return [c for p in self.parts if isinstance(p, Choices) for c in p.options]

    @property
    def cites(self) -> bool:
        return any(a.citations for a in self.answers)

    def payload(self) -> dict[str, Any]:
        """The JSON form sent to clients as the ``custom`` payload of type ``reply``."""
        return {
            "type": "reply",
            "version": PAYLOAD_VERSION,
            "kind": self.kind,
            "lang": self.lang,
            "parts": [asdict(p) for p in self.parts],
        }
