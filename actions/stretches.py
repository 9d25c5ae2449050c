"""Stretches and the flexibility test, always behind the safety gate."""

from __future__ import annotations

import re
from abc import abstractmethod
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.knowledge_action import KnowledgeAction
from actions.safety_gate import refuse, screening_gate
from actions.session import END_STRETCH_SESSION, current_session_events, entity_value, intent_of
from actions.stretch_plan import PlannedMessage, session_plan
from actions.topics import exercise_topic
from knowledge.repository import KnowledgeRepository
from safety.crisis import CRISIS_INTENT
from safety.levels import Level

FLEXIBILITY_TEST_INTENT = "request_flexibility_test"
# Set while the menu of exercises waits for a choice (data/rules/offers.yml).
CHOICE_PENDING = "exercise_choice_pending"
REQUEST_INTENTS = frozenset({"request_stretches", FLEXIBILITY_TEST_INTENT})
FLEX_RESULT_WORDS = {
    "zinging": ("zing", "tingl", "nerve", "electric", "calves", "calf"),
    "tight": ("couldn", "could not", "can't", "cannot", "not even", "no way", "nowhere", "halfway", "barely"),
    "fine": (
        "reached",
        "easily",
        "made it",
        "yes",
        "easy",
        "no problem",
        "past",
        "beyond",
        "further",
        "touch my toes",
    ),
}


def _send(dispatcher: CollectingDispatcher, message: PlannedMessage) -> None:
    dispatcher.utter_message(response=message.response, json_message=message.custom, **message.values)


def _crisis_since_stretch_began(tracker: Tracker) -> bool:
    """Whether a crisis message came after the stretch in progress began.

    Crisis support ends the stretch (data/rules/crisis.yml); this holds it ended even when the
    action that clears the stretch's slots did not run.
    """
    crisis = False
    for event in tracker.events:
        if event.get("event") == "slot" and event.get("name") == "stretch_step" and event.get("value") == 1.0:
            crisis = False
        elif event.get("event") == "user":
            crisis = crisis or intent_of(event) == CRISIS_INTENT
    return crisis


def offer_menu(dispatcher: CollectingDispatcher) -> list[dict[str, Any]]:
    """The choice of the two stretches and the test; a typed reply will be read as the choice."""
    dispatcher.utter_message(response="utter_stretch_menu")
    return [SlotSet(CHOICE_PENDING, True)]


def start_stretch(
    dispatcher: CollectingDispatcher, repository: KnowledgeRepository, key: str | None
) -> list[dict[str, Any]] | None:
    """The first message of exercise ``key`` and the slots of its session; None if unknown."""
    exercise = repository.exercise(key or "")
    if exercise is None:
        return None
    _send(dispatcher, session_plan(exercise)[0])
    return [
        SlotSet("stretch_exercise", exercise.key),
        SlotSet("stretch_step", 1.0),
        SlotSet("topic", exercise.key),
        SlotSet("topic_page", 1.0),
    ]


def give_flexibility_test(
    dispatcher: CollectingDispatcher, repository: KnowledgeRepository
) -> list[dict[str, Any]]:
    """The article's test and the question about its result."""
    test = repository.flexibility_test()
    if test is None:
        dispatcher.utter_message(response="utter_knowledge_unavailable")
        return []
    dispatcher.utter_message(response="utter_flex_test", test=test.quote.text, section=test.quote.section)
    dispatcher.utter_message(response="utter_flex_question", threshold=test.threshold_degrees)
    return END_STRETCH_SESSION


# The guided exercises by name, for a request whose entity the classifier missed ("guide me through
# the half-kneeling hip flexor stretch"). Only names: words about pain or posture are not requests.
NAMED_EXERCISES = (
    (
        re.compile(
            r"\b(?:70|seventy)[- ]?(?:degree|°)|\bflexibility test|\bhamstring test|\btest (?:my|the|of)"
            r"|\bhow (?:flexible|bendy|stiff|tight) (?:i am|i really am|my hamstrings are)\b"
            r"|\b(?:check|measure|see|find out|know) (?:my |how )?(?:flexibility|how flexible)\b"
            r"|\bself[- ]?test\b|\b(?:bend|bending|forward bend) test\b"
            r"|\btest how (?:tight|flexible|bendy|stiff)\b"
        ),
        "flexibility_test",
    ),
    (
        re.compile(
            r"\bhamstrin|\bhamm(?:y|ies)\b|\bbacks? of (?:my|the|your) (?:thighs?|legs?|upper legs?)\b"
        ),
        "hamstring_stretch",
    ),
    (re.compile(r"\bhip flexor|\bhip\b|\bhips\b|\bpsoas\b|\bkneeling\b"), "hip_flexor_stretch"),
)


def named_exercise(text: str) -> str | None:
    """The guided exercise (or the flexibility test) that ``text`` names, if it names one."""
    lowered = text.lower()
    return next((key for pattern, key in NAMED_EXERCISES if pattern.search(lowered)), None)


def known_exercise(entity: str | None, text: str) -> str | None:
    """The exercise an entity names, read as the menu's keys; the classifier sometimes gives the
    words it found ("half-kneeling hip flexor stretch") rather than the key."""
    if entity in MENU_ORDER:
        return entity
    return named_exercise(entity or "") or named_exercise(text)


# "Can we do it now?" after reading about a stretch: the request means the exercise being read.
POINTS_BACK = re.compile(r"\b(?:it|this|that|this one|that one|them)\b")


def topic_read_before(events: list[dict[str, Any]], request_index: int) -> str | None:
    """The exercise whose topic was being read when ``events[request_index]`` was sent, if one was."""
    for event in reversed(events[:request_index]):
        if event.get("event") == "slot" and event.get("name") == "topic":
            return event.get("value") if event.get("value") in MENU_ORDER else None
    return None


def screen_request(tracker: Tracker) -> tuple[str | None, str | None]:
    """The intent and exercise of the latest request for a stretch or the test in this session."""
    session = current_session_events(tracker.events)
    for index in range(len(session) - 1, -1, -1):
        event = session[index]
        if event.get("event") == "user" and intent_of(event) in REQUEST_INTENTS:
            text = event.get("text") or ""
            exercise = known_exercise(entity_value(event, "exercise"), text)
            if exercise is None and POINTS_BACK.search(text.lower()):
                exercise = topic_read_before(session, index)
            if exercise == "flexibility_test":
                return FLEXIBILITY_TEST_INTENT, None
            return intent_of(event), exercise
    return None, None


def _entity(tracker: Tracker, name: str) -> str | None:
    return next(tracker.get_latest_entity_values(name), None)


# The menu's options in order, for "the first one", "number 2", "the last one".
MENU_ORDER = ("hip_flexor_stretch", "hamstring_stretch", "flexibility_test")
ORDINALS = (
    (re.compile(r"\b(?:first|1st|number (?:1|one))\b|^\W*1\W*$"), 0),
    (re.compile(r"\b(?:second(?! thoughts?)|2nd|number (?:2|two)|middle)\b|^\W*2\W*$"), 1),
    (re.compile(r"\b(?:third|3rd|number (?:3|three)|last)\b|^\W*3\W*$"), 2),
)


# Words that describe an option of the menu without naming it: "the one where you kneel", "the
# leg one". Only read as a reply to the menu, where "leg" cannot be a symptom report.
MENU_DESCRIPTIONS = (
    (
        re.compile(r"\bkneel|\bon (?:my|your|one) knees?\b|\blunge|\bhips?\b|\bflexors?\b"),
        "hip_flexor_stretch",
    ),
    (
        re.compile(
            r"\blegs?\b|\bthighs?\b|\bstanding\b|\blie down\b|\btowel|\bstrap|\bhamstrings?\b|\bhamm?y\b"
        ),
        "hamstring_stretch",
    ),
    (re.compile(r"\btest\b|\bbend(?:ing)? forward|\bhow flexible"), "flexibility_test"),
)

# "not today", "on second thoughts, no": the menu is declined, not answered.
DECLINES_THE_MENU = re.compile(
    r"\b(?:not (?:today|now|right now|yet|this time)|no thanks?|no thank you|changed my mind|"
    r"second thoughts?|maybe later|another (?:time|day)|some other time)\b"
)

# "ok", "yes", "next" in reply to the menu: go on, with whichever comes first.
GO_ON_INTENTS = frozenset({"affirm", "next_step"})

# A reply that leaves the choice to the assistant.
LEAVE_IT_TO_YOU = re.compile(
    r"\b(?:any|anyone|any one|either|whichever|whatever|surprise me|(?:you|u|ya) (?:choose|pick|decide)|"
    r"(?:you|u) like|(?:your|ur) (?:choice|call|pick)|up to (?:you|u)|dunno|idk|"
    r"do not mind|don't mind|no preference|both|easiest|best one|recommend|start with|"
    r"(?:pick|choose|chose) (?:one|any|for me)|(?:you|u) (?:tell me|reckon)|(?:you|u) think is best)\b"
)


def chosen_exercise(tracker: Tracker) -> str | None:
    """The option a typed reply to the menu names: an entity, the exercise's words, or its place."""
    named = exercise_topic(tracker)
    if named in MENU_ORDER:
        return named
    text = (tracker.latest_message.get("text") or "").lower()
    described = next((key for pattern, key in MENU_DESCRIPTIONS if pattern.search(text)), None)
    if described is not None:
        return described
    place = next((place for pattern, place in ORDINALS if pattern.search(text)), None)
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    if place is None and (
        LEAVE_IT_TO_YOU.search(text) or (intent in GO_ON_INTENTS and tracker.get_slot(CHOICE_PENDING))
    ):
        place = 0  # "whichever", "you choose", "ok" to the menu: the article's first stretch
    if place is not None:
        return MENU_ORDER[place]
    if intent == FLEXIBILITY_TEST_INTENT:
        return "flexibility_test"
    return None


class GatedAction(KnowledgeAction):
    """Runs ``answer_cleared`` only for a user whose screen is clear; everyone else is referred."""

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        gate = screening_gate(tracker)
        if not gate.is_clear:
            refuse(dispatcher, gate)
            return END_STRETCH_SESSION
        return self.answer_cleared(dispatcher, tracker)

    @abstractmethod
    def answer_cleared(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        """Send the reply for a user with a clear screen and return the events to apply."""


class ActionEndStretchSession(Action):
    """Forgets the stretch in progress (after pain, "stop" or a red flag)."""

    def name(self) -> str:
        return "action_end_stretch_session"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        return END_STRETCH_SESSION


class ActionOfferStretches(GatedAction):
    """The single entry point for every request to do a stretch."""

    def name(self) -> str:
        return "action_offer_stretches"

    def answer_cleared(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        text = tracker.latest_message.get("text") or ""
        entity = _entity(tracker, "exercise")
        named = entity if entity in MENU_ORDER else None
        if named is None and tracker.get_slot(CHOICE_PENDING):
            named = chosen_exercise(tracker)
        if named is None:
            named = known_exercise(entity, text)
        if named == "flexibility_test":
            return give_flexibility_test(dispatcher, self.repository) + [SlotSet(CHOICE_PENDING, False)]
        started = start_stretch(dispatcher, self.repository, named)
        if started is None:
            return END_STRETCH_SESSION + offer_menu(dispatcher)
        return started + [SlotSet(CHOICE_PENDING, False)]


class ActionStretchSession(GatedAction):
    """The next message of the stretch in progress ("next", "done")."""

    def name(self) -> str:
        return "action_stretch_session"

    def answer_cleared(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        exercise = self.repository.exercise(tracker.get_slot("stretch_exercise") or "")
        step = int(tracker.get_slot("stretch_step") or 0)
        if exercise is None or step <= 0 or _crisis_since_stretch_began(tracker):
            dispatcher.utter_message(response="utter_no_stretch_in_progress")
            return END_STRETCH_SESSION
        plan = session_plan(exercise)
        _send(dispatcher, plan[min(step, len(plan) - 1)])
        if step + 1 >= len(plan):
            return END_STRETCH_SESSION
        return [SlotSet("stretch_step", float(step + 1))]


class ActionFlexibilityTest(GatedAction):
    """Guides the article's 70-degree hamstring test."""

    def name(self) -> str:
        return "action_flexibility_test"

    def answer_cleared(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        return give_flexibility_test(dispatcher, self.repository)


class ActionFlexibilityResult(GatedAction):
    """Interprets the test as the article does: the nerve, tight hamstrings, or neither."""

    def name(self) -> str:
        return "action_flexibility_result"

    def answer_cleared(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        test = self.repository.flexibility_test()
        threshold = test.threshold_degrees if test else None
        text = tracker.latest_message.get("text")
        result = _entity(tracker, "flex_result") or flexibility_result(text, threshold)
        if result == "zinging":
            dispatcher.utter_message(response="utter_flex_nerve")
            return [SlotSet("screening_result", Level.PRACTITIONER.slot_value), *END_STRETCH_SESSION]
        if result == "tight":
            dispatcher.utter_message(response="utter_flex_tight")
        elif result == "fine":
            dispatcher.utter_message(response="utter_flex_fine", threshold=threshold)
        else:
            dispatcher.utter_message(response="utter_flex_question", threshold=threshold)
        return []


def flexibility_result(text: str | None, threshold: int | None) -> str | None:
    """What a typed test result says: the nerve, tight hamstrings, or neither (None if unclear)."""
    lowered = (text or "").lower()
    for result, words in FLEX_RESULT_WORDS.items():
        if any(word in lowered for word in words):
            return result
    degrees = [int(number) for number in re.findall(r"\b(\d{1,3})\b", lowered) if int(number) <= 180]
    if degrees and threshold:
        return "fine" if max(degrees) >= threshold else "tight"
    return None
