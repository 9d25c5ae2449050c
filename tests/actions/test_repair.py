"""What an unclear message gets: its likeliest meanings, the safety check and menu, or "not covered"."""

from __future__ import annotations

from typing import Any

import pytest

from actions.repair import ActionClarify
from knowledge.repository import KnowledgeRepository
from tests.actions.conftest import responses, run_action
from tests.conftest import load_tracker


def unclear(text: str, ranking: list[tuple[str, float]]) -> Any:
    return load_tracker(
        "unmatched_question",
        latest_message={
            "text": text,
            "intent": {"name": "nlu_fallback", "confidence": 0.6},
            "intent_ranking": [{"name": "nlu_fallback", "confidence": 0.6}]
            + [{"name": name, "confidence": confidence} for name, confidence in ranking],
            "entities": [],
        },
    )


def test_middling_confidence_offers_the_likeliest_meanings_from_the_menus(domain: dict[str, Any]) -> None:
    tracker = unclear(
        "stretch hamstrings why", [("ask_hamstrings", 0.45), ("request_stretches", 0.4), ("greet", 0.1)]
    )
    dispatcher, _ = run_action(ActionClarify(), tracker, domain)
    assert responses(dispatcher) == ["utter_did_you_mean"]
    payloads = [button["payload"] for button in dispatcher.messages[0]["buttons"]]
    assert payloads == ["/ask_hamstrings", "/request_stretches"]
    titles = {b["payload"]: b["title"] for b in domain["responses"]["utter_help"][0]["buttons"]}
    assert [b["title"] for b in dispatcher.messages[0]["buttons"]] == [titles[p] for p in payloads]


def test_a_back_message_not_understood_gets_the_safety_check_and_the_menu(domain: dict[str, Any]) -> None:
    dispatcher, _ = run_action(ActionClarify(), unclear("my back is weird today", [("greet", 0.05)]), domain)
    assert responses(dispatcher) == ["utter_back_question_not_understood"]


def test_anything_else_is_honestly_not_covered(domain: dict[str, Any]) -> None:
    dispatcher, _ = run_action(ActionClarify(), unclear("who won the cup final", [("greet", 0.05)]), domain)
    assert responses(dispatcher) == ["utter_out_of_scope"]


def test_a_reply_to_did_you_mean_not_understood_either_gets_a_way_on_not_the_same_question(
    domain: dict[str, Any],
) -> None:
    tracker = unclear("ok i want the hip one", [("request_stretches", 0.35), ("ask_hip_flexors", 0.3)])
    tracker.events = [
        {"event": "user", "text": "got anything for me", "parse_data": {}},
        {"event": "bot", "text": "Did you mean...?", "metadata": {"utter_action": "utter_did_you_mean"}},
        {"event": "user", "text": "ok i want the hip one", "parse_data": {}},
    ]
    dispatcher, _ = run_action(ActionClarify(), tracker, domain)
    assert responses(dispatcher) == ["utter_back_question_not_understood"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("bending now", "utter_flex_question"), ("nowhere close sadly", "utter_flex_tight")],
)
def test_an_unclear_reply_to_the_flexibility_test_goes_back_to_the_test(
    domain: dict[str, Any], repository: KnowledgeRepository, text: str, expected: str
) -> None:
    tracker = load_tracker(
        "screened_clear",
        latest_message={"text": text, "intent": {"name": "nlu_fallback", "confidence": 0.5}, "entities": []},
    )
    tracker.events = [
        *tracker.events,
        {"event": "bot", "text": "Try bending forward", "metadata": {"utter_action": "utter_flex_question"}},
        {"event": "user", "text": text, "parse_data": {}},
    ]
    dispatcher, _ = run_action(ActionClarify(repository), tracker, domain)
    assert responses(dispatcher) == [expected]
