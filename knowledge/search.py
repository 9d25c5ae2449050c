"""Okapi BM25 over lemmatised sentences, with a deterministic order for equal scores."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Ranked:
    document_id: int
    score: float


class BM25Index:
    """Rank documents (lists of terms) for a query; ties go to the document indexed first."""

    def __init__(self, documents: Sequence[tuple[int, list[str]]], k1: float = 1.2, b: float = 0.75):
        self._documents = [(doc_id, Counter(terms), len(terms)) for doc_id, terms in documents]
        self._k1 = k1
        self._b = b
        self._average_length = (
            sum(length for _, _, length in self._documents) / len(self._documents) if documents else 0.0
        )
        frequency: Counter = Counter()
        for _, terms, _ in self._documents:
            frequency.update(terms.keys())
        total = len(self._documents)
        self._idf: dict[str, float] = {
            term: math.log(1 + (total - count + 0.5) / (count + 0.5)) for term, count in frequency.items()
        }

    def coverage(self, query_terms: Sequence[str]) -> float:
        """The share of distinct query terms that occur anywhere in the index."""
        query = set(query_terms)
        return len(query & self._idf.keys()) / len(query) if query else 0.0

    def rank(self, query_terms: Sequence[str]) -> list[Ranked]:
        """Documents that share at least one term with the query, best first."""
        query = set(query_terms)
        results = []
        for order, (doc_id, terms, length) in enumerate(self._documents):
            score = 0.0
            for term in query & terms.keys():
                tf = terms[term]
                norm = tf + self._k1 * (1 - self._b + self._b * length / self._average_length)
                score += self._idf[term] * tf * (self._k1 + 1) / norm
            if score > 0:
                results.append((-score, order, Ranked(doc_id, score)))
        return [ranked for _, _, ranked in sorted(results)]
