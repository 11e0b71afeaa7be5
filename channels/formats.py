"""One bot turn rendered for each platform. Plain Python, no Rasa or SDK imports: the
channel modules only send what these functions return.

    SMS        plain GSM-7 text, pages of <= 3 segments, "Reply MORE" for the rest,
               numbered choices, short source lines (channels.sms.sms_sources)
    WhatsApp   plain text, 4,096 characters a message, numbered choices
    Telegram   plain text (no parse mode), 4,096 UTF-16 units, inline keyboard
    Messenger  plain text, 2,000 characters, quick replies
    Slack      Block Kit: plain-text sections (3,000), a context block of sources,
               an actions block of buttons

Every channel but SMS uses the plain-text citation formatter (channels.render.plain_sources).
After an answer, its last line asks for feedback (the domain's prompt; on SMS a GSM-7
wording when the domain's has emoji); the core reads the reply right after an answer.
"""

from __future__ import annotations

from typing import Any

from channels import texts
from channels.render import (
    Block,
    Choice,
    max_chars,
    max_utf16,
    plain_block,
    plain_sources,
    split_text,
    truncate,
    turn_blocks,
    turn_lang,
    turn_offers,
    with_feedback_prompt,
)
from channels.sms import page_texts, sms_feedback_prompt, sms_sources, to_gsm

WHATSAPP_MAX = 4096
TELEGRAM_MAX = 4096
TELEGRAM_MAX_CALLBACK_BYTES = 64
MESSENGER_MAX = 2000
MESSENGER_MAX_QUICK_REPLIES = 13
MESSENGER_MAX_TITLE = 20
SLACK_MAX_SECTION = 3000
SLACK_MAX_BUTTON_TEXT = 75
SLACK_MAX_BUTTONS = 25
SLACK_MAX_BLOCKS = 50
SLACK_MAX_CONTEXT_ELEMENTS = 10
NO_TEXT = texts.NO_TEXT["en"]

Messages = list[dict[str, Any]]


def blocks(messages: Messages, sms: bool = False) -> list[Block]:
    """The turn's blocks, the feedback prompt on the last answer."""
    offers = turn_offers(messages)
    prompt = ""
    if offers.feedback_answer:
        prompt = sms_feedback_prompt(offers.feedback_prompt, turn_lang(messages)) if sms else offers.feedback_prompt
    return with_feedback_prompt(turn_blocks(messages), prompt)


def sms_turn(messages: Messages) -> tuple[list[str], list[str]]:
    """(SMS to send now, pages kept for "MORE"). Texts are made GSM-7 before they are split,
    so a Spanish answer pays 153 characters a segment, not UCS-2's 67."""
    plain = [to_gsm(plain_block(b, numbered=True, sources=sms_sources)) for b in blocks(messages, sms=True)]
    return page_texts(plain, texts.MORE.get(turn_lang(messages), texts.MORE_SUFFIX))


def whatsapp_turn(messages: Messages) -> list[str]:
    plain = [plain_block(b, numbered=True) for b in blocks(messages)]
    return [part for text in plain for part in split_text(text, max_chars(WHATSAPP_MAX))]


def telegram_callback_data(choice: Choice) -> str:
    """The button's payload, or "choice:N" (resolved from the tracker) when the payload
    is longer than Telegram's 64-byte limit."""
    if len(choice.payload.encode("utf-8")) <= TELEGRAM_MAX_CALLBACK_BYTES:
        return choice.payload
    return f"choice:{choice.number}"


def telegram_turn(messages: Messages) -> list[tuple[str, list[tuple[str, str]]]]:
    """(text, [(button title, callback data)] for an inline keyboard under it)."""
    out: list[tuple[str, list[tuple[str, str]]]] = []
    for block in blocks(messages):
        parts = split_text(plain_block(block, numbered=False) or texts.NO_TEXT[block.lang], max_utf16(TELEGRAM_MAX))
        out.extend((part, []) for part in parts[:-1])
        out.append((parts[-1], [(c.title, telegram_callback_data(c)) for c in block.choices]))
    return out


def messenger_titles(block: Block) -> tuple[bool, list[str]]:
    """(numbered, quick reply titles): the button titles when they all fit Messenger's 20
    characters, else "1. Where does…" with the full choices numbered in the text."""
    if all(len(c.title) <= MESSENGER_MAX_TITLE for c in block.choices):
        return False, [c.title for c in block.choices]
    return True, [truncate(f"{c.number}. {c.title}", MESSENGER_MAX_TITLE) for c in block.choices]


def messenger_turn(messages: Messages) -> list[dict[str, Any]]:
    """Send API ``message`` objects."""
    out: list[dict[str, Any]] = []
    for block in blocks(messages):
        block.choices = block.choices[:MESSENGER_MAX_QUICK_REPLIES]
        numbered, titles = messenger_titles(block) if block.choices else (False, [])
        parts = split_text(plain_block(block, numbered=numbered) or texts.NO_TEXT[block.lang], max_chars(MESSENGER_MAX))
        out.extend({"text": part} for part in parts[:-1])
        last: dict[str, Any] = {"text": parts[-1]}
        if block.choices:
            last["quick_replies"] = [
                {"content_type": "text", "title": title, "payload": c.payload}
                for c, title in zip(block.choices, titles, strict=True)
            ]
        out.append(last)
    return out


def _plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text, "emoji": False}


def slack_turn(messages: Messages) -> list[dict[str, Any]]:
    """chat.postMessage arguments: ``text`` (notification fallback) and ``blocks``."""
    out: list[dict[str, Any]] = []
    for block in blocks(messages):
        body = "\n\n".join(t for t in (block.text, block.footer) if t)
        sections: list[dict[str, Any]] = [
            {"type": "section", "text": _plain(p)} for p in split_text(body, max_chars(SLACK_MAX_SECTION))
        ]
        extra: list[dict[str, Any]] = []
        sources = plain_sources(block.answer) if block.answer is not None else []
        if sources:
            lines = sources
            n = SLACK_MAX_CONTEXT_ELEMENTS
            if len(lines) > n:
                lines = lines[: n - 1] + ["\n".join(lines[n - 1 :])]
            extra.append({"type": "context", "elements": [_plain(t) for t in lines]})
        if block.choices:
            extra.append(
                {
                    "type": "actions",
                    "elements": [
                        {
                            "type": "button",
                            "text": _plain(truncate(c.title, SLACK_MAX_BUTTON_TEXT)),
                            "value": c.payload,
                            "action_id": f"choice_{c.number}",
                        }
                        for c in block.choices[:SLACK_MAX_BUTTONS]
                    ],
                }
            )
        room = SLACK_MAX_BLOCKS - len(extra)
        groups = [sections[i : i + room] for i in range(0, len(sections), room)] or [[]]
        for i, group in enumerate(groups):
            fallback = group[0]["text"]["text"] if group else (sources or [NO_TEXT])[0]
            out.append({"text": fallback, "blocks": group + (extra if i == len(groups) - 1 else [])})
    return out
