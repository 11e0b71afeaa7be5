"""action_answer: every message the NLU passes on is answered here by the core.

The action only translates: tracker -> ``Context``, ``respond()`` decides, and the
``Reply`` becomes dispatcher calls (as rasa-sdk's knowledge-base actions do) and slot
events. No rule lives here.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.send import memory_events, send_reply
from actions.session import note_language
from mbc.kb import get_kb
from mbc.respond import Context, respond

logger = logging.getLogger(__name__)
SUBJECT_SLOTS = ("site", "therapy", "drug", "test")


def context_of(tracker: Tracker) -> Context:
    intent = tracker.latest_message.get("intent") or {}
    offered = tracker.get_slot("offered") or []
    return Context(
        act=intent.get("name"),
        act_confidence=float(intent.get("confidence") or 0.0),
        last_answer=tracker.get_slot("last_answer"),
        subjects={s: v for s in SUBJECT_SLOTS if isinstance(v := tracker.get_slot(s), str) and v},
        offered=tuple(str(p) for p in offered) if isinstance(offered, list) else (),
        pending=tracker.get_slot("pending"),
        lang=tracker.get_slot("lang"),
        chosen_lang=_chosen_lang(tracker),
        first_turn=_first_turn(tracker),
        note_lang=note_language(tracker.latest_message.get("metadata")),  # as actions.session sent it
    )


def _first_turn(tracker: Tracker) -> bool:
    """The latest message is the first one of this session."""
    users = 0
    for event in reversed(tracker.events):
        if event.get("event") == "session_started":
            break
        users += event.get("event") == "user"
    return users == 1


def _chosen_lang(tracker: Tracker) -> str | None:
    """The language the client says the person chose (the widget sends ``metadata.lang``)."""
    metadata = tracker.latest_message.get("metadata")
    value = metadata.get("lang") if isinstance(metadata, dict) else None
    return value if value in ("en", "es") else None


class ActionAnswer(Action):
    def name(self) -> str:
        return "action_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        text = tracker.latest_message.get("text") or ""
        try:
            reply = respond(text, context_of(tracker), get_kb())
        except Exception as exc:  # never leave a frightened person with no reply
            logger.error("action_answer failed: %s", type(exc).__name__)  # no conversation content
            dispatcher.utter_message(response="utter_error")
            return []
        send_reply(dispatcher, reply, domain)
        return memory_events(reply.memory)
