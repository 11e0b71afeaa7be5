"""Work out what a message is about: intent, canonical entities, and what carries
over from earlier turns ("and the lungs?", "what are its side effects?")."""

from __future__ import annotations

from typing import Any

from mbc.kb import KnowledgeBase

SUBJECT_TYPES = ("site", "therapy", "drug", "test")
# Which remembered subjects a follow-up question may reuse, by intent.
CARRY: dict[str, tuple[str, ...]] = {
    "ask_symptoms": ("site",),
    "ask_spread": ("site",),
    "ask_diagnosis": ("test", "site"),
    "ask_treatment": ("drug", "therapy", "site"),
    "ask_side_effects": ("drug", "therapy"),
    "personal_advice": ("drug", "therapy", "site"),
}
FOLLOW_UP_DEFAULT = "ask_definition"


def message_entities(kb: KnowledgeBase, text: str, nlu_entities: list[dict[str, Any]]) -> dict[str, set[str]]:
    """Canonical entities from Rasa's extractor plus our own analysis of the text."""
    found = {t: set(v) for t, v in kb.analyze(text).entities.items()}
    for ent in nlu_entities or []:
        etype, value = ent.get("entity"), ent.get("value")
        if not isinstance(etype, str) or not isinstance(value, str):
            continue
        canon = kb.vocab.canonical(etype, value)
        if canon:
            found.setdefault(etype, set()).add(canon)
    return found


def resolve_intent(intent: str | None, last_intent: str | None) -> str:
    """A bare follow-up ("and the lungs?") asks the previous question about a new subject."""
    if intent == "inform":
        return last_intent or FOLLOW_UP_DEFAULT
    return intent or FOLLOW_UP_DEFAULT


def with_carry_over(
    intent: str, found: dict[str, set[str]], slots: dict[str, str | None]
) -> dict[str, set[str]]:
    """Add remembered subjects when the message names none of its own."""
    if any(found.get(t) for t in SUBJECT_TYPES):
        return found
    out = {t: set(v) for t, v in found.items()}
    for etype in CARRY.get(intent, ()):
        value = slots.get(etype)
        if value:
            out.setdefault(etype, set()).add(value)
    return out


def subject_slots(found: dict[str, set[str]], answer_entities: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Slot values to remember: the answer's own subject first, else the message's."""
    out: dict[str, str] = {}
    for etype in SUBJECT_TYPES:
        vals = sorted(set(answer_entities.get(etype, ())) & found.get(etype, set())) or sorted(found.get(etype, set()))
        if not vals and answer_entities.get(etype):
            vals = list(answer_entities[etype])
        if vals:
            out[etype] = vals[0]
    return out
