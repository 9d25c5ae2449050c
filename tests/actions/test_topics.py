from __future__ import annotations

import pytest

from actions.topics import INTENT_TOPICS, ActionExplainTopic, ActionFollowUp
from knowledge.repository import KnowledgeRepository
from tests.actions.conftest import run_action as run
from tests.conftest import load_tracker


def test_every_mapped_topic_exists(repository: KnowledgeRepository) -> None:
    for topic_key in INTENT_TOPICS.values():
        assert repository.topic(topic_key) is not None, topic_key


def test_explain_topic_quotes_the_article_with_its_section(repository: KnowledgeRepository) -> None:
    dispatcher, events = run(ActionExplainTopic(repository), load_tracker("asked_posture"))
    posture = repository.topic("posture")
    first, offer = dispatcher.messages
    assert first["response"] == "utter_quote"
    assert first["quote"] == posture.answer[0].text
    assert first["where"] == 'section "Chronic Poor Posture"'
    assert offer["response"] == "utter_topic_offer_with_other"
    assert offer["other_title"] == repository.topic("mechanics").title
    assert {(e["name"], e["value"]) for e in events} == {
        ("topic", "posture"),
        ("topic_page", 1.0),
        ("topic_first_page", 0.0),
    }


def test_tell_me_more_sends_the_next_part(repository: KnowledgeRepository) -> None:
    dispatcher, events = run(ActionFollowUp(repository), load_tracker("follow_up_on_posture"))
    assert dispatcher.messages[0]["quote"] == repository.topic("posture").answer[1].text
    assert {"name": "topic_page", "value": 2.0} in [{"name": e["name"], "value": e["value"]} for e in events]


def test_more_after_the_last_part_says_that_is_everything(repository: KnowledgeRepository) -> None:
    pages = len(repository.topic("posture").answer)
    tracker = load_tracker("follow_up_on_posture", slots={"topic": "posture", "topic_page": float(pages)})
    dispatcher, events = run(ActionFollowUp(repository), tracker)
    assert [m["response"] for m in dispatcher.messages] == ["utter_topic_finished"]
    assert events == []


def test_why_sends_the_reason_sentences(repository: KnowledgeRepository) -> None:
    tracker = load_tracker("follow_up_on_posture")
    tracker.latest_message["intent"] = {"name": "ask_why", "confidence": 0.9}
    dispatcher, _ = run(ActionFollowUp(repository), tracker)
    why = repository.topic("posture").why
    assert [m.get("quote") for m in dispatcher.messages[: len(why)]] == [q.text for q in why]
    assert "pressure on your spine" in dispatcher.messages[0]["quote"]


def test_why_without_a_reason_says_so(repository: KnowledgeRepository) -> None:
    tracker = load_tracker("follow_up_on_posture", slots={"topic": "prevalence", "topic_page": 1.0})
    tracker.latest_message["intent"] = {"name": "ask_why", "confidence": 0.9}
    dispatcher, _ = run(ActionFollowUp(repository), tracker)
    assert [m["response"] for m in dispatcher.messages] == ["utter_why_not_given"]


def test_other_one_switches_to_the_paired_topic(repository: KnowledgeRepository) -> None:
    tracker = load_tracker("follow_up_on_posture", slots={"topic": "hip_flexors", "topic_page": 1.0})
    tracker.latest_message["intent"] = {"name": "ask_other", "confidence": 0.9}
    dispatcher, events = run(ActionFollowUp(repository), tracker)
    assert dispatcher.messages[0]["quote"] == repository.topic("hamstrings").answer[0].text
    assert ("topic", "hamstrings") in [(e["name"], e["value"]) for e in events]


def test_other_one_without_a_pair_asks_which(repository: KnowledgeRepository) -> None:
    tracker = load_tracker("follow_up_on_posture", slots={"topic": "bed_rest", "topic_page": 1.0})
    tracker.latest_message["intent"] = {"name": "ask_other", "confidence": 0.9}
    dispatcher, _ = run(ActionFollowUp(repository), tracker)
    assert [m["response"] for m in dispatcher.messages] == ["utter_no_other_topic"]


def test_follow_up_without_a_topic_offers_the_menu(repository: KnowledgeRepository) -> None:
    tracker = load_tracker("follow_up_on_posture", slots={"topic": None, "topic_page": None})
    dispatcher, events = run(ActionFollowUp(repository), tracker)
    assert [m["response"] for m in dispatcher.messages] == ["utter_no_topic_yet"]
    assert events == []


def test_a_broken_knowledge_base_gets_an_apology(tmp_path) -> None:
    from sqlalchemy import create_engine

    empty = KnowledgeRepository(create_engine(f"sqlite:///{tmp_path / 'empty.db'}"))
    dispatcher, events = run(ActionExplainTopic(empty), load_tracker("asked_posture"))
    assert [m["response"] for m in dispatcher.messages] == ["utter_knowledge_unavailable"]
    assert events == []


def _exercise_question(text: str, entities: list[dict] | None = None):
    return load_tracker(
        "asked_posture",
        latest_message={"text": text, "intent": {"name": "ask_exercise"}, "entities": entities or []},
    )


@pytest.mark.parametrize(
    ("text", "entities", "topic_key"),
    [
        ("what does holding a plank do for my lower back", [], "plank"),
        ("what angle should i be able to bend forward to", [], "flexibility_test"),
        ("how long to hold it", [{"entity": "exercise", "value": "hamstring_stretch"}], "hamstring_stretch"),
        ("what is the psoas one for", [], "hip_flexor_stretch"),
    ],
)
def test_an_exercise_question_is_answered_from_that_exercise(
    repository: KnowledgeRepository, text: str, entities: list[dict], topic_key: str
) -> None:
    dispatcher, events = run(ActionExplainTopic(repository), _exercise_question(text, entities))
    assert dispatcher.messages[0]["quote"] == repository.topic(topic_key).answer[0].text
    assert ("topic", topic_key) in {(e["name"], e["value"]) for e in events}


def test_the_plank_question_gets_the_plank_sentence(repository: KnowledgeRepository) -> None:
    dispatcher, _ = run(ActionExplainTopic(repository), _exercise_question("are planks good for my back"))
    assert "plank" in dispatcher.messages[0]["quote"]


def test_an_exercise_question_naming_no_exercise_asks_which(repository: KnowledgeRepository) -> None:
    dispatcher, events = run(ActionExplainTopic(repository), _exercise_question("tell me about that one"))
    assert [m["response"] for m in dispatcher.messages] == ["utter_no_topic_yet"]
    assert events == []


def test_the_passage_closest_to_the_question_comes_first_and_more_goes_on_from_it(
    repository: KnowledgeRepository,
) -> None:
    posture = repository.topic("posture")
    hamstring_passage = next(i for i, q in enumerate(posture.answer) if "hamstrings are tight" in q.text)
    assert hamstring_passage != 0
    tracker = load_tracker(
        "asked_posture",
        latest_message={
            "text": "how do tight hamstrings from sitting make me bend my low back more",
            "intent": {"name": "ask_posture"},
            "entities": [],
        },
    )
    dispatcher, events = run(ActionExplainTopic(repository), tracker)
    assert dispatcher.messages[0]["quote"] == posture.answer[hamstring_passage].text
    tracker.slots.update({e["name"]: e["value"] for e in events})
    tracker.latest_message = {"text": "tell me more", "intent": {"name": "ask_more"}, "entities": []}
    dispatcher, _ = run(ActionFollowUp(repository), tracker)
    assert dispatcher.messages[0]["quote"] == posture.answer[0].text
