"""Turn a core ``Reply`` into dispatcher calls and slot events.

Every part is sent as a message plain clients can show (text, with a "Sources:" line
after an answer, and buttons for choices), and the whole reply once more as one
``custom`` payload of type ``reply`` that rich clients render from. Domain responses
are resolved to their text here, so the payload is complete:

* each ``response`` part carries its ``text``;
* each ``answer`` part's ``review`` carries ``label`` (the truthful review status,
  mbc.render.review_label) and ``checked`` (when our team last checked it, or "");
* ``feedback`` (after an answer): ``{"answer_id", "prompt"}``, the answer a 👍/👎 or
  yes/no reply is about and the domain's ``utter_feedback_prompt``;
* ``simpler`` (after an answer that has a simpler version): the text to send for it.

The plain messages are marked ``reply_part`` (kept in the bot event's metadata, and by
our REST channel on each message it returns), so a client that renders the payload
skips them and shows every other message (the session-start note) as it is.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from mbc import language
from mbc.render import answer_payload, answer_text
from mbc.reply import AnswerPart, Choices, Memory, Reply, ResponseRef

REPLY_PART = "reply_part"  # marks a plain message that repeats a part of the payload
FEEDBACK_PROMPT = "utter_feedback_prompt"
# What "Say it more simply" sends, in the reply's language (the core understands both).
SIMPLER_TEXT = {"en": "simpler please", "es": "más sencillo, por favor"}


def response_text(domain: dict[str, Any], name: str, lang: str = "en") -> str:
    """The response's text in ``lang`` (its Spanish variant on the ``lang`` slot, as Rasa picks)."""
    return language.response_text(domain.get("responses") or {}, name, lang)


def buttons(choices: Choices) -> list[dict[str, str]]:
    return [{"title": c.title, "payload": c.payload} for c in choices.options]


def has_simpler_version(answer_id: str, lang: str = "en") -> bool:
    from mbc.kb import get_kb  # loaded once, and already in use by action_answer

    answer = get_kb().answers.get(answer_id)
    text = (answer.text_in(lang) if lang != "en" else answer) if answer else None
    return bool(text.simple) if text else False


def reply_payload(reply: Reply, domain: dict[str, Any]) -> dict[str, Any]:
    """The ``reply`` payload with response texts, review labels and the offers after an answer."""
    payload = reply.payload()
    for i, part in enumerate(reply.parts):
        if isinstance(part, ResponseRef):
            payload["parts"][i]["text"] = response_text(domain, part.name, reply.lang)
        elif isinstance(part, AnswerPart):
            payload["parts"][i] = answer_payload(part)
    last = reply.memory.last_answer
    if reply.memory.pending == "feedback" and last and last in reply.answer_ids:
        payload["feedback"] = {"answer_id": last, "prompt": response_text(domain, FEEDBACK_PROMPT, reply.lang)}
        if reply.why.get("rule") != "simpler" and has_simpler_version(last, reply.lang):
            payload["simpler"] = SIMPLER_TEXT.get(reply.lang, SIMPLER_TEXT["en"])
    return payload


def send_reply(dispatcher: CollectingDispatcher, reply: Reply, domain: dict[str, Any]) -> None:
    parts = list(reply.parts)
    payload = reply_payload(reply, domain)
    marked = {REPLY_PART: True}
    for i, part in enumerate(parts):
        following = parts[i + 1] if i + 1 < len(parts) else None
        if isinstance(part, ResponseRef):
            extra = buttons(following) if isinstance(following, Choices) else None
            # Rasa fills a named response from the slots as they were before this action, so a
            # reply in the language chosen on this very message is sent as its text.
            named: dict[str, Any] = (
                {"response": part.name} if reply.lang == "en" else {"text": payload["parts"][i]["text"]}
            )
            if extra:
                dispatcher.utter_message(buttons=extra, **named, **marked)
            else:
                dispatcher.utter_message(**named, **marked)
        elif isinstance(part, AnswerPart):
            body, sources = answer_text(part)
            dispatcher.utter_message(
                text=f"{body}\n\n{sources}",
                json_message={  # the older per-answer payload, kept for existing integrations
                    "type": "answer",
                    "answer_id": part.id,
                    "sources_text": sources,
                    "citations": payload["parts"][i]["citations"],
                    "review": payload["parts"][i]["review"],
                },
                **marked,
            )
        elif isinstance(part, Choices) and not isinstance(parts[i - 1] if i else None, ResponseRef):
            dispatcher.utter_message(buttons=buttons(part), **marked)
    dispatcher.utter_message(json_message=payload)


def memory_events(memory: Memory) -> list[dict[str, Any]]:
    events = [
        SlotSet("offered", list(memory.offered)),
        SlotSet("pending", memory.pending),
        SlotSet("lang", memory.lang),
    ]
    if memory.feedback:  # recorded as an event linked to the answer, never with message text
        events.append(SlotSet("feedback", {"answer_id": memory.feedback[0], "value": memory.feedback[1]}))
    if memory.last_answer:
        events.append(SlotSet("last_answer", memory.last_answer))
    events += [SlotSet(k, v) for k, v in memory.subjects.items()]
    return events
