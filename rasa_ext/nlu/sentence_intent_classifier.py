"""A Rasa NLU intent classifier that blends DIET's intent ranking with a logistic regression on each
message's sentence embedding (all-MiniLM-L6-v2, ``language/encoder.py``).

DIET learns from the words and character n-grams of the team's examples; the regression learns from
what the examples mean, so it also knows phrasings that share no word with them. Their blend
generalised better to messages nobody trained on than either alone, or than the embedding given to
DIET as a feature (docs/NLU.md). The regression is refitted with the model and stored in it as
plain arrays; predicting is one matrix product on an embedding the safety net reuses.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.exceptions import InvalidConfigException
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.linear_model import LogisticRegression

from language.encoder import DIMENSION, SentenceEncoder, default_encoder

logger = logging.getLogger(__name__)

# The share of the regression in the blend; DIET's confidence has the rest.
EMBEDDING_WEIGHT = "embedding_weight"
# The inverse strength of the regression's L2 penalty (scikit-learn's C).
INVERSE_PENALTY = "inverse_penalty"
RANKING_LENGTH = "ranking_length"
REGRESSION_FILE = "intent_regression.npz"


class IntentRegression:
    """A multinomial logistic regression from sentence embeddings to intents."""

    def __init__(self, intents: list[str], weights: np.ndarray, biases: np.ndarray) -> None:
        if weights.shape != (len(intents), DIMENSION) or biases.shape != (len(intents),):
            raise ValueError(f"weights {weights.shape} and biases {biases.shape} for {len(intents)} intents")
        self.intents = intents
        self.weights = weights.astype(np.float32)
        self.biases = biases.astype(np.float32)

    @classmethod
    def fitted(cls, embedded: np.ndarray, intents: list[str], inverse_penalty: float) -> IntentRegression:
        """Fitted to ``embedded`` texts labelled ``intents``, each intent weighing alike however many
        examples it has."""
        regression = LogisticRegression(C=inverse_penalty, class_weight="balanced", max_iter=3000)
        regression.fit(embedded, intents)
        labels = [str(label) for label in regression.classes_]
        if len(labels) == 2:
            # scikit-learn keeps one row for two classes: the second class's logit against the first's.
            weights = np.vstack([-regression.coef_[0] / 2, regression.coef_[0] / 2])
            biases = np.array([-regression.intercept_[0] / 2, regression.intercept_[0] / 2])
            return cls(labels, weights, biases)
        return cls(labels, regression.coef_, regression.intercept_)

    def probabilities(self, embedding: np.ndarray) -> dict[str, float]:
        logits = self.weights @ embedding + self.biases
        exp = np.exp(logits - logits.max())
        return dict(zip(self.intents, (exp / exp.sum()).tolist(), strict=True))

    def save(self, path: Path) -> None:
        np.savez(path, intents=np.array(self.intents), weights=self.weights, biases=self.biases)

    @classmethod
    def read(cls, path: Path) -> IntentRegression:
        with np.load(path) as arrays:
            return cls([str(name) for name in arrays["intents"]], arrays["weights"], arrays["biases"])


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class SentenceEmbeddingIntentClassifier(GraphComponent, IntentClassifier):
    """Replaces the intent ranking before it with its blend with the regression's probabilities.

    Placed after DIET and before the fallback classifier, whose thresholds then apply to the blend.
    """

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {EMBEDDING_WEIGHT: 0.6, INVERSE_PENALTY: 64.0, RANKING_LENGTH: 10}

    @classmethod
    def validate_config(cls, config: dict[str, Any]) -> None:
        if not 0.0 <= float(config[EMBEDDING_WEIGHT]) <= 1.0:
            raise InvalidConfigException(f"'{EMBEDDING_WEIGHT}' must be between 0 and 1.")
        if float(config[INVERSE_PENALTY]) <= 0.0:
            raise InvalidConfigException(f"'{INVERSE_PENALTY}' must be positive.")
        if int(config[RANKING_LENGTH]) < 1:
            raise InvalidConfigException(f"'{RANKING_LENGTH}' must be a positive integer.")

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        regression: IntentRegression | None = None,
        encoder: SentenceEncoder | None = None,
    ) -> None:
        self.validate_config(config)
        self._config = config
        self._model_storage = model_storage
        self._resource = resource
        self.regression = regression
        # Loaded with the model, so the first message does not wait for the weights.
        self.encoder = encoder or default_encoder()

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SentenceEmbeddingIntentClassifier:
        # Rasa's graph node has already merged the defaults into ``config``.
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        examples = [example for example in training_data.intent_examples if example.get(TEXT)]
        intents = [example.get(INTENT) for example in examples]
        if len(set(intents)) < 2:
            logger.warning("Fewer than two intents with examples: the intent ranking is left as it is.")
            return self._resource
        embedded = self.encoder.encode([example.get(TEXT) for example in examples])
        self.regression = IntentRegression.fitted(embedded, intents, float(self._config[INVERSE_PENALTY]))
        with self._model_storage.write_to(self._resource) as directory:
            self.regression.save(directory / REGRESSION_FILE)
        return self._resource

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> SentenceEmbeddingIntentClassifier:
        try:
            with model_storage.read_from(resource) as directory:
                regression = IntentRegression.read(directory / REGRESSION_FILE)
        except (ValueError, OSError, KeyError):
            logger.warning("The model has no intent regression; DIET's intent ranking is used alone.")
            regression = None
        return cls(config, model_storage, resource, regression)

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            self._blend(message)
        return messages

    def _blend(self, message: Message) -> None:
        text = (message.get(TEXT) or "").strip()
        if self.regression is None or not text:
            return
        # The stripped text is the safety net's first unit: the encoder remembers it for the net.
        [embedding] = self.encoder.encode([text])
        weight = float(self._config[EMBEDDING_WEIGHT])
        classified = {r["name"]: float(r["confidence"]) for r in message.get(INTENT_RANKING_KEY) or []}
        meant = self.regression.probabilities(embedding)
        blended = {
            name: weight * meant.get(name, 0.0) + (1.0 - weight) * classified.get(name, 0.0)
            for name in {*meant, *classified}
        }
        ranking = sorted(blended.items(), key=lambda item: item[1], reverse=True)
        ranking = ranking[: int(self._config[RANKING_LENGTH])]
        message.set(INTENT, {"name": ranking[0][0], "confidence": ranking[0][1]}, add_to_output=True)
        message.set(
            INTENT_RANKING_KEY,
            [{"name": name, "confidence": confidence} for name, confidence in ranking],
            add_to_output=True,
        )
