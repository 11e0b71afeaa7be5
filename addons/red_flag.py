"""Rasa NLU component: the rule-based red-flag detector overrides the intent.

Placed last in the pipeline, after the classifier and FallbackClassifier, so a
message the detector flags becomes ``urgent`` whatever the classifier (or the
fallback) said. The ``urgent`` intent the classifier predicts on its own still
triggers urgent guidance too: either one is enough.
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

from mbc.safety import detect

URGENT = "urgent"


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class RedFlagClassifier(GraphComponent):
    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> RedFlagClassifier:
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str):
                continue
            flag = detect(text)
            if flag is None:
                continue
            previous = message.get(INTENT) or {}
            message.set(INTENT, {"name": URGENT, "confidence": 1.0}, add_to_output=True)
            ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != URGENT]
            message.set(
                INTENT_RANKING_KEY,
                [{"name": URGENT, "confidence": 1.0}, *ranking],
                add_to_output=True,
            )
            message.set("red_flag", {"kind": flag.kind, "level": flag.level, "overrode": previous.get("name")}, add_to_output=True)
        return messages
