"""Send curated answers through the dispatcher: plain text with a sources line for
every channel, and a ``custom`` payload with structured citations for rich clients."""

from __future__ import annotations

from rasa_sdk.executor import CollectingDispatcher

from mbc.kb import KnowledgeBase
from mbc.model import Answer


def send_answer(dispatcher: CollectingDispatcher, kb: KnowledgeBase, answer: Answer) -> None:
    rendered = kb.render(answer)
    dispatcher.utter_message(text=rendered.message, json_message=rendered.payload())


def suggestion_buttons(answers: list[Answer]) -> list[dict[str, str]]:
    buttons = [
        {"title": a.question, "payload": f'/show_answer{{"answer_id": "{a.id}"}}'} for a in answers
    ]
    buttons.append({"title": "None of these", "payload": "/none_of_these"})
    return buttons
