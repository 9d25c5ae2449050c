"""The padding-skipping encoder layer computes what Rasa's does on real tokens, on fewer rows."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
import tensorflow as tf
from rasa.utils.tensorflow.transformer import TransformerEncoder, TransformerEncoderLayer

from rasa_ext.nlu.padding_skipping import PaddingSkippingEncoderLayer, skip_padding

UNITS = 16
PADDED = [5, 2, 3, 1]  # example lengths; the batch is padded to 5 tokens
BATCHES = {"padded": PADDED, "no padding": [4, 4, 4], "one token each": [1, 1, 1]}


def batch(lengths: list[int]) -> tuple[tf.Tensor, tf.Tensor, np.ndarray]:
    """Inputs, Rasa's pad mask (1 for padding) and the real tokens, (batch, length)."""
    real = np.arange(max(lengths))[np.newaxis, :] < np.array(lengths)[:, np.newaxis]
    inputs = np.random.default_rng(7).normal(size=(*real.shape, 24)).astype(np.float32)
    return tf.constant(inputs), tf.constant((~real).astype(np.float32)[:, :, np.newaxis]), real


def encoder(skipping: bool, dropout: float = 0.0, unidirectional: bool = False) -> TransformerEncoder:
    """Two layers with sparse weights as DIET builds them, built (as in DIET) by a training call.

    The same seed gives the same weights.
    """
    tf.keras.utils.set_random_seed(2016)
    layers = TransformerEncoder(
        num_layers=2,
        units=UNITS,
        num_heads=4,
        filter_units=4 * UNITS,
        reg_lambda=0.001,
        dropout_rate=dropout,
        attention_dropout_rate=0.0,
        density=0.5,
        unidirectional=unidirectional,
    )
    if skipping:
        skip_padding(layers)
    inputs, pad_mask, _ = batch(PADDED)
    layers(inputs, pad_mask, training=True)
    return layers


def weights_in_order(layers: TransformerEncoder) -> list[tf.Variable]:
    """The encoder's own weights, then each layer's: replaced layers list theirs after the encoder's."""
    in_layers = [variable for layer in layers._enc_layers for variable in layer.trainable_variables]
    ids = {id(variable) for variable in in_layers}
    return [variable for variable in layers.trainable_variables if id(variable) not in ids] + in_layers


def outputs_and_gradients(
    layers: TransformerEncoder, training: bool, lengths: list[int] = PADDED, graph: bool = False
) -> tuple[np.ndarray, list[np.ndarray]]:
    inputs, pad_mask, real = batch(lengths)

    def step(inputs: tf.Tensor, pad_mask: tf.Tensor) -> tuple[tf.Tensor, list[tf.Tensor]]:
        with tf.GradientTape() as tape:
            outputs, _ = layers(inputs, pad_mask, training=training)
            # As in DIET, only the real tokens' outputs reach a loss.
            loss = tf.reduce_sum(tf.boolean_mask(outputs, tf.equal(pad_mask[:, :, 0], 0.0)) ** 2)
        return outputs, tape.gradient(loss, weights_in_order(layers))

    if graph:  # as DIET's training step: traced, with the batch and its length unknown
        spec = tf.TensorSpec([None, None, None], tf.float32)
        step = tf.function(step, input_signature=[spec, spec])
    outputs, gradients = step(inputs, pad_mask)
    return outputs.numpy(), [gradient.numpy() for gradient in gradients]


def feed_forward_rows(layer: TransformerEncoderLayer) -> list[int]:
    """Record how many tokens ``layer``'s feed-forward network gets, call by call."""
    rows: list[int] = []
    feed_forward = layer._ffn_layers[1]
    rasa_call: Callable[..., tf.Tensor] = feed_forward.call

    def counting_call(inputs: tf.Tensor, *args: object, **kwargs: object) -> tf.Tensor:
        rows.append(int(np.prod(inputs.shape[:-1])))
        return rasa_call(inputs, *args, **kwargs)

    feed_forward.call = counting_call
    return rows


def test_skip_padding_replaces_only_the_encoder_layers_and_keeps_their_names() -> None:
    skipping, rasa = encoder(skipping=True), encoder(skipping=False)
    assert [type(layer) for layer in skipping._enc_layers] == [PaddingSkippingEncoderLayer] * 2
    assert [type(layer) for layer in rasa._enc_layers] == [TransformerEncoderLayer] * 2
    assert all(layer.name.startswith("transformer_encoder_layer") for layer in skipping._enc_layers)
    tracked = {id(layer) for layer in skipping.submodules}
    assert all(id(layer) in tracked for layer in skipping._enc_layers)
    assert not any(type(layer) is TransformerEncoderLayer for layer in skipping.submodules)


def test_a_built_encoder_layer_is_not_replaced() -> None:
    with pytest.raises(ValueError, match="holds weights"):
        skip_padding(encoder(skipping=False))


def traced_scatters(layers: TransformerEncoder, training: bool) -> int:
    """How many scatters the encoder's call has, traced as in DIET's training step (shapes unknown)."""
    spec = tf.TensorSpec([None, None, None], tf.float32)
    call = tf.function(lambda inputs, pad_mask: layers(inputs, pad_mask, training=training))
    graph = call.get_concrete_function(spec, spec).graph
    return sum(op.type == "ScatterNd" for op in graph.get_operations())


def test_the_traced_training_step_spreads_the_real_tokens_back() -> None:
    rasas = traced_scatters(encoder(skipping=False), training=True)
    # Per layer: the query, key, value and the layer's output.
    assert traced_scatters(encoder(skipping=True), training=True) == rasas + 2 * 4
    assert traced_scatters(encoder(skipping=True), training=False) == rasas


@pytest.mark.parametrize("graph", [False, True], ids=["eager", "traced"])
@pytest.mark.parametrize("lengths", BATCHES.values(), ids=BATCHES.keys())
def test_training_gives_rasas_real_token_outputs_and_gradients(lengths: list[int], graph: bool) -> None:
    rasa, skipping = encoder(skipping=False), encoder(skipping=True)
    rasa_outputs, rasa_gradients = outputs_and_gradients(rasa, True, lengths, graph)
    outputs, gradients = outputs_and_gradients(skipping, True, lengths, graph)

    _, _, real = batch(lengths)
    np.testing.assert_allclose(outputs[real], rasa_outputs[real], rtol=1e-5, atol=1e-5)
    for rasa_variable, variable in zip(weights_in_order(rasa), weights_in_order(skipping), strict=True):
        assert np.array_equal(rasa_variable.numpy(), variable.numpy()), variable.name
    assert len(gradients) == len(rasa_gradients) > 0
    for rasa_gradient, gradient in zip(rasa_gradients, gradients, strict=True):
        np.testing.assert_allclose(gradient, rasa_gradient, rtol=1e-4, atol=1e-5)


def test_per_token_layers_see_only_the_real_tokens_in_training() -> None:
    skipping = encoder(skipping=True)
    rows = feed_forward_rows(skipping._enc_layers[0])
    outputs_and_gradients(skipping, training=True)
    outputs_and_gradients(skipping, training=False)
    assert rows == [sum(PADDED), len(PADDED) * max(PADDED)]


def test_a_unidirectional_encoder_keeps_rasas_call() -> None:
    rasa, skipping = encoder(skipping=False, unidirectional=True), encoder(skipping=True, unidirectional=True)
    rows = feed_forward_rows(skipping._enc_layers[0])
    outputs, _ = outputs_and_gradients(skipping, training=True)
    assert rows == [len(PADDED) * max(PADDED)]
    np.testing.assert_allclose(outputs, outputs_and_gradients(rasa, training=True)[0], rtol=1e-6)


def test_prediction_after_training_matches_rasas() -> None:
    """Layers first built on the gathered tokens still normalise the right axis in prediction."""
    rasa, skipping = encoder(skipping=False), encoder(skipping=True)
    np.testing.assert_allclose(
        outputs_and_gradients(skipping, training=False)[0],
        outputs_and_gradients(rasa, training=False)[0],
        rtol=1e-5,
        atol=1e-5,
    )


@pytest.mark.parametrize("skipping", [False, True])
def test_dropout_still_applies_in_training(skipping: bool) -> None:
    layers = encoder(skipping=skipping, dropout=0.5)
    _, _, real = batch(PADDED)
    first, _ = outputs_and_gradients(layers, training=True)
    second, _ = outputs_and_gradients(layers, training=True)
    assert not np.allclose(first[real], second[real])
