"""Rasa's transformer encoder layer, trained without computing its per-token layers on padding.

Rasa pads every training batch to its longest example, and about half of the tokens DIET
computed in training here were padding (docs/NLU.md). Attention already ignores padded tokens,
and no loss depends on their outputs: the intent comes from the sentence token and the
entity loss is masked by the sequence lengths. The per-token layers (the query, key, value and
output projections and the feed-forward network: nearly all of a layer's arithmetic) run here on
the real tokens only, gathered from the batch, and are spread back for attention. Real tokens get
the values they would get from Rasa's layer, and padded tokens zeros.

Only training steps skip padding. A prediction (one message) has none, and predictions and
evaluation run Rasa's own call.
"""

from __future__ import annotations

import tensorflow as tf
from rasa.utils.tensorflow.transformer import TransformerEncoder, TransformerEncoderLayer


class PaddingSkippingEncoderLayer(TransformerEncoderLayer):
    """``TransformerEncoderLayer`` whose training call computes per-token layers on real tokens.

    It repeats Rasa 3.6's ``TransformerEncoderLayer.call`` and ``MultiHeadAttention.call`` with the
    same private helpers; ``tests/rasa_ext/nlu/test_padding_skipping.py`` compares it with them.
    """

    def call(
        self, x: tf.Tensor, pad_mask: tf.Tensor | None = None, training: tf.Tensor | bool | None = None
    ) -> tuple[tf.Tensor, tf.Tensor]:
        # A look-ahead mask (unidirectional encoders) is per query, not per token: Rasa's call.
        if training is not True or pad_mask is None or pad_mask.shape[-2] != 1:
            return super().call(x, pad_mask, training)

        real = tf.where(tf.equal(pad_mask[:, 0, 0, :], 0.0))  # (tokens, 2): example, position
        padded_shape = tf.shape(x, out_type=tf.int64)

        # The real tokens stay a batch of one, (1, tokens, units): a layer normalisation built on
        # two dimensions would normalise the wrong axis of the batches it gets in prediction.
        def gather(padded: tf.Tensor) -> tf.Tensor:
            return tf.gather_nd(padded, real)[tf.newaxis]

        def spread(tokens: tf.Tensor) -> tf.Tensor:
            return tf.scatter_nd(real, tokens[0], padded_shape)

        tokens = gather(x)
        tokens_norm = self._layer_norm(tokens)
        # Rasa's MultiHeadAttention.call, with its projections on the real tokens; in its name
        # scope, as Keras's call would, so that its variables keep their names.
        attention = self._mha
        with tf.name_scope(attention._name_scope()):
            query = attention._split_heads(spread(attention._query_dense_layer(tokens_norm)))
            key = attention._split_heads(spread(attention._key_dense_layer(tokens_norm)))
            value = attention._split_heads(spread(attention._value_dense_layer(tokens_norm)))
            attended, attention_weights = attention._scaled_dot_product_attention(
                query, key, value, pad_mask, training
            )
            attended = attention._output_dense_layer(gather(attention._combine_heads(attended)))
        tokens += self._dropout(attended, training=training)

        ffn_out = tokens
        for layer in self._ffn_layers:
            ffn_out = layer(ffn_out, training=training)
        return spread(tokens + ffn_out), attention_weights


def skip_padding(model: tf.Module) -> None:
    """Give the transformer encoders of ``model`` layers that skip padding when they train.

    Each of Rasa's encoder layers is replaced, before it is built, by one of this subclass made with
    the same settings and name; it then creates the same weights from the same random draws.
    """
    encoders = [module for module in (model, *model.submodules) if isinstance(module, TransformerEncoder)]
    for encoder in encoders:
        encoder._enc_layers = [
            _skipping_like(layer) if type(layer) is TransformerEncoderLayer else layer
            for layer in encoder._enc_layers
        ]


def _skipping_like(layer: TransformerEncoderLayer) -> PaddingSkippingEncoderLayer:
    if layer.built:
        raise ValueError("an encoder layer that holds weights cannot be replaced")
    attention, feed_forward = layer._mha, layer._ffn_layers[1]
    replacement = PaddingSkippingEncoderLayer(
        units=attention.units,
        num_heads=attention.num_heads,
        filter_units=feed_forward.units,
        dropout_rate=layer._dropout.rate,
        attention_dropout_rate=attention.attention_dropout_rate,
        density=feed_forward.density,
        unidirectional=attention.unidirectional,
        use_key_relative_position=attention.use_key_relative_position,
        use_value_relative_position=attention.use_value_relative_position,
        max_relative_position=attention.relative_length - 1,  # Rasa adds the current position
        heads_share_relative_embedding=attention.heads_share_relative_embedding,
    )
    # Rasa's layer takes no name: it and its sublayers take the names of the layers they replace,
    # so that their weights are named as in Rasa's model.
    pairs = zip((layer, *layer.submodules), (replacement, *replacement.submodules), strict=True)
    for original, copy in pairs:
        if isinstance(copy, tf.keras.layers.Layer):
            copy._name = original.name
    return replacement
