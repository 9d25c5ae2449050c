"""SentenceEmbeddingIntentClassifier blends DIET's intent ranking with a regression on the sentence
embedding: alone at unit level, saved and loaded, and in a small pipeline trained through Rasa's graph."""

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
from rasa.shared.exceptions import InvalidConfigException
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader
from rasa.shared.nlu.training_data.message import Message
from sklearn.linear_model import LogisticRegression

from language.encoder import default_encoder
from rasa_ext.nlu.sentence_intent_classifier import (
    EMBEDDING_WEIGHT,
    INVERSE_PENALTY,
    RANKING_LENGTH,
    SentenceEmbeddingIntentClassifier,
)
from tests.rasa_ext.components import only_component

NAME = "rasa_ext.nlu.sentence_intent_classifier.SentenceEmbeddingIntentClassifier"
UNSEEN = "which exercises can loosen up my stiff lower back"
# What DIET might say of UNSEEN when its words are new to it: a greeting first, the request second.
DIET_UNSURE = [
    {"name": "greet", "confidence": 0.5},
    {"name": "ask_stretch", "confidence": 0.3},
    {"name": "report_bladder", "confidence": 0.2},
]


def classifier(storage: Path, resource: str = "blend", **config: object) -> SentenceEmbeddingIntentClassifier:
    return SentenceEmbeddingIntentClassifier.create(
        {**SentenceEmbeddingIntentClassifier.get_default_config(), **config},
        LocalModelStorage(storage),
        Resource(resource),
        ExecutionContext(GraphSchema({}), "test", node_name="blend"),
    )


def trained(storage: Path, data: str | None = None, **config: object) -> SentenceEmbeddingIntentClassifier:
    storage.mkdir(parents=True, exist_ok=True)
    component = classifier(storage, **config)
    component.train(RasaYAMLReader().reads(data or TRAINING_DATA))
    return component


def parsed(component: SentenceEmbeddingIntentClassifier, text: str = UNSEEN, ranking=DIET_UNSURE) -> Message:
    message = Message(
        data={TEXT: text, INTENT: dict(ranking[0]), INTENT_RANKING_KEY: [dict(r) for r in ranking]}
    )
    component.process([message])
    return message


def confidences(message: Message) -> dict[str, float]:
    return {r["name"]: r["confidence"] for r in message.get(INTENT_RANKING_KEY)}


def test_the_meaning_outweighs_diets_guess_on_an_unseen_phrasing(tmp_path: Path) -> None:
    message = parsed(trained(tmp_path))
    assert message.get(INTENT)["name"] == "ask_stretch"
    assert message.get(INTENT_RANKING_KEY)[0] == message.get(INTENT)


def test_with_no_weight_diets_ranking_stands(tmp_path: Path) -> None:
    message = parsed(trained(tmp_path, **{EMBEDDING_WEIGHT: 0.0}))
    assert message.get(INTENT) == DIET_UNSURE[0]
    assert message.get(INTENT_RANKING_KEY) == DIET_UNSURE


def test_the_blend_is_the_weighted_sum_of_its_two_readings(tmp_path: Path) -> None:
    diet = confidences(parsed(trained(tmp_path / "a", **{EMBEDDING_WEIGHT: 0.0})))
    meaning = confidences(parsed(trained(tmp_path / "b", **{EMBEDDING_WEIGHT: 1.0})))
    assert sum(meaning.values()) == pytest.approx(1.0, abs=1e-5)
    blend = confidences(parsed(trained(tmp_path / "c", **{EMBEDDING_WEIGHT: 0.6})))
    for name, confidence in blend.items():
        assert confidence == pytest.approx(0.6 * meaning[name] + 0.4 * diet[name], abs=1e-6)
    assert list(blend.values()) == sorted(blend.values(), reverse=True)


def test_the_ranking_is_cut_to_its_length(tmp_path: Path) -> None:
    message = parsed(trained(tmp_path, **{RANKING_LENGTH: 2}))
    assert len(message.get(INTENT_RANKING_KEY)) == 2


def test_a_saved_regression_loads_with_the_same_readings(tmp_path: Path) -> None:
    before = parsed(trained(tmp_path))
    loaded = SentenceEmbeddingIntentClassifier.load(
        SentenceEmbeddingIntentClassifier.get_default_config(),
        LocalModelStorage(tmp_path),
        Resource("blend"),
        ExecutionContext(GraphSchema({}), "test"),
    )
    after = parsed(loaded)
    assert confidences(after) == pytest.approx(confidences(before), abs=1e-6)


def test_a_model_without_a_regression_keeps_diets_ranking(tmp_path: Path) -> None:
    loaded = SentenceEmbeddingIntentClassifier.load(
        SentenceEmbeddingIntentClassifier.get_default_config(),
        LocalModelStorage(tmp_path),
        Resource("never-trained"),
        ExecutionContext(GraphSchema({}), "test"),
    )
    assert parsed(loaded).get(INTENT_RANKING_KEY) == DIET_UNSURE


def test_a_message_without_words_is_left_as_it_is(tmp_path: Path) -> None:
    assert parsed(trained(tmp_path), text="   ").get(INTENT_RANKING_KEY) == DIET_UNSURE


def test_two_intents_give_scikit_learns_probabilities(tmp_path: Path) -> None:
    data = RasaYAMLReader().reads(TRAINING_DATA)
    two = [m for m in data.intent_examples if m.get(INTENT) != "greet"]
    texts, intents = [m.get(TEXT) for m in two], [m.get(INTENT) for m in two]
    reference = LogisticRegression(C=64.0, class_weight="balanced", max_iter=3000)
    reference.fit(default_encoder().encode(texts), intents)
    [probabilities] = reference.predict_proba(default_encoder().encode([UNSEEN]))
    expected = dict(zip(reference.classes_, probabilities, strict=True))
    two_intents = TRAINING_DATA.split("- intent: greet")[0]
    regression_only = trained(tmp_path, two_intents, **{EMBEDDING_WEIGHT: 1.0})
    meaning = confidences(parsed(regression_only, ranking=DIET_UNSURE[1:]))
    assert meaning == pytest.approx(expected, abs=1e-5)


@pytest.mark.parametrize(
    "config", [{EMBEDDING_WEIGHT: 1.5}, {EMBEDDING_WEIGHT: -0.1}, {INVERSE_PENALTY: 0}, {RANKING_LENGTH: 0}]
)
def test_a_setting_out_of_range_is_refused(tmp_path: Path, config: dict) -> None:
    with pytest.raises(InvalidConfigException):
        classifier(tmp_path, **config)


def test_the_regression_is_trained_and_loaded_through_rasas_graph(tmp_path: Path) -> None:
    (tmp_path / "config.yml").write_text(CONFIG)
    (tmp_path / "nlu.yml").write_text(TRAINING_DATA)
    model = train_nlu(str(tmp_path / "config.yml"), str(tmp_path / "nlu.yml"), str(tmp_path / "models"))
    assert model is not None
    agent = Agent.load(model)
    blend = only_component(agent, SentenceEmbeddingIntentClassifier)
    assert blend.regression is not None and sorted(blend.regression.intents) == [
        "ask_stretch", "greet", "report_bladder",
    ]  # fmt: skip
    result = asyncio.run(agent.parse_message("i have wet myself"))
    assert result[INTENT]["name"] == "report_bladder"
    ranking = result[INTENT_RANKING_KEY]
    assert np.isclose(sum(r["confidence"] for r in ranking), 1.0, atol=1e-4)


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
- intent: greet
  examples: |
    - hello
    - hi there
    - good morning
    - hey
"""

# As config.yml's pipeline, its DIET small and short to train.
CONFIG = f"""
recipe: default.v1
assistant_id: test
language: en
pipeline:
  - name: WhitespaceTokenizer
  - name: CountVectorsFeaturizer
  - name: DIETClassifier
    epochs: 40
    random_seed: 2016
    number_of_transformer_layers: 1
    transformer_size: 32
    hidden_layers_sizes: {{text: [32], label: []}}
    embedding_dimension: 16
    entity_recognition: false
    constrain_similarities: true
  - name: {NAME}
  - name: FallbackClassifier
    threshold: 0.4
    ambiguity_threshold: 0.05
policies: []
"""
