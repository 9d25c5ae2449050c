"""The padding-skipping encoder layer computes what Rasa's does on real tokens, on fewer rows."""

from __future__ import annotations

from contextlib import nullcontext

import numpy as np
import pytest
import tensorflow as tf
from rasa.utils.tensorflow.transformer import TransformerEncoder, TransformerEncoderLayer

from backcoach.nlu.padding_skipping import PaddingSkippingEncoderLayer, padding_skipping_layers

UNITS = 16
LENGTHS = [5, 2, 3, 1]  # the batch is padded to 5 tokens
PADDED_LENGTH = max(LENGTHS)
REAL = np.arange(PADDED_LENGTH)[np.newaxis, :] < np.array(LENGTHS)[:, np.newaxis]  # (batch, length)


def batch() -> tuple[tf.Tensor, tf.Tensor]:
    inputs = np.random.default_rng(7).normal(size=(len(LENGTHS), PADDED_LENGTH, 24)).astype(np.float32)
    pad_mask = (~REAL).astype(np.float32)[:, :, np.newaxis]
    return tf.constant(inputs), tf.constant(pad_mask)


def encoder(skip_padding: bool, dropout: float = 0.0) -> TransformerEncoder:
    """Two layers with sparse weights as DIET builds them, built (as in DIET) by a training call.

    The same seed gives the same weights.
    """
    tf.keras.utils.set_random_seed(2016)
    with padding_skipping_layers() if skip_padding else nullcontext():
        layers = TransformerEncoder(
            num_layers=2,
            units=UNITS,
            num_heads=4,
            filter_units=4 * UNITS,
            reg_lambda=0.001,
            dropout_rate=dropout,
            attention_dropout_rate=0.0,
            density=0.5,
        )
    layers(*batch(), training=True)
    return layers


def outputs_and_gradients(layers: TransformerEncoder, training: bool) -> tuple[np.ndarray, list[np.ndarray]]:
    inputs, pad_mask = batch()
    with tf.GradientTape() as tape:
        outputs, _ = layers(inputs, pad_mask, training=training)
        # As in DIET, only the real tokens' outputs reach a loss.
        loss = tf.reduce_sum(tf.boolean_mask(outputs, REAL) ** 2)
    gradients = tape.gradient(loss, layers.trainable_variables)
    return outputs.numpy(), [gradient.numpy() for gradient in gradients]


def test_layers_are_built_as_padding_skipping_only_inside_the_block() -> None:
    skipping = encoder(skip_padding=True)
    assert all(type(layer) is PaddingSkippingEncoderLayer for layer in skipping._enc_layers)
    assert all(type(layer) is TransformerEncoderLayer for layer in encoder(skip_padding=False)._enc_layers)


def test_training_gives_rasas_real_token_outputs_and_gradients() -> None:
    rasa, skipping = encoder(skip_padding=False), encoder(skip_padding=True)
    rasa_outputs, rasa_gradients = outputs_and_gradients(rasa, training=True)
    outputs, gradients = outputs_and_gradients(skipping, training=True)

    for rasa_variable, variable in zip(rasa.variables, skipping.variables, strict=True):
        assert np.array_equal(rasa_variable.numpy(), variable.numpy()), variable.name
    np.testing.assert_allclose(outputs[REAL], rasa_outputs[REAL], rtol=1e-5, atol=1e-5)
    assert len(gradients) == len(rasa_gradients) > 0
    for rasa_gradient, gradient in zip(rasa_gradients, gradients, strict=True):
        np.testing.assert_allclose(gradient, rasa_gradient, rtol=1e-4, atol=1e-5)


def test_per_token_layers_see_only_the_real_tokens_in_training() -> None:
    skipping = encoder(skip_padding=True)
    rows_seen: list[int] = []
    first_layer = skipping._enc_layers[0]
    feed_forward = first_layer._ffn_layers[1]
    rasa_call = feed_forward.call

    def counting_call(inputs: tf.Tensor, *args: object, **kwargs: object) -> tf.Tensor:
        rows_seen.append(int(np.prod(inputs.shape[:-1])))
        return rasa_call(inputs, *args, **kwargs)

    feed_forward.call = counting_call
    inputs, pad_mask = batch()
    skipping(inputs, pad_mask, training=True)
    skipping(inputs, pad_mask, training=False)
    assert rows_seen == [sum(LENGTHS), len(LENGTHS) * PADDED_LENGTH]


def test_prediction_after_training_matches_rasas() -> None:
    """Layers first built on the gathered tokens still normalise the right axis in prediction."""
    rasa, skipping = encoder(skip_padding=False), encoder(skip_padding=True)
    np.testing.assert_allclose(
        outputs_and_gradients(skipping, training=False)[0],
        outputs_and_gradients(rasa, training=False)[0],
        rtol=1e-5,
        atol=1e-5,
    )


@pytest.mark.parametrize("skip_padding", [False, True])
def test_dropout_still_applies_in_training(skip_padding: bool) -> None:
    layers = encoder(skip_padding=skip_padding, dropout=0.5)
    first, _ = outputs_and_gradients(layers, training=True)
    second, _ = outputs_and_gradients(layers, training=True)
    assert not np.allclose(first[REAL], second[REAL])
