"""Load trained TensorFlow models by one eager prediction instead of one training step.

Rasa 3.6 rebuilds every TensorFlow model on load by fitting it on one example (a full training
step with gradients, and for DIET the entity CRF's), only to create variables of the right shape
before reading the trained weights over them. Profiling start-up (docs/PERFORMANCE.md) showed that
step taking most of the Rasa server's time to ready. A prediction creates every variable that
prediction uses, so here one prediction runs eagerly (nothing is traced) and the weights are read
after it; the label embeddings that a model caches for prediction are then computed again from the
trained weights, and the prediction function is traced once, with Rasa's input signature but
without AutoGraph. Fine-tuning keeps Rasa's own loader, which needs the optimizer state.

Rasa's sparsely connected layers (``RandomlyConnectedDense``, most of DIET's transformer) multiply
their whole kernel by its fixed mask and write it back on every call, prediction included: about
2 of a parse's 20 ms of CPU (docs/PERFORMANCE.md). The mask is 0 or 1 and does not change after
training, so here each kernel is masked once after the weights are read, and the layers then
predict as Keras's ``Dense`` does: the same products, without rewriting the kernels on every
message.
"""

from __future__ import annotations

from typing import Any

import tensorflow as tf
from rasa.utils.tensorflow.layers import RandomlyConnectedDense
from rasa.utils.tensorflow.model_data import RasaModelData
from rasa.utils.tensorflow.models import RasaModel
from rasa.utils.train_utils import create_data_generators

_rasa_load = RasaModel.load.__func__  # type: ignore[attr-defined]


def _load_for_prediction(
    cls: type[RasaModel],
    model_file_name: str,
    model_data_example: RasaModelData,
    predict_data_example: RasaModelData | None = None,
    finetune_mode: bool = False,
    *args: Any,
    **kwargs: Any,
) -> RasaModel:
    if finetune_mode or predict_data_example is None:
        return _rasa_load(
            cls, model_file_name, model_data_example, predict_data_example, finetune_mode, *args, **kwargs
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


class MaskedOnceDense(RandomlyConnectedDense):
    """A ``RandomlyConnectedDense`` whose kernel was masked once, for prediction only.

    Never train it: without the mask on every call, the masked-out weights would learn.
    """

    def call(self, inputs: tf.Tensor) -> tf.Tensor:
        return tf.keras.layers.Dense.call(self, inputs)


def _mask_kernels_once(model: RasaModel) -> None:
    for layer in model.submodules:
        if type(layer) is RandomlyConnectedDense and getattr(layer, "kernel_mask", None) is not None:
            layer.kernel.assign(layer.kernel * layer.kernel_mask)
            layer.__class__ = MaskedOnceDense


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
    return tf.function(
        model.predict_step, input_signature=model._dynamic_signature(batch_in), autograph=False
    )


def install() -> None:
    """Make every Rasa TensorFlow model load for prediction this way (idempotent)."""
    RasaModel.load = classmethod(_load_for_prediction)  # type: ignore[method-assign, assignment]


def uninstall() -> None:
    """Restore Rasa's own loader."""
    RasaModel.load = classmethod(_rasa_load)  # type: ignore[method-assign, assignment]
