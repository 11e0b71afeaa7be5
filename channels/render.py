"""What a messaging channel shows for one bot turn. Plain Python, no Rasa imports.

A turn is the list of bot messages Rasa produced for one user message (dicts with
``text``, ``buttons``, ``custom``...). An answer comes as its text (answer + the long
"Sources: ..." paragraph) plus a custom payload ``{"type": "answer", "sources_text",
"citations"}``. Here the long paragraph is replaced by one short line per source, built
from the citations, and buttons become numbered choices where the channel has none.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

EM_DASH = "\u2014"
_CHECKED = re.compile(r"Checked by our team [^.]*\.")


@dataclass(frozen=True)
class Choice:
    number: int
    title: str
    payload: str


@dataclass
class Block:
    """One bot message, channel-neutral: body text, short source lines, choices."""

    text: str = ""
    sources: list[str] = field(default_factory=list)
    choices: list[Choice] = field(default_factory=list)


# --- sources ---------------------------------------------------------------------------


def month_year(iso: str | None) -> str | None:
    """'2025-07-10' -> 'Jul 2025'; None for a missing or malformed date."""
    if not iso:
        return None
    try:
        day = dt.date.fromisoformat(str(iso)[:10])
    except ValueError:
        return None
    return f"{day:%b} {day.year}"


def source_line(citation: dict[str, Any], dash: str = EM_DASH) -> str:
    """'Source: LBBC, Metastatic breast cancer, reviewed Jul 2025 — lbbc.org'."""
    who = citation.get("publisher_short") or citation.get("publisher") or "Unknown source"
    parts = [str(who)]
    if citation.get("title"):
        parts.append(str(citation["title"]))
    when = month_year(citation.get("reviewed"))
    parts.append(f"reviewed {when}" if when else "no review date")
    line = "Source: " + ", ".join(parts)
    if citation.get("site"):
        line += f" {dash} {citation['site']}"
    if citation.get("trust") == "low":
        line += " (no references)"
    return line


def source_lines(citations: Iterable[dict[str, Any]], sources_text: str = "", dash: str = EM_DASH) -> list[str]:
    """One line per distinct source (citations repeat a source for each section),
    then the team's check date from the long sources text, when there is one."""
    seen: set[Any] = set()
    lines = []
    for c in citations:
        if not isinstance(c, dict):
            continue
        key = c.get("source_id") or c.get("id") or (c.get("publisher_short"), c.get("title"))
        if key in seen:
            continue
        seen.add(key)
        lines.append(source_line(c, dash))
    checked = _CHECKED.search(sources_text or "")
    if lines and checked:
        lines.append(checked.group(0))
    return lines


def strip_sources(text: str, sources_text: str) -> str:
    """The answer text without its long "Sources: ..." paragraph."""
    if sources_text and sources_text in text:
        text = text.replace(sources_text, "")
    return text.strip()


# --- a turn ------------------------------------------------------------------------------


def _answer_payload(message: dict[str, Any]) -> dict[str, Any] | None:
    custom = message.get("custom")
    if isinstance(custom, dict) and custom.get("type") == "answer":
        return custom
    return None


def _buttons(message: dict[str, Any]) -> list[dict[str, Any]]:
    buttons = message.get("buttons") or message.get("quick_replies") or []
    return [b for b in buttons if isinstance(b, dict) and b.get("title") and b.get("payload")]


def turn_blocks(messages: Iterable[dict[str, Any]], dash: str = EM_DASH) -> list[Block]:
    """Blocks for one turn. Choices are numbered across the whole turn, in order, so the
    numbers read back from the tracker match the numbers that were shown."""
    blocks: list[Block] = []
    number = 0
    for message in messages:
        text = (message.get("text") or "").strip()
        answer = _answer_payload(message)
        block: Block | None = None
        if answer is not None:
            sources_text = str(answer.get("sources_text") or "")
            lines = source_lines(answer.get("citations") or [], sources_text, dash)
            if text:
                block = Block(strip_sources(text, sources_text), lines)
            elif blocks and not blocks[-1].sources and not blocks[-1].choices:
                # the payload came as its own message right after its text
                blocks[-1].text = strip_sources(blocks[-1].text, sources_text)
                blocks[-1].sources = lines
            elif lines:
                block = Block("", lines)
        elif text:
            block = Block(text)
        buttons = _buttons(message)
        if buttons:
            block = block or Block("")
            for b in buttons:
                number += 1
                block.choices.append(Choice(number, str(b["title"]), str(b["payload"])))
        if block is not None and (block.text or block.sources or block.choices):
            blocks.append(block)
    return blocks


def turn_choices(messages: Iterable[dict[str, Any]]) -> list[Choice]:
    return [c for b in turn_blocks(messages) for c in b.choices]


def pick_choice(choices: Iterable[Choice], number: int) -> Choice | None:
    return next((c for c in choices if c.number == number), None)


def reply_prompt(numbers: list[int]) -> str:
    """[1, 2, 3] -> 'Reply 1, 2 or 3.'"""
    if not numbers:
        return ""
    if len(numbers) == 1:
        return f"Reply {numbers[0]}."
    head = ", ".join(str(n) for n in numbers[:-1])
    return f"Reply {head} or {numbers[-1]}."


def numbered_choices(choices: list[Choice]) -> str:
    lines = [f"{c.number}. {c.title}" for c in choices]
    lines.append(reply_prompt([c.number for c in choices]))
    return "\n".join(lines)


def plain_block(block: Block, numbered: bool = True) -> str:
    """A block as plain text: body, source lines, then numbered choices."""
    parts = []
    if block.text:
        parts.append(block.text)
    if block.sources:
        parts.append("\n".join(block.sources))
    if block.choices and numbered:
        parts.append(numbered_choices(block.choices))
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
