"""The screening questions, how free-text answers fill them, and the outcome they lead to."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from safety.detector import find_signs, red_flags
from safety.levels import Level
from safety.signs import WORSENING
from safety.text import normalise

INJURY = "screen_injury"
INJURY_MAJOR = "screen_injury_major"
LEG_SYMPTOMS = "screen_leg_symptoms"
LEG_SIDES = "screen_leg_sides"
WEAKNESS = "screen_weakness"
CAUDA_EQUINA = "screen_cauda_equina"
SYSTEMIC = "screen_systemic"
SCREENING_SLOTS = (INJURY, INJURY_MAJOR, LEG_SYMPTOMS, LEG_SIDES, WEAKNESS, CAUDA_EQUINA, SYSTEMIC)


# Intents that interrupt the screen rather than answer it (rules handle them, never the form);
# the follow-ups ("go on", "why?", "the other one") are not among them: mid-screen they are answers.
# A practitioner-level sign mid-screen ("yes, down my left leg") is an answer: the screen goes on,
# so that the bladder and bowel question is still asked.
_INTERRUPTIONS = frozenset(
    {
        "red_flag_emergency", "red_flag_urgent", "crisis", "crisis_check", "stop", "request_data_deletion",
        "other_language",
    }  # fmt: skip
)
_FOLLOW_UPS = frozenset({"ask_more", "ask_why", "ask_other"})


def is_interruption(intent: str | None) -> bool:
    return intent in _INTERRUPTIONS or (
        bool(intent) and intent.startswith("ask_") and intent not in _FOLLOW_UPS
    )


_YES = re.compile(
    r"^(?:yes|yeah|yep|yup|ya|yah|ye|yea|yeh|yess+|aye|sure|correct|i do|i have|i did|sometimes|a bit|a little|kind of|sort of|kinda|sorta|afraid so|unfortunately)\b"
    r"|^y\s*[.!]*\s*$"  # a lone "y", as typed in a hurry ("y?" may be "why?")
    # The same in the languages users fall back on: Spanish, Italian, French, German, Dutch, Hindi.
    r"|^(?:s ?[ií]|oui|ja|haan)\b"
)
_NO = re.compile(
    r"^(?:no|nope|nah|naw|nup|nay|nae|never|not really|none|nothing|neither|i do not think so|not that i know|definitely not|noo+|nop+e+)\b"
    r"|^n\W*$"  # a lone "n"
    # Spanish, French ("non", not "non-stop"), German, Polish, Dutch, Hindi, Swahili.
    r"|^(?:nada|ninguno|ninguna|non(?![-\w])|nein|nie|nee|nahi|nahin|hapana)\b"
)
# "bladder's fine", "all normal down there": a denial that does not start with "no".
_ALL_FINE = re.compile(
    r"\b(?:is|are|all|feels?|seems?) (?:fine|ok|okay|normal|good)\b|\bno (?:problems?|issues?|trouble|changes?)\b"
    # "broke my wrist years ago but nothing with my back, nothing recent".
    r"|\bnothing (?:recent|lately|since|like that|with (?:my |the )?back|to do with (?:my |the )?back)\b|\bnot recent(?:ly)?\b"
    r"|\bnone of (?:that|those|them|these)\b"
)
_BOTH = re.compile(r"\b(?:both|two|each|all)\b")
_ONE = re.compile(r"\b(?:one|left|right|single|only)\b")


def outcome(answers: Mapping[str, Any]) -> Level:
    """The level of care the answers so far point to (answers may be incomplete)."""
    if (
        answers.get(CAUDA_EQUINA) is True
        or answers.get(LEG_SIDES) == "both"
        or answers.get(INJURY_MAJOR) is True
    ):
        return Level.EMERGENCY
    if answers.get(SYSTEMIC) is True:
        return Level.URGENT
    if any(answers.get(slot) is True for slot in (INJURY, LEG_SYMPTOMS, WEAKNESS)):
        return Level.PRACTITIONER
    return Level.CLEAR


def required_questions(answers: Mapping[str, Any]) -> list[str]:
    """The questions to ask, in order; none more once an answer means an emergency."""
    if outcome(answers) == Level.EMERGENCY:
        return []
    questions = [INJURY]
    if answers.get(INJURY) is True:
        questions.append(INJURY_MAJOR)
    questions.append(LEG_SYMPTOMS)
    if answers.get(LEG_SYMPTOMS) is True:
        questions.append(LEG_SIDES)
    return questions + [WEAKNESS, CAUDA_EQUINA, SYSTEMIC]


def is_complete(answers: Mapping[str, Any]) -> bool:
    return all(answers.get(question) is not None for question in required_questions(answers))


# "ok", "go on": the person is ready for the question, not answering it (the classifier reads them
# as a yes to whatever was offered).
_ACKNOWLEDGEMENT = re.compile(
    r"^(?:(?:ok|okay|okey|yes|yeah|yep|sure|right|alright) )?"
    r"(?:ok|okay|okey|k|kk|alright|all right|right|fine|go on|go ahead|carry on|continue|ready|"
    r"(?:let us|lets|let is) (?:do it|do this|go|start|begin|get started)|go for it|fire away|ask away|"
    r"i am ready|ready when you are|sounds good)"
    r"(?: (?:then|go on|go ahead|ready|sure|cool|thanks|please))?\W*$"
)


# Words said before the answer itself: "actually yeah", "well no", "oh yes".
_LEADING_FILLER = re.compile(
    r"^(?:(?:actually|well|um+|erm+|er|uh+|uhm+|oh|ah|hmm+|so|ok|okay|honestly|to be honest)\W+)+"
)


def _yes_no(text: str, intent: str | None) -> bool | None:
    words = normalise(text).strip()
    if _ACKNOWLEDGEMENT.match(words):
        return None
    # The words say it before the classifier does: "uh no" is a no whatever intent it was given.
    normalised = _LEADING_FILLER.sub("", words)
    if _NO.match(normalised) or _ALL_FINE.search(normalised):
        return False
    if _YES.match(normalised):
        return True
    if intent == "affirm":
        return True
    if intent == "deny":
        return False
    return None


def _sides(text: str) -> str | None:
    normalised = normalise(text)
    if _BOTH.search(normalised):
        return "both"
    if _ONE.search(normalised):
        return "one"
    return None


def _answers_first(text: str, intent: str | None, requested: str | None) -> bool:
    """A question that opens with a plain yes or no ("no I walk the dog every day") answers the
    current question, whatever the classifier called it; safety interruptions never do."""
    if intent in _INTERRUPTIONS or not requested or requested == LEG_SIDES or text.startswith("/"):
        return False
    return _yes_no(text, None) is not None


_WORSENING = re.compile(rf"\b{WORSENING}\b")


def worsening_weakness(text: str, requested: str | None, answers: Mapping[str, Any]) -> bool:
    """A yes to the weakness question that says it is getting worse ("yes, and it's worse every
    day"): progressive weakness, which needs urgent care rather than a practitioner."""
    if requested != WEAKNESS or answers.get(WEAKNESS) is not True or text.startswith("/"):
        return False
    return bool(_WORSENING.search(normalise(text)))


def button_answer(intent: str | None, requested: str | None, leg_sides: str | None) -> dict[str, Any]:
    """The answer a screening button gives to the question it belongs to."""
    if requested == LEG_SIDES:
        return {LEG_SIDES: leg_sides} if leg_sides in ("one", "both") else {}
    yes_no = _yes_no("", intent) if requested else None
    return {requested: yes_no} if yes_no is not None else {}


def interpret(text: str, intent: str | None, requested: str | None) -> dict[str, Any]:
    """Answers found in one message: the requested one (yes/no, one/both) and any others it states.

    Whatever else the classifier called the message ("nah mate" as out of scope, "none of those"
    as "the other one"), its words are read as an answer; only interruptions (a red flag, a
    crisis, "stop", an education question) are not, and a payload's text is never read as words.
    """
    if is_interruption(intent) and not _answers_first(text, intent, requested):
        return {}
    if text.startswith("/"):
        return button_answer(intent, requested, None)
    answers: dict[str, Any] = {}
    for finding in find_signs(text):
        for slot, value in (finding.sign.denied_answers if finding.negated else finding.sign.answers).items():
            answers[slot] = merge_value(answers.get(slot), value)
    # A sign the safety net reads from meaning ("my foot sorta slaps the pavement") answers its question too.
    for finding in red_flags(text, semantic=True):
        for slot, value in finding.sign.answers.items():
            answers[slot] = merge_value(answers.get(slot), value)
    sides = _sides(text)
    if sides and (requested == LEG_SIDES or answers.get(LEG_SYMPTOMS) is True):
        answers[LEG_SIDES] = merge_value(answers.get(LEG_SIDES), sides)
    if requested and requested != LEG_SIDES and requested not in answers:
        yes_no = _yes_no(text, intent)
        if yes_no is not None:
            answers[requested] = yes_no
    return answers


def merge_value(current: Any, new: Any) -> Any:
    """Keep the more serious of two answers: a "yes" is never undone by a later "no"."""
    if current is None:
        return new
    if current is True or new is True:
        return True
    if "both" in (current, new):
        return "both"
    return current


def merge(current: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, Any]:
    """The slot changes that ``new`` answers make to ``current`` ones."""
    changes = {}
    for slot, value in new.items():
        merged = merge_value(current.get(slot), value)
        if merged != current.get(slot):
            changes[slot] = merged
    return changes
