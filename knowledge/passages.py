"""Which part of a topic answers a question best: meaning first, shared words second.

A topic's answer is a few passages in a fixed order; the first one sent is the passage closest to
the question (sentence-embedding cosine, plus BM25 over the passages' lemmas), and "tell me more"
continues with the others in the article's order.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from knowledge.nlp import content_lemmas
from knowledge.search import BM25Index
from language.encoder import default_encoder

# BM25 scores are scaled to at most 1 and weighted below the cosine: shared rare words ("plank",
# "psoas") settle near ties, meaning decides the rest.
LEXICAL_WEIGHT = 0.3


def best_passage(question: str, passages: Sequence[str]) -> int:
    """The index of the passage that best answers ``question`` (0 for an empty question)."""
    if len(passages) < 2 or not question.strip():
        return 0
    vectors = default_encoder().encode([question, *passages])
    semantic = vectors[1:] @ vectors[0]
    lexical = np.zeros(len(passages))
    index = BM25Index([(i, content_lemmas(passage)) for i, passage in enumerate(passages)])
    for ranked in index.rank(content_lemmas(question)):
        lexical[ranked.document_id] = ranked.score
    if lexical.max() > 0:
        lexical = lexical / lexical.max()
    return int(np.argmax(semantic + LEXICAL_WEIGHT * lexical))


def closest_topic(question: str, topics: dict[str, Sequence[str]]) -> tuple[str | None, float]:
    """The topic with the passage closest in meaning to ``question``, and that cosine."""
    keys = [key for key, passages in topics.items() for _ in passages]
    texts = [passage for passages in topics.values() for passage in passages]
    if not keys or not question.strip():
        return None, 0.0
    vectors = default_encoder().encode([question, *texts])
    similarity = vectors[1:] @ vectors[0]
    best = int(np.argmax(similarity))
    return keys[best], float(similarity[best])


def reading_order(count: int, first: int) -> list[int]:
    """The passages of a topic, the chosen one first and then the rest in the article's order."""
    return [first] + [i for i in range(count) if i != first]
