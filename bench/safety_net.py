"""The safety net's cost per message: the NLU component that reads every message for crisis, red
flags, another language, medicines and help-seeking, timed in-process on the benchmark's messages."""

from __future__ import annotations

import time

from rasa.shared.nlu.training_data.message import Message

from bench import conversations
from bench.load import percentile
from language.encoder import default_encoder
from rasa_ext.nlu.red_flag_detector import RedFlagDetector
from safety.crisis_model import CrisisClassifier, training_phrasings
from safety.semantic import crisis_bank, red_flag_bank


def safety_net_ms(repeats: int = 3) -> dict[str, float]:
    """p50, p95 and mean milliseconds per message, each message read for the first time."""
    crisis_bank()
    red_flag_bank()
    encoder = default_encoder()
    # Fitted without the NLU's examples: reading a message costs the same whatever it was fitted on.
    detector = RedFlagDetector(CrisisClassifier.fitted(training_phrasings(), encoder))
    messages = [text for script in conversations.BACKCOACH for text in script] * repeats
    samples = []
    for text in messages:
        encoder.forget_recent()
        message = Message(data={"text": text, "intent": {"name": "nlu_fallback", "confidence": 0.3}})
        start = time.perf_counter()
        detector.process([message])
        samples.append((time.perf_counter() - start) * 1000)
    return {
        "p50_ms": round(percentile(samples, 0.5), 1),
        "p95_ms": round(percentile(samples, 0.95), 1),
        "mean_ms": round(sum(samples) / len(samples), 1),
        "messages": len(samples),
    }


if __name__ == "__main__":
    print(safety_net_ms())
