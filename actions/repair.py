"""Repair when the assistant is not sure what a message means, instead of a guess.

At middling confidence the likeliest meanings are offered as buttons ("Did you mean ..."), once: a
reply to them that is not understood either is not asked the same again. A message about backs,
pain or exercise that is not understood gets the safety check and the menu; anything else gets an
honest "not covered" with who could help. Button titles come from the
menus in ``domain.yml``, so every word the user sees stays there.
"""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.session import last_bot_response
from actions.stretches import ActionFlexibilityResult
from knowledge.repository import KnowledgeRepository
from safety.text import normalise

# Menus whose buttons name the meanings that can be offered, by their payload.
MENUS = ("utter_help", "utter_stretch_menu")
# While the flexibility test waits for what happened, an unclear reply ("bending now") is read by
# the test, which asks again with its three answers.
FLEX_QUESTION = "utter_flex_question"
MAX_OPTIONS = 3
MIN_OPTION_CONFIDENCE = 0.15
BACK_WORDS = re.compile(
    r"\b(?:back|backs|spine|spinal|lumbar|pain\w*|ach\w*|sore|stiff\w*|tight\w*|hurt\w*|posture|"
    r"sit|sitting|desk|stretch\w*|exercis\w*|hamstring\w*|hip|hips|muscle\w*|core|plank\w*|massage|"
    r"lift\w*|bend\w*|disc|discs|flexib\w*|physio\w*|bed rest|moving|movement)\b"
)


def menu_buttons(domain: DomainDict) -> dict[str, dict[str, str]]:
    """Every menu button in the domain, by payload."""
    responses = domain.get("responses") or {}
    return {
        button["payload"]: {"title": button["title"], "payload": button["payload"]}
        for menu in MENUS
        for variant in responses.get(menu) or []
        for button in variant.get("buttons") or []
    }


def likeliest_meanings(
    ranking: list[dict[str, Any]], buttons: dict[str, dict[str, str]]
) -> list[dict[str, str]]:
    """Buttons for the most likely intents that a menu can offer, most likely first."""
    options = []
    for candidate in ranking:
        button = buttons.get(f"/{candidate.get('name')}")
        if button and candidate.get("confidence", 0.0) >= MIN_OPTION_CONFIDENCE and button not in options:
            options.append(button)
    return options[:MAX_OPTIONS]


def about_back_pain(text: str) -> bool:
    return bool(BACK_WORDS.search(normalise(text)))


class ActionClarify(Action):
    """The reply to a message the NLU was not confident about."""

    def __init__(self, repository: KnowledgeRepository | None = None) -> None:
        self._repository = repository

    def name(self) -> str:
        return "action_clarify"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        if last_bot_response(tracker.events) == FLEX_QUESTION:
            return await ActionFlexibilityResult(self._repository).run(dispatcher, tracker, domain)
        ranking = tracker.latest_message.get("intent_ranking") or []
        options = likeliest_meanings(ranking, menu_buttons(domain))
        if options and last_bot_response(tracker.events) != "utter_did_you_mean":
            dispatcher.utter_message(response="utter_did_you_mean", buttons=options)
        elif about_back_pain(tracker.latest_message.get("text") or ""):
            dispatcher.utter_message(response="utter_back_question_not_understood")
        else:
            dispatcher.utter_message(response="utter_out_of_scope")
        return []
