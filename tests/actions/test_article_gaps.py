from __future__ import annotations

from actions.article_gaps import ActionExplainMassage, ActionSearchArticle
from knowledge.repository import KnowledgeRepository
from tests.actions.conftest import run_action as run
from tests.conftest import load_tracker


def test_massage_says_the_text_gives_no_advice(repository: KnowledgeRepository) -> None:
    dispatcher, events = run(ActionExplainMassage(repository), load_tracker("asked_posture"))
    assert [m["response"] for m in dispatcher.messages] == ["utter_massage_not_in_text"]
    assert dispatcher.messages[0]["article_title"] == repository.article_title()
    assert events == []


def test_unmatched_question_is_answered_from_the_best_passage(repository: KnowledgeRepository) -> None:
    tracker = load_tracker("unmatched_question")
    dispatcher, _ = run(ActionSearchArticle(repository), tracker)
    expected = repository.search(tracker.latest_message["text"], limit=1)[0].quote
    assert dispatcher.messages == [
        {**dispatcher.messages[0], "response": "utter_quote", "quote": expected.text, "where": expected.where}
    ]
    assert "yoga master" in expected.text


def test_question_the_article_does_not_cover_is_declined(repository: KnowledgeRepository) -> None:
    tracker = load_tracker("unmatched_question")
    tracker.latest_message["text"] = "what's the best mattress for a bad neck"
    dispatcher, _ = run(ActionSearchArticle(repository), tracker)
    assert [m["response"] for m in dispatcher.messages] == ["utter_not_covered"]
