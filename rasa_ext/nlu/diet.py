"""Rasa's DIET classifier, trained with less tracing, no training decode and less padding.

Profiling a full training (docs/PERFORMANCE.md) showed DIET spending more time before its first
epoch than in ten epochs after it, tracing its training step. Two things made that trace costly:

- Rasa 3.6's DIET runs the entity CRF's Viterbi decode, a loop over the tokens, in every training
  step only to report a training F1 (``e_f1``) on the progress bar; no loss or gradient depends on
  it. Here the training step builds the CRF and computes its loss without the decode, and the
  progress bar shows the entity loss instead.
- Keras traced the whole training step twice (see ``_create_training_variables``); here once.

No random operation depends on either: with only these two, the trained weights are Rasa's own,
bit for bit. The epochs then spent about half their arithmetic on the padding of Rasa's batches;
the transformer's per-token layers skip it in training (``rasa_ext/nlu/padding_skipping.py``).
That computes the same loss and gradients (to float rounding), but dropout draws its random
numbers for fewer tokens, so the weights are those of another draw, as with another seed.
``skip_padding_in_training: false`` turns it off. Prediction and evaluation run Rasa's own calls
and decode as before.

Loading for prediction is faster too. Rasa 3.6 rebuilds a TensorFlow model on load by fitting it on
one example (a full training step with gradients, and the entity CRF's), only to create variables
of the right shape before reading the trained weights over them. Profiling start-up
(docs/PERFORMANCE.md) showed that step taking most of the Rasa server's time to ready. A
prediction creates every variable that prediction uses, so here one prediction runs eagerly
(nothing is traced) and the weights are read after it; the label embeddings that the model caches
for prediction are then computed again from the trained weights, and the prediction function is
traced once, with Rasa's input signature but without AutoGraph. Fine-tuning keeps Rasa's own
loader, which needs the optimizer state.

Rasa's sparsely connected layers (``RandomlyConnectedDense``, most of DIET's transformer) multiply
their whole kernel by its fixed mask and write it back on every call, prediction included: about
2 of a parse's 20 ms of CPU (docs/PERFORMANCE.md). The mask is 0 or 1 and does not change after
training, so on load each kernel is masked once and the layers' density set to 1, with which they
predict as Keras's ``Dense`` does: the same products, without rewriting the kernels on every message.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import tensorflow as tf
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.diet_classifier import DIET, DIETClassifier
from rasa.nlu.extractors.extractor import EntityTagSpec
from rasa.utils.tensorflow.data_generator import RasaBatchDataGenerator
from rasa.utils.tensorflow.layers import RandomlyConnectedDense
from rasa.utils.tensorflow.model_data import FeatureSignature, RasaModelData
from rasa.utils.tensorflow.models import RasaModel
from rasa.utils.train_utils import create_data_generators

from rasa_ext.nlu.padding_skipping import skip_padding

SKIP_PADDING_IN_TRAINING = "skip_padding_in_training"


class FastTrainingDIET(DIET):
    """DIET whose training step is traced once and skips the entity decode that only fed the
    training F1, whose transformer's per-token layers train on real tokens only (unless
    ``skip_padding_in_training`` is false), and which loads for prediction by one eager prediction
    instead of one training step."""

    @classmethod
    def load(
        cls,
        model_file_name: str,
        model_data_example: RasaModelData,
        predict_data_example: RasaModelData | None = None,
        finetune_mode: bool = False,
        *args: Any,
        **kwargs: Any,
    ) -> RasaModel:
        """The trained model, built by one eager prediction for prediction (see the module's
        docstring), or by Rasa's own loader for fine-tuning."""
        if finetune_mode or predict_data_example is None:
            return super().load(
                model_file_name, model_data_example, predict_data_example, finetune_mode, *args, **kwargs
            )
        model = cls(*args, **kwargs)
        run_eagerly = model._run_eagerly
        model._run_eagerly = True
        model.run_inference(predict_data_example)
        model._run_eagerly = run_eagerly
        model.load_weights(model_file_name).expect_partial()
        _mask_kernels_once(model)
        model.prepare_for_predict()
        model._tf_predict_step = _predict_function(model, predict_data_example)
        model.run_inference(predict_data_example)
        return model

    def __init__(
        self,
        data_signature: dict[str, dict[str, list[FeatureSignature]]],
        label_data: RasaModelData,
        entity_tag_specs: list[EntityTagSpec] | None,
        config: dict[str, Any],
    ) -> None:
        super().__init__(data_signature, label_data, entity_tag_specs, config)
        if config.get(SKIP_PADDING_IN_TRAINING, True):
            skip_padding(self)
        shown = [f"{metric[0]}_loss" if metric.endswith("_f1") else metric for metric in self.metrics_to_log]
        self.metrics_to_log = list(dict.fromkeys(shown))

    def fit(self, x: RasaBatchDataGenerator, *args: Any, **kwargs: Any) -> tf.keras.callbacks.History:
        if not self.trainable_weights:
            self._create_training_variables(x[0][0])
        return super().fit(x, *args, **kwargs)

    def _create_training_variables(self, batch_in: tuple[np.ndarray, ...]) -> None:
        """Create the layers' and the optimizer's variables before Keras traces the training step.

        A ``tf.function`` whose first trace creates variables is traced a second time, to get a
        function that creates none; Keras's training step would be traced twice. One eager forward
        pass with training off (no gradients, no optimizer step, no dropout) creates the layers'
        variables in the order and with the values the training step would, and costs less than
        tracing it; the optimizer builds its own as ``apply_gradients`` does. The training step is
        then traced once.
        """
        self._training = False
        self.batch_loss(batch_in)
        self._training = None
        with tf.init_scope():
            self.optimizer.build(self.trainable_variables)

    def _calculate_entity_loss(
        self,
        inputs: tf.Tensor,
        tag_ids: tf.Tensor,
        mask: tf.Tensor,
        sequence_lengths: tf.Tensor,
        tag_name: str,
        entity_tags: tf.Tensor | None = None,
    ) -> tuple[tf.Tensor, tf.Tensor, tf.Tensor]:
        if not self._training:
            return super()._calculate_entity_loss(
                inputs, tag_ids, mask, sequence_lengths, tag_name, entity_tags
            )
        if entity_tags is not None:
            inputs = tf.concat([inputs, self._tf_layers[f"embed.{tag_name}.tags"](entity_tags)], axis=-1)
        logits = self._tf_layers[f"embed.{tag_name}.logits"](inputs)
        crf = self._tf_layers[f"crf.{tag_name}"]
        # Built as Keras's Layer.__call__ builds a layer on its first call (the call Rasa makes
        # here): the transition weights get the same name and the same initial values.
        with tf.name_scope(crf._name_scope()):
            crf._maybe_build(logits)
        loss = crf.loss(logits, tf.cast(tag_ids[:, :, 0], tf.int32), sequence_lengths)
        no_f1 = tf.zeros(())  # the F1 metrics are no longer logged (see __init__)
        return loss, no_f1, logits


def _mask_kernels_once(model: RasaModel) -> None:
    """Mask each sparsely connected layer's kernel once; the layer then predicts as ``Dense`` does.

    ``density`` 1 is ``RandomlyConnectedDense``'s own setting for a layer "equivalent to
    ``tf.keras.layers.Dense``": its call no longer rewrites the kernel. Only a model loaded for
    prediction gets it; one that trained on would let the masked-out weights learn.
    """
    for layer in model.submodules:
        if isinstance(layer, RandomlyConnectedDense) and getattr(layer, "kernel_mask", None) is not None:
            layer.kernel.assign(layer.kernel * layer.kernel_mask)
            layer.density = 1.0


def _predict_function(
    model: RasaModel, predict_data_example: RasaModelData
) -> tf.types.experimental.GenericFunction:
    """Rasa's prediction function (same input signature), traced without AutoGraph.

    AutoGraph rewrites the Python source of every layer called while tracing, to turn control flow
    on tensors into graph ops. Rasa's prediction code branches only on its configuration, static
    shapes and Python containers (and calls ``tf.cond`` itself where it needs to), so the graph is
    the same without it, for a fraction of the tracing time; a branch on a tensor would fail to
    trace rather than change the graph.
    """
    generator, _ = create_data_generators(predict_data_example, batch_sizes=1, epochs=1, shuffle=False)
    batch_in = next(iter(generator))[0]
    return _TracedPrediction(
        tf.function(
            model.predict_step, input_signature=model._dynamic_signature(batch_in), autograph=False
        ).get_concrete_function()
    )


class _TracedPrediction:
    """The prediction step's one traced graph, called directly.

    A call of the ``tf.function`` looks its trace up from the inputs' signature each time, which was
    a quarter of a message's parse; the inputs always fit the one trace its signature allows.
    """

    def __init__(self, traced: Any) -> None:
        self._traced = traced

    def __call__(self, batch_in: Any) -> Any:
        return self._traced(batch_in)

    def get_concrete_function(self) -> Any:
        return self._traced


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR],
    is_trainable=True,
)
class FastTrainingDIETClassifier(DIETClassifier):
    """``DIETClassifier`` with the same configuration and predictions, trained and loaded with
    :class:`FastTrainingDIET` (``load`` reads the model through ``model_class().load``)."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {**DIETClassifier.get_default_config(), SKIP_PADDING_IN_TRAINING: True}

    @staticmethod
    def model_class() -> type[RasaModel]:
        return FastTrainingDIET
