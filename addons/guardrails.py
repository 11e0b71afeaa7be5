"""Rasa NLU component: rule-based guardrails override the classifier's intent.

In priority order: an urgent situation (mbc.safety) -> ``urgent``; a question about
another cancer (mbc.boundary) -> ``out_of_scope``; a personal medical decision
(mbc.boundary) -> ``personal_advice``. Each rule works alongside the classifier,
which can still reach the same intents on its own.

Placed last in the pipeline, after the classifier and FallbackClassifier, so a
message the detector flags becomes ``urgent`` whatever the classifier (or the
fallback) said. The ``urgent`` intent the classifier predicts on its own still
triggers urgent guidance too -- either one is enough -- when its confidence is at
least ``nlu_min_confidence`` (default 0.6). Below that, with no detector match, the
classifier's urgent guess is replaced by its next-best intent: on the held-out set
its low-confidence urgent guesses were all false alarms ("my knee hurts when I run"),
while the detector catches every urgent message there on its own.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from addons import rasa_patches
from mbc.boundary import is_other_cancer, is_personal_decision
from mbc.safety import detect

rasa_patches.apply()  # the Rasa server imports this module when it loads the model

URGENT = "urgent"
OUT_OF_SCOPE = "out_of_scope"
PERSONAL = "personal_advice"


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class GuardrailClassifier(GraphComponent):
    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> GuardrailClassifier:
        return cls(float(config.get("nlu_min_confidence", 0.6)))

    def __init__(self, nlu_min_confidence: float = 0.6) -> None:
        self.nlu_min_confidence = nlu_min_confidence

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"nlu_min_confidence": 0.6}

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str):
                continue
            flag = detect(text)
            if flag is not None:
                self._override(message, URGENT, {"rule": "red_flag", "kind": flag.kind, "level": flag.level})
                continue
            self._demote_unsure_urgent(message)
            if is_other_cancer(text):
                self._override(message, OUT_OF_SCOPE, {"rule": "other_cancer"})
            elif is_personal_decision(text):
                self._override(message, PERSONAL, {"rule": "personal_decision"})
        return messages

    @staticmethod
    def _override(message: Message, intent: str, why: dict[str, Any]) -> None:
        previous = (message.get(INTENT) or {}).get("name")
        if previous == intent:
            return
        ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != intent]
        message.set(INTENT, {"name": intent, "confidence": 1.0}, add_to_output=True)
        message.set(INTENT_RANKING_KEY, [{"name": intent, "confidence": 1.0}, *ranking], add_to_output=True)
        message.set("guardrail", {**why, "overrode": previous}, add_to_output=True)

    def _demote_unsure_urgent(self, message: Message) -> None:
        intent = message.get(INTENT) or {}
        if intent.get("name") != URGENT or intent.get("confidence", 0.0) >= self.nlu_min_confidence:
            return
        ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != URGENT]
        if ranking:
            message.set(INTENT, dict(ranking[0]), add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
