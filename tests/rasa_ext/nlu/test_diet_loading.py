"""FastTrainingDIET loaded for prediction gives exactly the predictions of Rasa's own (slower) loader."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from rasa.core.agent import Agent
from rasa.nlu.classifiers.diet_classifier import DIETClassifier
from rasa.shared.nlu.training_data.loading import load_data
from rasa.utils.tensorflow.models import RasaModel

from launchers.servers import ROOT
from rasa_ext.nlu.diet import FastTrainingDIET
from tests.rasa_ext.components import only_component


@pytest.fixture(scope="module")
def texts() -> list[str]:
    """One example of every intent, an exercise request and gibberish."""
    examples: dict[str, str] = {}
    for message in load_data(str(ROOT / "data" / "nlu")).intent_examples:
        examples.setdefault(message.get("intent"), message.get("text"))
    return sorted(examples.values()) + ["let's do the hip flexor stretch", "asdf qwer zxcv"]


@dataclass
class Loaded:
    """What one loader made of the trained model."""

    parses: list[dict[str, Any]]  # of the texts, in order
    diet_prediction_ops: list[str]  # the op types of DIET's prediction function


def load(model: Path, texts: list[str], ours: bool) -> Loaded:
    """Load ``model`` with our loader or Rasa's, parse ``texts``, and read DIET's prediction graph."""
    with pytest.MonkeyPatch.context() as patch:
        if not ours:
            patch.setattr(FastTrainingDIET, "load", classmethod(RasaModel.load.__func__))
        agent = Agent.load(str(model))

    async def parse() -> list[dict[str, Any]]:
        return [await agent.parse_message(text) for text in texts]

    function = only_component(agent, DIETClassifier).model._tf_predict_step.get_concrete_function()
    return Loaded(asyncio.run(parse()), [op.type for op in function.graph.get_operations()])


@pytest.fixture(scope="module")
def rasas(trained_model: Path, texts: list[str]) -> Loaded:
    return load(trained_model, texts, ours=False)


@pytest.fixture(scope="module")
def ours(trained_model: Path, texts: list[str]) -> Loaded:
    return load(trained_model, texts, ours=True)


def ranking(parse: dict[str, Any]) -> list[tuple[str, float]]:
    return [(r["name"], r["confidence"]) for r in parse["intent_ranking"]]


def test_predictions_equal_those_of_rasas_loader(texts: list[str], rasas: Loaded, ours: Loaded) -> None:
    assert len(texts) > 20
    for want, got in zip(rasas.parses, ours.parses, strict=True):
        assert [name for name, _ in ranking(got)] == [name for name, _ in ranking(want)], want["text"]
        assert [c for _, c in ranking(got)] == pytest.approx([c for _, c in ranking(want)], abs=1e-6)
        assert got["entities"] == want["entities"], want["text"]


def test_predicting_rewrites_no_kernel(ours: Loaded) -> None:
    assert "MatMul" in ours.diet_prediction_ops
    assert "AssignVariableOp" not in ours.diet_prediction_ops


def test_rasas_loader_rewrites_the_masked_kernels_on_every_prediction(rasas: Loaded) -> None:
    assert "AssignVariableOp" in rasas.diet_prediction_ops
