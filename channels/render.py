"""What a messaging channel shows for one bot turn. Plain Python, no Rasa imports.

A turn is the list of bot messages Rasa produced for one user message (dicts with
``text``, ``buttons``, ``custom``, and the bot event's metadata). The core's answer comes
as one ``custom`` payload of type ``reply`` (actions/send.py): its parts (responses with
their text, answers with structured citations and review status, choices) are what the
channels render, so no English is ever parsed back out of a text. The plain messages that
repeat those parts are marked ``reply_part`` and skipped; any other message (the
session-start note, a channel's own reply) is shown as its text and buttons.

Citations are formatted by one function per output kind: ``plain_sources`` (the plain
text formatter, mbc.render.citation_label) for WhatsApp, Telegram, Messenger and Slack,
``channels.sms.sms_sources`` for SMS.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from mbc.render import answer_body, citation_labels, label, part_from_payload, review_label
from mbc.reply import AnswerPart

REPLY_PART = "reply_part"  # actions.send.REPLY_PART
LEGACY_ANSWER = "answer"  # the older per-answer payload; the reply payload covers it


@dataclass(frozen=True)
class Choice:
    number: int
    title: str
    payload: str


@dataclass
class Block:
    """One bot message, channel-neutral: body text, the answer it shows (for its sources
    and review status), choices, and a last line (the feedback prompt)."""

    text: str = ""
    answer: AnswerPart | None = None
    choices: list[Choice] = field(default_factory=list)
    footer: str = ""
    lang: str = "en"  # the reply's language (the payload's ``lang``)


@dataclass(frozen=True)
class Offers:
    """What the reply invites after an answer (from the payload)."""

    feedback_answer: str | None = None
    feedback_prompt: str = ""
    simpler: str = ""


Sources = Callable[[AnswerPart], list[str]]


# --- sources ---------------------------------------------------------------------------


def plain_sources(part: AnswerPart) -> list[str]:
    """Plain text: one line per source, then the review status (in the answer's language;
    a Spanish answer's English sources say "(en inglés)")."""
    src = label("source", part.lang)
    lines = [f"{src}: {text}" for text in citation_labels(part.citations, part.lang)]
    return lines + [f"{review_label(part.review, part.lang)}."]


def turn_lang(messages: Iterable[dict[str, Any]]) -> str:
    """The language of a turn: its reply payload's ``lang`` ("en" when there is none)."""
    for message in messages:
        payload = reply_payload(message)
        if payload is not None:
            return "es" if payload.get("lang") == "es" else "en"
    return "en"


# --- a turn ------------------------------------------------------------------------------


def reply_payload(message: dict[str, Any]) -> dict[str, Any] | None:
    custom = message.get("custom")
    if isinstance(custom, dict) and custom.get("type") == "reply" and isinstance(custom.get("parts"), list):
        return custom
    return None


def _buttons(items: Any) -> list[dict[str, Any]]:
    return [b for b in items or [] if isinstance(b, dict) and b.get("title") and b.get("payload")]


Raw = tuple[Block, list[dict[str, Any]]]  # a block and the buttons still to number


def _reply_blocks(payload: dict[str, Any]) -> list[Raw]:
    out: list[Raw] = []
    lang = "es" if payload.get("lang") == "es" else "en"
    for part in payload["parts"]:
        if not isinstance(part, dict):
            continue
        kind = part.get("type")
        if kind == "response":
            out.append((Block(str(part.get("text") or "").strip(), lang=lang), []))
        elif kind == "answer":
            answer = part_from_payload(part)
            out.append((Block(answer_body(answer), answer, lang=lang), []))
        elif kind == "choices":
            options = _buttons(part.get("options"))
            if out and out[-1][0].answer is None and not out[-1][1]:
                out[-1][1].extend(options)  # the question and its choices: one message
            else:
                out.append((Block(lang=lang), options))
    return out


def turn_blocks(messages: Iterable[dict[str, Any]]) -> list[Block]:
    """Blocks for one turn. Choices are numbered across the whole turn, in order, so the
    numbers read back from the tracker match the numbers that were shown."""
    raw: list[Raw] = []
    for message in messages:
        if message.get(REPLY_PART):
            continue  # repeated in the reply payload
        payload = reply_payload(message)
        if payload is not None:
            raw.extend(_reply_blocks(payload))
            continue
        custom = message.get("custom")
        if isinstance(custom, dict) and custom.get("type") == LEGACY_ANSWER:
            continue
        raw.append(
            (
                Block((message.get("text") or "").strip()),
                _buttons(message.get("buttons") or message.get("quick_replies")),
            )
        )
    number = 0
    for block, buttons in raw:
        for button in buttons:
            number += 1
            block.choices.append(Choice(number, str(button["title"]), str(button["payload"])))
    return [b for b, _ in raw if b.text or b.answer or b.choices]


def turn_offers(messages: Iterable[dict[str, Any]]) -> Offers:
    for message in messages:
        payload = reply_payload(message)
        feedback = payload.get("feedback") if payload else None
        if payload and isinstance(feedback, dict) and isinstance(feedback.get("answer_id"), str):
            simpler = payload.get("simpler")
            return Offers(
                feedback["answer_id"], str(feedback.get("prompt") or ""), simpler if isinstance(simpler, str) else ""
            )
    return Offers()


def with_feedback_prompt(blocks: list[Block], prompt: str) -> list[Block]:
    """The prompt as the last line of the turn's last answer."""
    answers = [b for b in blocks if b.answer is not None]
    if prompt and answers:
        answers[-1].footer = prompt
    return blocks


def turn_choices(messages: Iterable[dict[str, Any]]) -> list[Choice]:
    return [c for b in turn_blocks(messages) for c in b.choices]


def pick_choice(choices: Iterable[Choice], number: int) -> Choice | None:
    return next((c for c in choices if c.number == number), None)


REPLY_WORDS = {"en": ("Reply", "or"), "es": ("Responda", "o")}


def reply_prompt(numbers: list[int], lang: str = "en") -> str:
    """[1, 2, 3] -> 'Reply 1, 2 or 3.' ('Responda 1, 2 o 3.' in Spanish)"""
    if not numbers:
        return ""
    verb, conj = REPLY_WORDS.get(lang, REPLY_WORDS["en"])
    if len(numbers) == 1:
        return f"{verb} {numbers[0]}."
    head = ", ".join(str(n) for n in numbers[:-1])
    return f"{verb} {head} {conj} {numbers[-1]}."


def numbered_choices(choices: list[Choice], lang: str = "en") -> str:
    lines = [f"{c.number}. {c.title}" for c in choices]
    lines.append(reply_prompt([c.number for c in choices], lang))
    return "\n".join(lines)


def plain_block(block: Block, numbered: bool = True, sources: Sources = plain_sources) -> str:
    """A block as plain text: body, source lines and review status, the footer, then
    numbered choices."""
    parts = []
    if block.text:
        parts.append(block.text)
    if block.answer is not None:
        parts.append("\n".join(sources(block.answer)))
    if block.footer:
        parts.append(block.footer)
    if block.choices and numbered:
        parts.append(numbered_choices(block.choices, block.lang))
    return "\n\n".join(parts)


# --- splitting ---------------------------------------------------------------------------

_NOT_SENTENCE_END = {"e.g", "i.e", "dr", "mr", "mrs", "ms", "vs", "st", "no", "approx", "fig"}
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*\s+")
_PARAGRAPH = re.compile(r"\n\s*\n\s*")
_LINE = re.compile(r"\n\s*")
_SPACE = re.compile(r"\s+")


def _sentence_cuts(text: str) -> list[int]:
    cuts = []
    for m in _SENTENCE_END.finditer(text):
        word = re.search(r"(\S+)$", text[: m.start()])
        before = word.group(1).lower() if word else ""
        if before.lstrip("(\"'") in _NOT_SENTENCE_END or before.isdigit():
            continue  # "e.g. x", "Dr. Lin", "1. Where..."
        cuts.append(m.end())
    return cuts


def _cuts(pattern: re.Pattern[str], text: str) -> list[int]:
    return [m.end() for m in pattern.finditer(text)]


def _best_cut(text: str, fits: Callable[[str], bool]) -> int:
    """Where to end the next part: the last paragraph, line or sentence end that fits
    (a paragraph or line end wins if it keeps at least 60% of the room), else the last
    space that fits, else (a single word longer than the limit) as many characters as fit."""

    def last_fitting(cuts: list[int]) -> int:
        best = 0
        for cut in cuts:
            if cut < len(text) and fits(text[:cut].rstrip()):
                best = cut
            elif best:
                break
        return best

    sentence = last_fitting(sorted(set(_sentence_cuts(text) + _cuts(_PARAGRAPH, text) + _cuts(_LINE, text))))
    if sentence:
        for pattern in (_PARAGRAPH, _LINE):
            coarse = last_fitting(_cuts(pattern, text))
            if coarse and coarse >= 0.6 * sentence:
                return coarse
        return sentence
    word = last_fitting(_cuts(_SPACE, text))
    if word:
        return word
    n = 1
    while n < len(text) and fits(text[: n + 1]):
        n += 1
    return n


def split_text(text: str, fits: Callable[[str], bool], fits_last: Callable[[str], bool] | None = None) -> list[str]:
    """Split at sentence boundaries into parts that each satisfy ``fits`` (the last part
    only ``fits_last``, when given: e.g. no room needed for "Reply MORE"). Nothing is
    dropped: only the whitespace at each cut goes, and words are never cut (unless one
    word alone is longer than the limit)."""
    parts: list[str] = []
    rest = text.strip()
    while rest:
        if (fits_last or fits)(rest):
            parts.append(rest)
            break
        cut = _best_cut(rest, fits)
        parts.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    return parts


def max_chars(limit: int) -> Callable[[str], bool]:
    return lambda s: len(s) <= limit


def max_utf16(limit: int) -> Callable[[str], bool]:
    """Telegram counts message length in UTF-16 code units."""
    return lambda s: len(s.encode("utf-16-le")) // 2 <= limit


def truncate(text: str, limit: int, ellipsis: str = "\u2026") -> str:
    """Shorten a label at a word boundary (for button titles with a hard limit)."""
    if len(text) <= limit:
        return text
    cut = text[: limit - len(ellipsis)]
    if " " in cut:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:") + ellipsis
