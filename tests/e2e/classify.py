"""Classify what the bot did with a message, from its REST reply."""

from __future__ import annotations

from tests.servers import customs, texts

DISCLAIMER = "not medical advice"


def answer_ids(messages: list[dict]) -> list[str]:
    return [c["answer_id"] for c in customs(messages) if c.get("type") == "answer"]


def behaviour(messages: list[dict]) -> str:
    """urgent | deferral | answer | decline | suggest | dont_know | chat | empty"""
    body = "\n".join(t for t in texts(messages).split("\n") if DISCLAIMER not in t)
    ids = answer_ids(messages)
    if ("911" in body or "988" in body) and not ids:
        return "urgent"
    if ids and ids[0] == "advice-care-team":
        return "deferral"
    if ids:
        return "answer"
    if "outside what I can help with" in body:
        return "decline"
    if any(m.get("buttons") for m in messages) and "Did you mean" in body or "not sure I understood" in body:
        return "suggest"
    if "don't have a reliable answer" in body or "our sources don't cover that" in body:
        return "dont_know"
    return "chat" if body.strip() else "empty"


def cites(messages: list[dict]) -> bool:
    return bool(answer_ids(messages)) or "Sources:" in texts(messages)
