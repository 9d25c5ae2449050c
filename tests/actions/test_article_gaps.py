from __future__ import annotations

from actions.article_gaps import ActionExplainMassage
from knowledge.repository import KnowledgeRepository
from tests.actions.conftest import run_action as run
from tests.conftest import load_tracker


def test_massage_says_the_text_gives_no_advice(repository: KnowledgeRepository) -> None:
    dispatcher, events = run(ActionExplainMassage(repository), load_tracker("asked_posture"))
    assert [m["response"] for m in dispatcher.messages] == ["utter_massage_not_in_text"]
    assert dispatcher.messages[0]["article_title"] == repository.article_title()
    assert events == []
