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
