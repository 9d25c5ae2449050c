"""Models loaded for prediction give exactly the predictions of Rasa's own (slower) loader."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from rasa.nlu.classifiers.diet_classifier import DIETClassifier
from rasa.shared.nlu.training_data.loading import load_data

from backcoach import model_loading
from tests.backcoach.latest_model import ROOT, load_latest, only_component


@pytest.fixture
def rasa_loader() -> Iterator[None]:
    model_loading.uninstall()
    yield
    model_loading.install()


def one_example_per_intent() -> list[str]:
    examples: dict[str, str] = {}
    for message in load_data(str(ROOT / "data" / "nlu")).intent_examples:
        examples.setdefault(message.get("intent"), message.get("text"))
    return sorted(examples.values()) + ["let's do the hip flexor stretch", "asdf qwer zxcv"]


def parse_all(texts: list[str]) -> list[dict[str, Any]]:
    async def parse() -> list[dict[str, Any]]:
        agent = load_latest()
        return [await agent.parse_message(text) for text in texts]

    return asyncio.run(parse())


def ranking(parse: dict[str, Any]) -> list[tuple[str, float]]:
    return [(r["name"], r["confidence"]) for r in parse["intent_ranking"]]


def test_predictions_equal_those_of_rasas_loader(rasa_loader: None) -> None:
    texts = one_example_per_intent()
    expected = parse_all(texts)
    model_loading.install()
    actual = parse_all(texts)
    assert len(texts) > 20
    for want, got in zip(expected, actual, strict=True):
        assert [name for name, _ in ranking(got)] == [name for name, _ in ranking(want)], want["text"]
        assert [c for _, c in ranking(got)] == pytest.approx([c for _, c in ranking(want)], abs=1e-6)
        assert got["entities"] == want["entities"], want["text"]


def diet_prediction_ops() -> list[str]:
    """The op types of the prediction function of the latest model's DIET, as loaded now."""
    function = only_component(load_latest(), DIETClassifier).model._tf_predict_step.get_concrete_function()
    return [op.type for op in function.graph.get_operations()]


def test_predicting_rewrites_no_kernel() -> None:
    ops = diet_prediction_ops()
    assert "MatMul" in ops
    assert "AssignVariableOp" not in ops


def test_rasas_loader_rewrites_the_masked_kernels_on_every_prediction(rasa_loader: None) -> None:
    assert "AssignVariableOp" in diet_prediction_ops()
