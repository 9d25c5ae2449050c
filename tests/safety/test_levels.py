"""The safety contract: each level's intent and response, the rules that join them, and the
screen's outcome against an independent truth table."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from safety.levels import Level
from safety.screening import (
    CAUDA_EQUINA,
    INJURY,
    INJURY_MAJOR,
    LEG_SIDES,
    LEG_SYMPTOMS,
    SYSTEMIC,
    WEAKNESS,
    outcome,
)
from tests.safety.truth_table import ALL_ANSWERS, expected_level

ROOT = Path(__file__).resolve().parents[2]
ESCALATIONS = [level for level in Level if level != Level.CLEAR]


def _rules() -> list[dict[str, Any]]:
    return [
        rule
        for path in (ROOT / "data" / "rules").glob("*.yml")
        for rule in yaml.safe_load(path.read_text())["rules"]
    ]


def _in_the_screen(rule: dict[str, Any]) -> bool:
    return {"active_loop": "screening_form"} in (rule.get("condition") or [])


@pytest.mark.parametrize("level", ESCALATIONS)
def test_every_red_flag_intent_outside_the_screen_gets_its_levels_response(level: Level) -> None:
    rules = [rule for rule in _rules() if {"intent": level.red_flag_intent} in rule["steps"]]
    outside = [rule for rule in rules if not _in_the_screen(rule)]
    assert outside, f"no rule answers {level.red_flag_intent}"
    for rule in rules:
        steps = rule["steps"]
        after = steps[steps.index({"intent": level.red_flag_intent}) + 1]
        # Mid-screen, a practitioner-level sign is an answer: the bladder question must still come.
        if level == Level.PRACTITIONER and _in_the_screen(rule):
            assert after == {"action": "screening_form"}, rule["rule"]
        else:
            assert after == {"action": level.referral_response}, rule["rule"]


@pytest.mark.parametrize("level", ESCALATIONS)
def test_intents_and_responses_exist_in_the_domain(level: Level) -> None:
    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    assert level.red_flag_intent in domain["intents"]
    assert level.referral_response in domain["responses"]
    assert Level.from_red_flag_intent(level.red_flag_intent) == level


def test_clear_has_no_intent_or_referral() -> None:
    assert Level.CLEAR.red_flag_intent is None and Level.CLEAR.referral_response is None
    assert Level.from_red_flag_intent("affirm") is None


@pytest.mark.parametrize("answers", ALL_ANSWERS, ids=str)
def test_the_screens_outcome_matches_the_truth_table(answers: dict[str, Any]) -> None:
    slots = {
        INJURY: answers["injury"] is not None,
        INJURY_MAJOR: answers["injury"] == "major",
        LEG_SYMPTOMS: answers["legs"] is not None,
        LEG_SIDES: answers["legs"],
        WEAKNESS: answers["weakness"],
        CAUDA_EQUINA: answers["cauda"],
        SYSTEMIC: answers["systemic"],
    }
    assert outcome(slots) == expected_level(answers)
