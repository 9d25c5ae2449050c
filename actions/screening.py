"""The safety screen: the form's answer extraction, its outcome, red flags and changed symptoms."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.knowledge_action import KnowledgeAction
from actions.safety_gate import Status, refuse, screening_gate
from actions.session import END_STRETCH_SESSION, current_session_events
from actions.stretches import (
    FLEXIBILITY_TEST_INTENT,
    give_flexibility_test,
    offer_menu,
    screen_request,
    start_stretch,
)
from safety.crisis import CRISIS_INTENT
from safety.detector import RED_FLAGS_KEY, SIGNS_BY_KEY, find_signs
from safety.flag_holds import flag_holds
from safety.help_seeking import asks_what_to_do
from safety.levels import Level
from safety.screening import (
    INJURY,
    SCREENING_SLOTS,
    button_answer,
    interpret,
    is_complete,
    is_interruption,
    merge,
    outcome,
    required_questions,
    worsening_weakness,
)
from safety.text import normalise

UNCLEAR_ANSWERS = "screen_unclear_answers"
RESCREEN_DUE = "rescreen_due"
# Entities of the screening buttons' payloads (domain.yml): the question a press answers.
BUTTON_QUESTION = "screen_question"
BUTTON_LEG_SIDES = "leg_sides"


def _answers(tracker: Tracker) -> dict[str, Any]:
    return {slot: tracker.get_slot(slot) for slot in SCREENING_SLOTS}


class ValidateScreeningForm(FormValidationAction):
    """Fills every screening answer a message gives, and asks only what is still unknown."""

    def name(self) -> str:
        return "validate_screening_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        if tracker.get_slot("requested_slot") is None and screening_gate(tracker).held:
            # A sign told in an earlier conversation in the last 7 days decides before any
            # question (the outcome refuses); one told during this screen does not stop it.
            return []
        answers = _answers(tracker)
        questions = required_questions(answers)
        # Answered slots stay listed: the SDK only returns values for listed slots, and an
        # emergency answer (which ends the questions) must still be recorded.
        answered = [slot for slot in SCREENING_SLOTS if answers[slot] is not None]
        # Listed when set, like the answers: weakness that is getting worse sets the result mid-screen.
        answered += [
            slot for slot in (UNCLEAR_ANSWERS, "screening_result") if tracker.get_slot(slot) is not None
        ]
        return questions + [slot for slot in answered if slot not in questions]

    async def get_extraction_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        requested = tracker.get_slot("requested_slot")
        if requested is None:
            # The form is starting: reuse what the user already said in this session.
            found: dict[str, Any] = {}
            for event in current_session_events(tracker.events):
                if event.get("event") == "user" and event.get("text"):
                    found = {**found, **merge(found, interpret(event["text"], "inform_symptoms", None))}
        else:
            intent = (tracker.latest_message.get("intent") or {}).get("name")
            pressed_for = next(tracker.get_latest_entity_values(BUTTON_QUESTION), None)
            if pressed_for is not None and pressed_for != requested:
                # A double tap, or an old button further up the chat: it answers a question that
                # is no longer asked, so it must not answer the current one.
                dispatcher.utter_message(response="utter_screening_stale_answer")
                return [self._count_unclear(tracker)]
            if pressed_for is not None:
                leg_sides = next(tracker.get_latest_entity_values(BUTTON_LEG_SIDES), None)
                found = button_answer(intent, requested, leg_sides)
            else:
                found = interpret(tracker.latest_message.get("text") or "", intent, requested)
        events = [SlotSet(slot, value) for slot, value in merge(_answers(tracker), found).items()]
        text = tracker.latest_message.get("text") or ""
        current = Level.from_slot(tracker.get_slot("screening_result"))
        answers = merge(_answers(tracker), found)
        if (current is None or current < Level.URGENT) and (
            worsening_weakness(text, requested, found)
            or (answers.get(INJURY) is True and _fragile_bones_told(tracker))
        ):
            # No question records how weakness changes, or an injury in someone with fragile bones
            # told over several answers ("I slipped in the bath", "doctor says osteoporosis"): the
            # result carries it to the outcome.
            events.append(SlotSet("screening_result", Level.URGENT.slot_value))
        if requested and requested not in found and not is_interruption(intent):
            # An answer that says nothing usable is counted, so the form asks again rather than
            # rejecting the turn ("Sorry, I didn't follow that").
            events.append(self._count_unclear(tracker))
        return events

    @staticmethod
    def _count_unclear(tracker: Tracker) -> dict[str, Any]:
        return SlotSet(UNCLEAR_ANSWERS, float(tracker.get_slot(UNCLEAR_ANSWERS) or 0) + 1)


class ActionScreeningOutcome(KnowledgeAction):
    """Turns the completed screen into a level of care and tells the user what to do now.

    A clear screen goes straight on to what the user asked for: the flexibility test, a named
    stretch, or the menu of both.
    """

    def name(self) -> str:
        return "action_screening_outcome"

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        answers = _answers(tracker)
        gate = screening_gate(tracker)
        result = [SlotSet(RESCREEN_DUE, False)]
        if gate.held:
            # The screen asked nothing (ValidateScreeningForm): a recent sign decides.
            refuse(dispatcher, gate)
            return [*result, SlotSet("screening_result", gate.level.slot_value), *END_STRETCH_SESSION]
        if not is_complete(answers):
            dispatcher.utter_message(response="utter_no_stretch_without_screen")
            return []
        level = outcome(answers)
        if gate.status is Status.FLAGGED and gate.level is not None and gate.level >= level:
            # A sign told during the screen that no question recorded (a calf zing, or words only
            # the semantic matcher knew), or one told in the last 7 days, still decides.
            refuse(dispatcher, gate)
            return [*result, SlotSet("screening_result", gate.level.slot_value)]
        result.append(SlotSet("screening_result", level.slot_value))
        if level != Level.CLEAR:
            flag_holds().hold(tracker.sender_id, level)
            dispatcher.utter_message(response=level.referral_response)
            return result
        dispatcher.utter_message(response="utter_screening_clear")
        intent, exercise = screen_request(tracker)
        if intent == FLEXIBILITY_TEST_INTENT:
            return result + give_flexibility_test(dispatcher, self.repository)
        started = start_stretch(dispatcher, self.repository, exercise)
        return result + (offer_menu(dispatcher) if started is None else started)


class ActionRecordRedFlag(Action):
    """Records a red flag the NLU detector found, so no stretch follows in this session.

    After the crisis reply it ends the stretch in progress; when the crisis message also told a
    red flag, it sends that flag's care advice too.
    """

    def name(self) -> str:
        return "action_record_red_flag"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        message = tracker.latest_message
        intent = (message.get("intent") or {}).get("name")
        level = Level.from_red_flag_intent(intent)
        if intent == CRISIS_INTENT:
            level = _level_of_signs(message.get(RED_FLAGS_KEY) or [])
            if level is not None and level.referral_response:
                dispatcher.utter_message(response=level.referral_response)
        current = Level.from_slot(tracker.get_slot("screening_result"))
        if level is None:
            return END_STRETCH_SESSION
        flag_holds().hold(tracker.sender_id, level)
        if current is not None and current > level:
            return END_STRETCH_SESSION
        return [SlotSet("screening_result", level.slot_value), *END_STRETCH_SESSION]


FRAGILE_BONES = "fragile_bones"


def _fragile_bones_told(tracker: Tracker) -> bool:
    """Whether the user said in this session that their bones are fragile (osteoporosis, long-term
    steroids, an age when bones break easily)."""
    return any(
        finding.sign.key == FRAGILE_BONES and not finding.negated
        for event in current_session_events(tracker.events)
        if event.get("event") == "user" and event.get("text")
        for finding in find_signs(event["text"])
    )


def _level_of_signs(keys: list[str]) -> Level | None:
    """The most serious level of the signs the NLU detector listed by key."""
    levels = [SIGNS_BY_KEY[key].level for key in keys if key in SIGNS_BY_KEY]
    return max(levels, default=None)


# Words of how the body feels: with any of them, a message during a stretch is a symptom to screen.
_MENTIONS_SYMPTOM = re.compile(
    r"\b(?:pain\w*|hurt\w*|ach\w*|sore\w*|stiff\w*|numb\w*|tingl\w*|pins|needles|burn\w*|sharp|shoot\w*|"
    r"zing\w*|buzz\w*|electric\w*|jolt\w*|stab\w*|prickl\w*|weak\w*|worse|spasm\w*|twing\w*|pull\w*|strain\w*|"
    r"click\w*|pop\w*|swell\w*|swollen|throb\w*|cramp\w*|agony|ouch|ow+|cannot|can not|spread\w*|radiat\w*|"
    r"sciatic\w*|different|dead|heavy|give way|gave way|giving way|buckl\w*|wobbl\w*|drag\w*|collaps\w*|fell|"
    r"fall\w*|dizzy|faint\w*|sick|unwell|funny|weird|odd|strange|not right|tight\w*|tender|lock\w*|bleed\w*|"
    r"blood|pee\w*|wee|wet|leak\w*|cold|asleep|uncomfortab\w*|feel\w*|felt)\b|&"
)
# What someone doing the stretch says of it: where a foot or knee is, what they are leaning on.
_DOING_THE_STRETCH = re.compile(
    r"\b(?:foot|feet|leg|heel|knee|knees|hips?|hands?|arms?|towel|strap|belt|bench|chair|step|stool|cushion|mat|"
    r"floor|bed|sofa|wall)\b|\b(?:kneel\w*|lying|lie down|standing|stand|sitting|in position|holding|hold\w*|"
    r"there now|got it|ready|leaning|lean\w*)\b"
)


def _says_what_they_are_doing(text: str) -> bool:
    """"foot on the bench now", "ok kneeling": a report of the stretch, with no symptom in it."""
    normalised = normalise(text)
    return bool(
        _DOING_THE_STRETCH.search(normalised)
        and not _MENTIONS_SYMPTOM.search(normalised)
        and not any(not finding.negated for finding in find_signs(text))
    )


STRETCH_SESSION = "action_stretch_session"


class ActionRecheckScreen(Action):
    """A new or changed symptom: a clear screen no longer holds, so it will run again."""

    def name(self) -> str:
        return "action_recheck_screen"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        return self.recheck(dispatcher, tracker)

    def recheck(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        """What a new symptom means now: a referral, a note before a screen, or a reset screen."""
        gate = screening_gate(tracker)
        if gate.status is Status.FLAGGED:
            refuse(dispatcher, gate)
            return [SlotSet(RESCREEN_DUE, False), *END_STRETCH_SESSION]
        if tracker.get_slot("screening_result") is None:
            if asks_what_to_do(tracker.latest_message.get("text") or ""):
                # "my waist dey pain me, show me exercise": asked for help, so the screen starts now.
                dispatcher.utter_message(response="utter_screening_intro")
                return [SlotSet(RESCREEN_DUE, True)]
            dispatcher.utter_message(response="utter_symptom_noted")
            return [SlotSet(RESCREEN_DUE, False)]
        if tracker.get_slot("stretch_exercise") and _says_what_they_are_doing(
            tracker.latest_message.get("text") or ""
        ):
            # "foot on the bench now", "ok kneeling": the user says what they are doing, not how
            # they feel, so the stretch goes on to its next step.
            return [SlotSet(RESCREEN_DUE, False), FollowupAction(STRETCH_SESSION)]
        # The rules start the screen again at once (data/rules/screening.yml).
        dispatcher.utter_message(response="utter_screen_reset")
        resets: list[dict[str, Any]] = [SlotSet(slot, None) for slot in (*SCREENING_SLOTS, UNCLEAR_ANSWERS)]
        return resets + [SlotSet("screening_result", None), SlotSet(RESCREEN_DUE, True), *END_STRETCH_SESSION]
