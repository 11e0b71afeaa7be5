"""Start of a conversation: the "general information, not medical advice" note, in Spanish
when the client says Spanish was chosen (the widget's ``metadata.lang``, which Rasa hands
to this action as the ``session_started_metadata`` slot). A first message written in
Spanish gets the Spanish note with its reply (mbc.respond: ``note_lang``)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, SessionStarted
from rasa_sdk.executor import CollectingDispatcher

from actions.send import response_text


def note_language(metadata: object) -> str:
    """The language of the first note: the one the person chose in the client (the widget's
    ``lang``), else the one their first message is written in (``text_lang``, set by our
    channels), else English."""
    if isinstance(metadata, dict):
        for key in ("lang", "text_lang"):
            if metadata.get(key) in ("en", "es"):
                return str(metadata[key])
    return "en"


class ActionSessionStart(Action):
    def name(self) -> str:
        return "action_session_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        metadata = tracker.get_slot("session_started_metadata")
        lang = note_language(metadata)
        if lang == "es":
            dispatcher.utter_message(text=response_text(domain, "utter_disclaimer", "es"))
        else:
            dispatcher.utter_message(response="utter_disclaimer")
        return [SessionStarted(), ActionExecuted("action_listen")]
