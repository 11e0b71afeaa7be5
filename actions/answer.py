"""action_answer: every medical question, follow-up, suggestion click and unsure
guess is answered here from the curated store, with citations."""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.context import (
    SUBJECT_TYPES,
    message_entities,
    resolve_intent,
    subject_slots,
    with_carry_over,
)
from actions.send import send_answer, suggestion_buttons
from actions.urgent import send_urgent
from mbc.boundary import is_personal_decision, lacks_anchor
from mbc.kb import KnowledgeBase, get_kb
from mbc.model import Answer
from mbc.safety import detect_all
from mbc.tone import expresses_feelings

logger = logging.getLogger(__name__)

# "Did you mean" suggestions need at least this search relevance (BM25 x trust);
# tuned on tests/data/store_queries.yml and the held-out set, see README "Thresholds".
SUGGEST_MIN_SCORE = 4.0
MAX_SUGGESTIONS = 3
# For these, a question about a term the store has never seen gets suggestions or
# "I don't know" rather than the intent's general answer.
UNKNOWN_SUBJECT_INTENTS = ("ask_definition", "ask_treatment", "ask_side_effects", "ask_diagnosis")
FAQ_PREFIX = "ask_"
SHORT_QUESTION_WORDS = 8  # long messages carry many unfamiliar words that are not the subject


class ActionAnswer(Action):
    def name(self) -> str:
        return "action_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        text = tracker.latest_message.get("text") or ""
        if detect_all(text):  # emergencies first, whatever the intent was
            send_urgent(dispatcher, text)
            return []
        try:
            return self._answer(dispatcher, tracker, get_kb(), text)
        except Exception:  # never leave a frightened person with no reply
            logger.exception("action_answer failed")
            dispatcher.utter_message(response="utter_error")
            return []

    def _answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, kb: KnowledgeBase, text: str
    ) -> list[dict[str, Any]]:
        msg = tracker.latest_message
        raw_intent = (msg.get("intent") or {}).get("name")
        if raw_intent == "show_answer":
            return self._by_id(dispatcher, tracker, kb)
        intent = resolve_intent(raw_intent, tracker.get_slot("last_intent"))
        if intent != "personal_advice" and is_personal_decision(text):
            intent = "personal_advice"  # the boundary holds even if NLU missed it
        own = message_entities(kb, text, msg.get("entities") or [])
        slots = {t: tracker.get_slot(t) for t in SUBJECT_TYPES}
        found = with_carry_over(intent, own, slots)
        has_subject = any(own.get(t) for t in SUBJECT_TYPES)
        if intent == "nlu_fallback":
            return self._unsure(dispatcher, kb, msg, text, found)
        typed = not text.startswith("/")  # a button payload ("/ask_treatment") is not typed text
        if typed and intent.startswith("ask_") and lacks_anchor(text, bool(own)) and not any(slots.values()):
            dispatcher.utter_message(response="utter_out_of_scope")
            return []
        if intent == "ask_what_is_mbc" and has_subject:
            intent = "ask_definition"  # "what is LMD?" asks about LMD, not about MBC itself
        if (typed and intent in UNKNOWN_SUBJECT_INTENTS and not has_subject and len(text.split()) <= SHORT_QUESTION_WORDS
                and kb.unknown_terms(text)):
            return self._suggest(dispatcher, kb, text)  # e.g. a drug our sources never mention
        answers = kb.answer_for(intent, text, found)
        if not answers:
            return self._suggest(dispatcher, kb, text)
        feelings = intent != "express_emotion" and expresses_feelings(text)
        if feelings:
            dispatcher.utter_message(response="utter_acknowledge_feelings")
        for a in answers:
            send_answer(dispatcher, kb, a)
        if intent == "personal_advice":
            self._general_facts(dispatcher, kb, text, found, exclude=answers)
            dispatcher.utter_message(response="utter_advice_offer")
        if feelings:
            dispatcher.utter_message(response="utter_support_options")
        return self._remember(intent, found, answers[0])

    def _general_facts(
        self, dispatcher: CollectingDispatcher, kb: KnowledgeBase, text: str,
        found: dict[str, set[str]], exclude: list[Answer],
    ) -> None:
        """With a deferral, the general facts about the drug/therapy/site named, if any."""
        if not any(found.get(t) for t in SUBJECT_TYPES):
            return
        for intent in ("ask_treatment", "ask_definition", "ask_spread"):
            facts = [a for a in kb.answer_for(intent, text, found) if a.entities and a not in exclude]
            if facts:
                send_answer(dispatcher, kb, facts[0])
                return

    def _by_id(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, kb: KnowledgeBase
    ) -> list[dict[str, Any]]:
        ids = [e.get("value") for e in tracker.latest_message.get("entities") or [] if e.get("entity") == "answer_id"]
        answer = kb.answers.get(str(ids[0])) if ids else None
        if answer is None:
            dispatcher.utter_message(response="utter_dont_know")
            return []
        send_answer(dispatcher, kb, answer)
        intent = answer.intents[0] if answer.intents else "ask_definition"
        found = {t: set(v) for t, v in answer.entities.items()}
        return self._remember(intent, found, answer)

    def _unsure(
        self, dispatcher: CollectingDispatcher, kb: KnowledgeBase, msg: dict[str, Any], text: str,
        found: dict[str, set[str]],
    ) -> list[dict[str, Any]]:
        """NLU is unsure of the intent. If its two best guesses lead to the same answer
        (e.g. "what is Kisqali": definition or treatment), give it; otherwise suggest."""
        ranking = [r.get("name") for r in msg.get("intent_ranking") or [] if r.get("name") != "nlu_fallback"][:2]
        picks = [kb.answer_for(name, text, found) for name in ranking if str(name).startswith(FAQ_PREFIX)]
        firsts = {p[0].id for p in picks if p}
        if len(picks) == 2 and len(firsts) == 1 and all(p and p[0].entities for p in picks):
            answer = picks[0][0]
            send_answer(dispatcher, kb, answer)
            return self._remember(ranking[0], found, answer)
        return self._suggest(dispatcher, kb, text)

    def _suggest(self, dispatcher: CollectingDispatcher, kb: KnowledgeBase, text: str) -> list[dict[str, Any]]:
        """Unsure what was meant: offer up to three close answers, or admit not knowing."""
        hits = [a for a, score in kb.search(text, limit=MAX_SUGGESTIONS) if score >= SUGGEST_MIN_SCORE]
        if not hits:
            dispatcher.utter_message(response="utter_dont_know")
            return []
        dispatcher.utter_message(response="utter_did_you_mean", buttons=suggestion_buttons(hits))
        return []

    @staticmethod
    def _remember(intent: str, found: dict[str, set[str]], answer: Answer) -> list[dict[str, Any]]:
        events = [SlotSet("last_intent", intent), SlotSet("last_answer", answer.id)]
        events += [SlotSet(k, v) for k, v in subject_slots(found, answer.entities).items()]
        return events
