"""FastTrainingDIETClassifier trains to Rasa's own weights, tracing its training step once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
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

from backcoach.nlu.diet import FastTrainingDIETClassifier

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


def trained(cls: type[DIETClassifier], tmp_path: Path) -> Pipeline:
    (tmp_path / cls.__name__).mkdir()
    storage = LocalModelStorage(tmp_path / cls.__name__)
    context = ExecutionContext(GraphSchema({}), cls.__name__)
    data = RasaYAMLReader().reads(TRAINING_DATA)
    TOKENIZER.process_training_data(data)
    featurizer = CountVectorsFeaturizer.create(
        CountVectorsFeaturizer.get_default_config(), storage, Resource("words"), context
    )
    featurizer.train(data)
    featurizer.process_training_data(data)
    classifier = cls.create({**cls.get_default_config(), **DIET_CONFIG}, storage, Resource("diet"), context)
    classifier.train(data)
    return Pipeline(featurizer, classifier)


@pytest.fixture(scope="module")
def pipelines(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Pipeline]:
    tmp_path = tmp_path_factory.mktemp("diet")
    return {"rasa": trained(DIETClassifier, tmp_path), "fast": trained(FastTrainingDIETClassifier, tmp_path)}


def weights(pipeline: Pipeline) -> dict[str, np.ndarray]:
    return {variable.name: variable.numpy() for variable in pipeline.classifier.model.variables}


def test_trained_weights_are_rasas_bit_for_bit(pipelines: dict[str, Pipeline]) -> None:
    rasa, fast = weights(pipelines["rasa"]), weights(pipelines["fast"])
    assert sorted(fast) == sorted(rasa)
    assert any("crf" in name for name in rasa)
    for name, value in rasa.items():
        assert np.array_equal(fast[name], value), name


def test_training_step_is_traced_once_instead_of_twice(pipelines: dict[str, Pipeline]) -> None:
    assert pipelines["rasa"].classifier.model.train_function.experimental_get_tracing_count() == 2
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
    rasa, fast = pipelines["rasa"].parse(text), pipelines["fast"].parse(text)
    assert fast.get(INTENT) == rasa.get(INTENT)
    assert fast.get(INTENT_RANKING_KEY) == rasa.get(INTENT_RANKING_KEY)
    entities = [{k: v for k, v in e.items() if k != EXTRACTOR} for e in fast.get(ENTITIES, [])]
    assert entities == [{k: v for k, v in e.items() if k != EXTRACTOR} for e in rasa.get(ENTITIES, [])]


def test_an_exercise_name_is_extracted(pipelines: dict[str, Pipeline]) -> None:
    entities = pipelines["fast"].parse("show me the hamstring stretch").get(ENTITIES, [])
    found = [(e[ENTITY_ATTRIBUTE_TYPE], e[ENTITY_ATTRIBUTE_VALUE]) for e in entities]
    assert found == [("exercise", "hamstring")]
