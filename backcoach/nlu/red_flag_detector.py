"""A Rasa NLU component that reads every message for red flags, whatever the classifier said."""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from safety.detector import red_flags
from safety.levels import Level

RED_FLAG_INTENTS = {Level.EMERGENCY: "red_flag_emergency", Level.URGENT: "red_flag_urgent"}
RED_FLAGS_KEY = "red_flags"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class RedFlagDetector(GraphComponent):
    """Overrides the intent with ``red_flag_emergency`` / ``red_flag_urgent`` when a sign is found.

    It runs after the classifiers and the fallback classifier, so no confidence threshold or form
    can hide a red flag; the dialogue answers those intents with plain domain responses.
    """

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> RedFlagDetector:
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            self._flag(message)
        return messages

    @staticmethod
    def _flag(message: Message) -> None:
        text: str | None = message.get(TEXT)
        if not text:
            return
        findings = red_flags(text)
        if not findings:
            return
        intent_name = RED_FLAG_INTENTS[findings[0].level]
        classified = message.get(INTENT) or {}
        message.set(RED_FLAGS_KEY, [finding.sign.key for finding in findings], add_to_output=True)
        message.set(INTENT, {"name": intent_name, "confidence": 1.0}, add_to_output=True)
        ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != intent_name]
        if classified.get("name"):
            ranking = [{**classified, "confidence": classified.get("confidence", 0.0)}] + [
                r for r in ranking if r.get("name") != classified.get("name")
            ]
        message.set(
            INTENT_RANKING_KEY,
            [{"name": intent_name, "confidence": 1.0}] + ranking,
            add_to_output=True,
        )
