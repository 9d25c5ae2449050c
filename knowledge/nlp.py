"""The spaCy pipeline shared by the knowledge builder, the search index and Rasa's NLU.

English models cannot be downloaded here, so the pipeline is a blank English tokenizer with a
rule-based sentencizer and the lookup lemmatizer from ``spacy-lookups-data``. ``python -m
knowledge.nlp`` saves it to ``var/spacy-en`` for the ``SpacyNLP`` candidate of ``make nlu-compare``
(scripts/compare_nlu.py); the assistant's own pipeline does not use spaCy.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language

import settings

# spaCy counts these as stop words, but in an article about backs and movement they carry meaning.
MEANINGFUL_HERE = frozenset({"move", "back", "front", "side", "full"})
STOP_LEMMAS = frozenset(STOP_WORDS) - MEANINGFUL_HERE


def build_pipeline() -> Language:
    """Create the blank English pipeline with a sentencizer and a lookup lemmatizer."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp


@lru_cache(maxsize=1)
def pipeline() -> Language:
    """The process-wide pipeline (building it loads the lookup tables once)."""
    return build_pipeline()


def content_lemmas(text: str) -> list[str]:
    """Lower-cased lemmas of the words in ``text`` that carry meaning (no stop words, no punctuation)."""
    doc = pipeline()(text.lower())
    return [
        token.lemma_.lower()
        for token in doc
        if not (token.is_punct or token.is_space or token.lower_ in STOP_LEMMAS)
        and token.lemma_.lower() not in STOP_LEMMAS
        and any(ch.isalnum() for ch in token.text)
    ]


def save_pipeline(path: Path = settings.SPACY_MODEL_DIR) -> Path:
    """Write the pipeline to ``path`` so Rasa's ``SpacyNLP`` can load it by path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    build_pipeline().to_disk(path)
    return path


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else settings.SPACY_MODEL_DIR
    print(f"spaCy pipeline saved to {save_pipeline(target)}")
