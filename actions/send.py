"""Turn a core ``Reply`` into dispatcher calls and slot events.

Every part is sent as a message plain clients can show (text, with a "Sources:" line
after an answer, and buttons for choices), and the whole reply once more as one
``custom`` payload of type ``reply`` that rich clients render from. Domain responses
are resolved to their text here, so the payload is complete.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from mbc.render import answer_text
from mbc.reply import AnswerPart, Choices, Memory, Reply, ResponseRef


def response_text(domain: dict[str, Any], name: str) -> str:
    variants = (domain.get("responses") or {}).get(name) or [{}]
    return str(variants[0].get("text") or "")


def buttons(choices: Choices) -> list[dict[str, str]]:
    return [{"title": c.title, "payload": c.payload} for c in choices.options]


def send_reply(dispatcher: CollectingDispatcher, reply: Reply, domain: dict[str, Any]) -> None:
    parts = list(reply.parts)
    payload = reply.payload()
    for i, part in enumerate(parts):
        following = parts[i + 1] if i + 1 < len(parts) else None
        if isinstance(part, ResponseRef):
            payload["parts"][i]["text"] = response_text(domain, part.name)
            extra = buttons(following) if isinstance(following, Choices) else None
            dispatcher.utter_message(response=part.name, buttons=extra) if extra else dispatcher.utter_message(
                response=part.name
            )
        elif isinstance(part, AnswerPart):
            body, sources = answer_text(part)
            dispatcher.utter_message(
                text=f"{body}\n\n{sources}",
                json_message={
                    "type": "answer",
                    "answer_id": part.id,
                    "sources_text": sources,
                    "citations": payload["parts"][i]["citations"],
                    "review": payload["parts"][i]["review"],
                },
            )
        elif isinstance(part, Choices) and not isinstance(parts[i - 1] if i else None, ResponseRef):
            dispatcher.utter_message(buttons=buttons(part))
    dispatcher.utter_message(json_message=payload)


def memory_events(memory: Memory) -> list[dict[str, Any]]:
    events = [SlotSet("offered", list(memory.offered)), SlotSet("pending", memory.pending)]
    if memory.feedback:  # recorded as an event linked to the answer, never with message text
        events.append(SlotSet("feedback", {"answer_id": memory.feedback[0], "value": memory.feedback[1]}))
    if memory.last_answer:
        events.append(SlotSet("last_answer", memory.last_answer))
    events += [SlotSet(k, v) for k, v in memory.subjects.items()]
    return events
