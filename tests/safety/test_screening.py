from __future__ import annotations

import itertools

import pytest

from safety.levels import Level
from safety.screening import (
    CAUDA_EQUINA,
    INJURY,
    INJURY_MAJOR,
    LEG_SIDES,
    LEG_SYMPTOMS,
    SYSTEMIC,
    WEAKNESS,
    interpret,
    is_complete,
    merge,
    outcome,
    required_questions,
)


def test_questions_follow_up_only_on_yes() -> None:
    assert required_questions({}) == [INJURY, LEG_SYMPTOMS, WEAKNESS, CAUDA_EQUINA, SYSTEMIC]
    assert required_questions({INJURY: True, LEG_SYMPTOMS: True}) == [
        INJURY,
        INJURY_MAJOR,
        LEG_SYMPTOMS,
        LEG_SIDES,
        WEAKNESS,
        CAUDA_EQUINA,
        SYSTEMIC,
    ]


def test_cauda_equina_is_asked_of_everyone_who_is_not_already_an_emergency() -> None:
    for injury, legs, weakness in itertools.product((True, False), repeat=3):
        answers = {
            INJURY: injury,
            INJURY_MAJOR: False,
            LEG_SYMPTOMS: legs,
            LEG_SIDES: "one",
            WEAKNESS: weakness,
        }
        assert CAUDA_EQUINA in required_questions(answers)


def test_an_emergency_answer_means_no_more_questions() -> None:
    assert required_questions({LEG_SIDES: "both"}) == []
    assert is_complete({CAUDA_EQUINA: True})


@pytest.mark.parametrize(
    ("answers", "level"),
    [
        ({}, Level.CLEAR),
        ({INJURY: True}, Level.PRACTITIONER),
        ({SYSTEMIC: True, WEAKNESS: True}, Level.URGENT),
        ({SYSTEMIC: True, CAUDA_EQUINA: True}, Level.EMERGENCY),
        ({INJURY_MAJOR: True}, Level.EMERGENCY),
    ],
)
def test_the_most_serious_answer_decides(answers: dict, level: Level) -> None:
    assert outcome(answers) == level


def test_merge_keeps_the_more_serious_answer() -> None:
    assert merge({INJURY: True}, {INJURY: False}) == {}
    assert merge({INJURY: False}, {INJURY: True}) == {INJURY: True}
    assert merge({LEG_SIDES: "both"}, {LEG_SIDES: "one"}) == {}
    assert merge({}, {WEAKNESS: False}) == {WEAKNESS: False}


def test_a_plain_yes_or_no_first_answers_the_question_whatever_the_classifier_said() -> None:
    assert interpret("nope, I cycle to work daily", "ask_how_often", WEAKNESS) == {WEAKNESS: False}
    assert interpret("yes, how common is that?", "ask_prevalence", SYSTEMIC) == {SYSTEMIC: True}
    assert interpret("how common is back pain?", "ask_prevalence", SYSTEMIC) == {}


def test_safety_interruptions_are_never_answers() -> None:
    assert interpret("no, i want to end it all", "crisis", WEAKNESS) == {}
    assert interpret("no. stop", "stop", WEAKNESS) == {}


@pytest.mark.parametrize(
    "text", ["ok", "okay go on", "k", "alright then", "go ahead", "ok let's do it", "fire away"]
)
def test_an_acknowledgement_is_not_a_yes_to_the_question(text: str) -> None:
    """The classifier reads "ok" as a yes to what was offered; to a screening question it only
    means "ask away", so the question is asked again rather than answered."""
    assert interpret(text, "affirm", CAUDA_EQUINA) == {}
    assert interpret("yes", "affirm", CAUDA_EQUINA) == {CAUDA_EQUINA: True}
    assert interpret("/affirm", "affirm", CAUDA_EQUINA) == {CAUDA_EQUINA: True}


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("actually yes, since last night", True),
        ("well no, not that", False),
        ("oh yeah a bit", True),
        ("ok no", False),
        ("nup", False),
        ("ye, it catches sometimes", True),
    ],
)
def test_a_yes_or_no_after_a_filler_word_answers_the_question(text: str, answer: bool) -> None:
    assert interpret(text, "inform_symptoms", CAUDA_EQUINA) == {CAUDA_EQUINA: answer}


@pytest.mark.parametrize(
    "text",
    ["uh no", "neither", "nopee", "no, neither of those", "n", "N.", "nada de eso", "non merci", "nein"],
)
def test_a_plain_no_in_the_words_wins_over_the_classifier(text: str) -> None:
    assert interpret(text, "affirm", CAUDA_EQUINA) == {CAUDA_EQUINA: False}


@pytest.mark.parametrize(
    ("text", "answer"), [("y", True), ("Y!", True), ("y?", None), ("n", False), ("nb", None)]
)
def test_a_single_letter_answers_when_it_is_the_whole_reply(text: str, answer: bool | None) -> None:
    expected = {} if answer is None else {CAUDA_EQUINA: answer}
    assert interpret(text, "nlu_fallback", CAUDA_EQUINA) == expected


@pytest.mark.parametrize(("text", "answer"), [("sí, a veces", True), ("oui un peu", True), ("ja", True)])
def test_a_yes_in_another_language_answers(text: str, answer: bool) -> None:
    assert interpret(text, "nlu_fallback", CAUDA_EQUINA) == {CAUDA_EQUINA: answer}


def test_non_stop_is_not_a_french_no() -> None:
    assert interpret("non-stop tingling down there", "nlu_fallback", CAUDA_EQUINA) != {CAUDA_EQUINA: False}
