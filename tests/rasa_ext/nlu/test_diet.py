"""FastTrainingDIETClassifier traces its training step once and skips padding in training.

Without padding skipping it trains to Rasa's own weights, bit for bit; with it, the same loss and
gradients.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
import tensorflow as tf
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.classifiers.diet_classifier import DIETClassifier
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
    EXTRACTOR,
    INTENT,
    INTENT_RANKING_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa.utils.tensorflow.data_generator import RasaBatchDataGenerator
from rasa.utils.tensorflow.transformer import TransformerEncoderLayer

from rasa_ext.nlu.diet import SKIP_PADDING_IN_TRAINING, FastTrainingDIETClassifier
from tests.rasa_ext.nlu.test_padding_skipping import feed_forward_rows

TRAINING_DATA = """
version: "3.1"
nlu:
- intent: ask_stretch
  examples: |
    - show me the [hip flexor](exercise) stretch
    - how do I do the [hamstring](exercise) stretch
    - let's do the [hip flexor](exercise) one
    - teach me the [hamstring](exercise) stretch please
    - I want to try the [hamstring](exercise) stretch
    - guide me through the [hip flexor](exercise) stretch
- intent: greet
  examples: |
    - hello
    - hi there
    - good morning
    - hey
    - hi
    - good evening
- intent: ask_cause
  examples: |
    - why does my back hurt
    - what causes low back pain
    - is it my posture
    - why is my lower back sore
    - what makes my back ache
    - does sitting cause back pain
"""

# Small layers and a high learning rate keep the test short; the entity CRF, which the change is
# about, is kept and learns the two exercise names.
DIET_CONFIG = {
    "epochs": 30,
    "learning_rate": 0.01,
    "random_seed": 2016,
    "number_of_transformer_layers": 1,
    "transformer_size": 32,
    "hidden_layers_sizes": {"text": [32], "label": []},
    "embedding_dimension": 16,
    "batch_size": [4, 8],
    "constrain_similarities": True,
}

TOKENIZER = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())


@dataclass
class Pipeline:
    """Word featurizer and trained DIET (after the shared tokenizer), as in config.yml but smaller."""

    featurizer: CountVectorsFeaturizer
    classifier: DIETClassifier

    def parse(self, text: str) -> Message:
        message = Message(data={TEXT: text})
        TOKENIZER.process([message])
        self.featurizer.process([message])
        self.classifier.process([message])
        return message


def featurized(
    storage: LocalModelStorage, context: ExecutionContext
) -> tuple[CountVectorsFeaturizer, TrainingData]:
    data = RasaYAMLReader().reads(TRAINING_DATA)
    TOKENIZER.process_training_data(data)
    featurizer = CountVectorsFeaturizer.create(
        CountVectorsFeaturizer.get_default_config(), storage, Resource("words"), context
    )
    featurizer.train(data)
    featurizer.process_training_data(data)
    return featurizer, data


def untrained(
    cls: type[DIETClassifier], tmp_path: Path, name: str, **config: object
) -> tuple[DIETClassifier, CountVectorsFeaturizer, TrainingData]:
    (tmp_path / name).mkdir()
    storage = LocalModelStorage(tmp_path / name)
    context = ExecutionContext(GraphSchema({}), name)
    featurizer, data = featurized(storage, context)
    classifier = cls.create(
        {**cls.get_default_config(), **DIET_CONFIG, **config}, storage, Resource("diet"), context
    )
    return classifier, featurizer, data


def trained(cls: type[DIETClassifier], tmp_path: Path, name: str, **config: object) -> Pipeline:
    classifier, featurizer, data = untrained(cls, tmp_path, name, **config)
    classifier.train(data)
    return Pipeline(featurizer, classifier)


@pytest.fixture(scope="module")
def pipelines(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Pipeline]:
    """Rasa's DIET; ours without padding skipping ("exact"); ours as configured by default."""
    tmp_path = tmp_path_factory.mktemp("diet")
    return {
        "rasa": trained(DIETClassifier, tmp_path, "rasa"),
        "exact": trained(FastTrainingDIETClassifier, tmp_path, "exact", **{SKIP_PADDING_IN_TRAINING: False}),
        "fast": trained(FastTrainingDIETClassifier, tmp_path, "fast"),
    }


def weights(pipeline: Pipeline) -> dict[str, np.ndarray]:
    return {variable.name: variable.numpy() for variable in pipeline.classifier.model.variables}


def test_without_padding_skipping_trained_weights_are_rasas_bit_for_bit(
    pipelines: dict[str, Pipeline],
) -> None:
    rasa, fast = weights(pipelines["rasa"]), weights(pipelines["exact"])
    assert sorted(fast) == sorted(rasa)
    assert any("crf" in name for name in rasa)
    for name, value in rasa.items():
        assert np.array_equal(fast[name], value), name


def test_training_step_is_traced_once_instead_of_twice(pipelines: dict[str, Pipeline]) -> None:
    assert pipelines["rasa"].classifier.model.train_function.experimental_get_tracing_count() == 2
    assert pipelines["exact"].classifier.model.train_function.experimental_get_tracing_count() == 1
    assert pipelines["fast"].classifier.model.train_function.experimental_get_tracing_count() == 1


def test_progress_bar_shows_entity_loss_instead_of_the_f1_no_longer_computed(
    pipelines: dict[str, Pipeline],
) -> None:
    assert "e_f1" in pipelines["rasa"].classifier.model.metrics_to_log
    shown = pipelines["fast"].classifier.model.metrics_to_log
    assert "e_f1" not in shown
    assert "e_loss" in shown


TEXTS = ["show me the hamstring stretch", "let's do the hip flexor one", "hello there", "why does it hurt"]


@pytest.mark.parametrize("text", TEXTS)
def test_predictions_decode_entities_as_rasas_do(pipelines: dict[str, Pipeline], text: str) -> None:
    rasa, fast = pipelines["rasa"].parse(text), pipelines["exact"].parse(text)
    assert fast.get(INTENT) == rasa.get(INTENT)
    assert fast.get(INTENT_RANKING_KEY) == rasa.get(INTENT_RANKING_KEY)
    entities = [{k: v for k, v in e.items() if k != EXTRACTOR} for e in fast.get(ENTITIES, [])]
    assert entities == [{k: v for k, v in e.items() if k != EXTRACTOR} for e in rasa.get(ENTITIES, [])]


@pytest.mark.parametrize("text", TEXTS)
def test_with_padding_skipping_the_intent_is_rasas(pipelines: dict[str, Pipeline], text: str) -> None:
    assert (
        pipelines["fast"].parse(text).get(INTENT)["name"] == pipelines["rasa"].parse(text).get(INTENT)["name"]
    )


def test_an_exercise_name_is_extracted(pipelines: dict[str, Pipeline]) -> None:
    entities = pipelines["fast"].parse("show me the hamstring stretch").get(ENTITIES, [])
    found = [(e[ENTITY_ATTRIBUTE_TYPE], e[ENTITY_ATTRIBUTE_VALUE]) for e in entities]
    assert found == [("exercise", "hamstring")]


# Dropout aside, nothing in DIET is random after the weights are drawn but its negative samples,
# which the same seed draws alike.
WITHOUT_DROPOUT = {
    "drop_rate": 0.0,
    "drop_rate_attention": 0.0,
    "use_sparse_input_dropout": False,
    "use_dense_input_dropout": False,
}


@dataclass
class TrainingStep:
    loss: float
    gradients: dict[str, np.ndarray]
    feed_forward_rows: int  # tokens the first transformer layer's feed-forward network computed on


def training_step(tmp_path: Path, skip_padding: bool) -> TrainingStep:
    """One training step on a batch of every example, padded to the longest."""
    name = f"skip_{skip_padding}"
    classifier, _, data = untrained(
        FastTrainingDIETClassifier,
        tmp_path,
        name,
        **WITHOUT_DROPOUT,
        **{SKIP_PADDING_IN_TRAINING: skip_padding},
    )
    model_data = classifier.preprocess_train_data(data)
    tf.keras.utils.set_random_seed(2016)
    model = classifier._instantiate_model_class(model_data)
    encoder_layer = next(layer for layer in model.submodules if isinstance(layer, TransformerEncoderLayer))
    rows = feed_forward_rows(encoder_layer)
    batch, _ = RasaBatchDataGenerator(model_data, batch_size=len(data.intent_examples), shuffle=False)[0]
    model._training = True
    with tf.GradientTape() as tape:
        loss = model.batch_loss(batch)
    gradients = tape.gradient(loss, model.trainable_variables)
    return TrainingStep(
        float(loss),
        {
            variable.name: tf.convert_to_tensor(gradient).numpy()
            for variable, gradient in zip(model.trainable_variables, gradients, strict=True)
        },
        sum(rows),
    )


def test_skipping_padding_gives_the_same_loss_and_gradients_on_fewer_tokens(tmp_path: Path) -> None:
    rasa, skipping = training_step(tmp_path, skip_padding=False), training_step(tmp_path, skip_padding=True)
    assert 0 < skipping.feed_forward_rows < rasa.feed_forward_rows
    assert skipping.loss == pytest.approx(rasa.loss, rel=1e-5)
    assert sorted(skipping.gradients) == sorted(rasa.gradients)
    assert any("transformer" in name for name in skipping.gradients)
    for name, gradient in rasa.gradients.items():
        np.testing.assert_allclose(skipping.gradients[name], gradient, rtol=1e-4, atol=1e-6, err_msg=name)
