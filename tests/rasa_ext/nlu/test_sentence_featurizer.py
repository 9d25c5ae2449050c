"""SentenceEmbeddingFeaturizer adds the sentence embedding as a dense sentence feature, alone at unit
level and in a small pipeline trained and loaded through Rasa's graph (``rasa.engine``) with DIET."""

from __future__ import annotations

import asyncio
from pathlib import Path

import numpy as np
import pytest
from rasa.core.agent import Agent
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.model_training import train_nlu
from rasa.nlu.classifiers.diet_classifier import DIETClassifier
from rasa.shared.exceptions import InvalidConfigException
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader
from rasa.shared.nlu.training_data.message import Message

from language.encoder import DIMENSION, default_encoder
from rasa_ext.nlu.sentence_featurizer import BATCH_SIZE, SentenceEmbeddingFeaturizer
from tests.rasa_ext.components import only_component

NAME = "rasa_ext.nlu.sentence_featurizer.SentenceEmbeddingFeaturizer"


def featurizer(tmp_path: Path, **config: object) -> SentenceEmbeddingFeaturizer:
    return SentenceEmbeddingFeaturizer.create(
        {**SentenceEmbeddingFeaturizer.get_default_config(), **config},
        LocalModelStorage(tmp_path),
        Resource("sentence"),
        ExecutionContext(GraphSchema({}), "test", node_name="sentence_featurizer"),
    )


def test_the_sentence_feature_is_the_embedding(tmp_path: Path) -> None:
    message = Message(data={TEXT: "what stretches would help my back"})
    featurizer(tmp_path).process([message])
    [feature] = message.features
    assert (feature.type, feature.attribute, feature.origin) == ("sentence", TEXT, "sentence_featurizer")
    assert feature.features.shape == (1, DIMENSION) and feature.features.dtype == np.float32
    expected = default_encoder().encode(["what stretches would help my back"])
    np.testing.assert_array_equal(feature.features, expected)


def test_an_empty_message_still_gets_its_feature(tmp_path: Path) -> None:
    # A channel may strip a message to "" (control characters only); DIET's prediction then still
    # needs the feature its model was trained with, or it fails on the input's shape.
    message = Message(data={TEXT: ""})
    featurizer(tmp_path).process([message])
    [feature] = message.features
    assert feature.features.shape == (1, DIMENSION)


def test_a_message_without_a_text_attribute_gets_no_feature(tmp_path: Path) -> None:
    message = Message(data={})
    featurizer(tmp_path).process([message])
    assert message.features == []


def test_training_data_is_featurized_in_batches_as_messages_are_alone(tmp_path: Path) -> None:
    data = RasaYAMLReader().reads(TRAINING_DATA)
    featurizer(tmp_path, **{BATCH_SIZE: 4}).process_training_data(data)
    for example in data.training_examples:
        alone = Message(data={TEXT: example.get(TEXT)})
        featurizer(tmp_path).process([alone])
        batched = example.get_dense_features(TEXT)[1].features
        np.testing.assert_allclose(batched, alone.get_dense_features(TEXT)[1].features, atol=1e-6)


def test_batch_size_must_be_positive(tmp_path: Path) -> None:
    with pytest.raises(InvalidConfigException):
        featurizer(tmp_path, **{BATCH_SIZE: 0})


TRAINING_DATA = """
version: "3.1"
nlu:
- intent: ask_stretch
  examples: |
    - what stretches would help my back
    - show me an exercise for my back
    - how do I loosen my lower back
    - any stretches for back pain
- intent: report_bladder
  examples: |
    - I can't control my bladder
    - I wet myself
    - I have lost control of my bladder
    - I can't hold my urine
"""

# As config.yml's pipeline with the embedding added, its DIET small and short to train.
CONFIG = f"""
recipe: default.v1
assistant_id: test
language: en
pipeline:
  - name: WhitespaceTokenizer
  - name: CountVectorsFeaturizer
  - name: {NAME}
  - name: DIETClassifier
    epochs: 40
    random_seed: 2016
    number_of_transformer_layers: 1
    transformer_size: 32
    hidden_layers_sizes: {{text: [32], label: []}}
    embedding_dimension: 16
    entity_recognition: false
    constrain_similarities: true
policies: []
"""


def test_diet_is_trained_and_loaded_with_the_embedding_through_rasas_graph(tmp_path: Path) -> None:
    (tmp_path / "config.yml").write_text(CONFIG)
    (tmp_path / "nlu.yml").write_text(TRAINING_DATA)
    model = train_nlu(str(tmp_path / "config.yml"), str(tmp_path / "nlu.yml"), str(tmp_path / "models"))
    assert model is not None
    agent = Agent.load(model)
    diet = only_component(agent, DIETClassifier)
    dense_sentence = [s for s in diet.model.data_signature[TEXT]["sentence"] if not s.is_sparse]
    assert [s.units for s in dense_sentence] == [DIMENSION]
    assert isinstance(only_component(agent, SentenceEmbeddingFeaturizer), SentenceEmbeddingFeaturizer)
    parsed = asyncio.run(agent.parse_message("i have wet myself"))
    assert parsed[INTENT]["name"] == "report_bladder"
