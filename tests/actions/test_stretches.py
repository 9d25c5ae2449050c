from __future__ import annotations

from actions.stretches import ActionOfferStretches
from knowledge.repository import KnowledgeRepository
from tests.actions.test_topics import run
from tests.conftest import load_tracker


def test_offer_stretches_puts_safety_first_and_gives_no_instructions(
    repository: KnowledgeRepository,
) -> None:
    dispatcher, events = run(ActionOfferStretches(repository), load_tracker("asked_for_stretches"))
    responses = [m["response"] for m in dispatcher.messages]
    assert responses[0] == "utter_safety_check_first"
    assert "utter_quote" in responses
    quoted = " ".join(m.get("quote") or "" for m in dispatcher.messages)
    assert "see a health practitioner" in quoted
    steps = [s for key in repository.exercise_keys() for s in repository.exercise(key).steps]
    for step in steps:
        assert step.rstrip(".").lower() not in quoted.lower()
    assert events == []
