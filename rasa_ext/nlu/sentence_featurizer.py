"""A Rasa NLU featurizer that adds each message's all-MiniLM-L6-v2 sentence embedding.

The embedding (384 numbers, unit length; ``language/encoder.py``) is a dense
*sentence* feature of the text and nothing else. DIET needs no sequence feature from it: it
concatenates the sentence features of all featurizers (sparse ones projected to dense), and the
token-level features from the tokenizer's featurizers stay as they are. No tokenizer is needed
either, as the model tokenises the text itself.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.shared.exceptions import InvalidConfigException
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from language.encoder import SentenceEncoder, default_encoder

BATCH_SIZE = "batch_size"
# "sentence": the transformer's sentence embedding; "static": the mean of its input word vectors
# (the context-free candidate of docs/NLU.md's comparison).
EMBEDDING = "embedding"
EMBEDDINGS = ("sentence", "static")


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class SentenceEmbeddingFeaturizer(DenseFeaturizer, GraphComponent):
    """Adds the text's sentence embedding as a dense sentence feature (shape ``(1, 384)``)."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {**DenseFeaturizer.get_default_config(), BATCH_SIZE: 32, EMBEDDING: "sentence"}

    @classmethod
    def validate_config(cls, config: dict[str, Any]) -> None:
        if not isinstance(config.get(BATCH_SIZE), int) or config[BATCH_SIZE] < 1:
            raise InvalidConfigException(f"'{BATCH_SIZE}' must be a positive integer.")
        if config.get(EMBEDDING) not in EMBEDDINGS:
            raise InvalidConfigException(f"'{EMBEDDING}' must be one of {', '.join(EMBEDDINGS)}.")

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SentenceEmbeddingFeaturizer:
        return cls(execution_context.node_name, config)

    def __init__(self, name: str, config: dict[str, Any], encoder: SentenceEncoder | None = None) -> None:
        super().__init__(name, config)
        # Loaded here, when the model is loaded, so the first message does not wait for the weights.
        self.encoder = encoder or default_encoder()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self._featurize(training_data.training_examples)
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        self._featurize(messages)
        return messages

    def _featurize(self, messages: list[Message]) -> None:
        # An empty text ("" after a channel stripped control characters) is featurized too: DIET's
        # prediction needs every feature its model was trained with.
        with_text = [message for message in messages if message.get(TEXT) is not None]
        if not with_text:
            return
        texts = [message.get(TEXT) for message in with_text]
        if self._config[EMBEDDING] == "static":
            embeddings = self.encoder.encode_static(texts)
        else:
            embeddings = self.encoder.encode(texts, self._config[BATCH_SIZE])
        for message, embedding in zip(with_text, embeddings, strict=True):
            self.add_features_to_message(None, embedding[None, :], TEXT, message)
