"""Intent accuracy of trained models on the evaluation sets' single messages, NLU only.

    python -m scripts.compare_featurizers MODEL [MODEL ...]

The classifier's view (after the safety net), without the servers: the quick way to compare NLU
pipelines on the independent sets (docs/NLU.md). ``make eval`` measures what the assistant does.
"""

from __future__ import annotations

import asyncio
import sys
from collections import Counter
from pathlib import Path

from rasa.core.agent import Agent

from eval import SETS_DIR, load_set

TOPIC_INTENTS = {
    "prevalence": "ask_prevalence",
    "pain_sources": "ask_pain_sources",
    "posture": "ask_posture",
    "mechanics": "ask_lifting",
    "hip_flexors": "ask_hip_flexors",
    "hamstrings": "ask_hamstrings",
    "bed_rest": "ask_bed_rest",
    "deep_muscles": "ask_deep_muscles",
    "strategy": "ask_strategy",
    "massage": "ask_massage",
}
LABEL_INTENTS = {
    "out_of_scope": "out_of_scope",
    "medication": "ask_medication",
    "greet": "greet",
    "goodbye": "goodbye",
    "thank": "thank",
    "help": "help",
    "bot_challenge": "bot_challenge",
    "delete_data": "request_data_deletion",
}


def expected_intent(item) -> str:
    if item.expect == "answer":
        return TOPIC_INTENTS.get(item.topic, "ask_exercise")
    if item.expect == "screen":
        return "request_flexibility_test" if item.exercise == "flexibility_test" else "request_stretches"
    return LABEL_INTENTS[item.expect]


async def accuracy(model: Path, folder: Path) -> tuple[float, Counter]:
    agent = Agent.load(str(model))
    items = load_set("messages", folder)
    wrong: Counter = Counter()
    right = 0
    for item in items:
        parsed = await agent.parse_message(item.text)
        expected = expected_intent(item)
        if parsed["intent"]["name"] == expected:
            right += 1
        else:
            wrong[item.expect] += 1
    return right / len(items), wrong


def main(models: list[str]) -> None:
    for model in models:
        for folder in (SETS_DIR, SETS_DIR / "holdout"):
            score, wrong = asyncio.run(accuracy(Path(model), folder))
            name = Path(model).name
            print(f"{name}  {folder.name:8}  intent accuracy {score:.3f}  misses by label {dict(wrong)}")


if __name__ == "__main__":
    main(sys.argv[1:])
