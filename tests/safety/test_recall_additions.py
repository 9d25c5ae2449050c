"""Everyday wordings added to the crisis and red-flag patterns, with the look-alikes they must leave alone."""

from __future__ import annotations

import pytest

from safety.crisis import CrisisKind, find_crisis
from safety.detector import find_signs, respell


def _kinds(text: str) -> set[CrisisKind]:
    return {finding.kind for finding in find_crisis(text)}


def _signs(text: str) -> set[str]:
    return {finding.sign.key for finding in find_signs(text) if not finding.negated}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("I cant do this anymore", CrisisKind.SUICIDAL),
        ("cnt do this no more", CrisisKind.SUICIDAL),
        ("can't face another day like this", CrisisKind.SUICIDAL),
        ("no hope left", CrisisKind.SUICIDAL),
        ("i dont think i can keep fighting", CrisisKind.SUICIDAL),
        ("struggling to see any reason to carry on", CrisisKind.SUICIDAL),
        ("i wont be here for xmas so it doesnt matter", CrisisKind.SUICIDAL),
        ("got the rope ready in the garage", CrisisKind.SUICIDAL),
        ("sometimes I wish I'd never woken up from the surgery", CrisisKind.SUICIDAL),
        ("cannae dae this nae mair, want tae end it", CrisisKind.SUICIDAL),
        ("cutting myself makes the back pain feel less", CrisisKind.SELF_HARM),
        ("i slashed my wrists a bit, not deep", CrisisKind.SELF_HARM),
        ("i've been hurting my arms again", CrisisKind.SELF_HARM),
        ("I deliberately put my hand on the hob", CrisisKind.SELF_HARM),
        ("i stab my leg with a compass when it gets too much", CrisisKind.SELF_HARM),
        ("if the pain doesn't stop I'll take the whole box", CrisisKind.OVERDOSE),
        ("would 50 co-codamol do it", CrisisKind.OVERDOSE),
        ("what amount of amitriptyline is fatal", CrisisKind.OVERDOSE),
        ("what's the max dose of paracetamol before it kills you", CrisisKind.OVERDOSE),
        ("downed a bottle of vodka and my diazepam", CrisisKind.OVERDOSE),
        ("thinking about taking the whole lot at once", CrisisKind.OVERDOSE),
    ],
)
def test_everyday_crisis_wordings_are_read(text: str, kind: CrisisKind) -> None:
    assert kind in _kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "I can't do this stretch anymore, it hurts my knee",
        "thinking of jumping back into running",
        "thinking of jumping in the pool for some swimming, is that ok",
        "i wont be around for christmas, visiting family",
        "I won't be here for long, going on holiday tomorrow",
        "I'm cutting myself some slack this week",
        "should I take the whole packet of antibiotics",
        "i cut back on running",
        "never had any thoughts of ending my life, just want advice",
        "no thoughts of suicide, just tired of the pain",
        "I'm not saying I want to die, I want to sit through a film without pain",
        "I used to self harm as a teenager but I've been fine for 20 years",
        "I can't face going to work today with this back",
        "I bought a skipping rope for cardio",
    ],
)
def test_crisis_look_alikes_are_left_alone(text: str) -> None:
    assert not find_crisis(text)


def test_a_past_crisis_that_is_back_is_read() -> None:
    assert CrisisKind.SELF_HARM in _kinds("I used to self harm and I've started again")


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("I didn't even feel myself pee", "bladder_bowel"),
        ("my urine is passing on its own without my knowledge", "bladder_bowel"),
        ("weeing myself without warning", "bladder_bowel"),
        ("when I wipe it feels different, like it's not my skin", "saddle_numbness"),
        ("my bum cheeks feel like they belong to someone else", "saddle_numbness"),
        ("cant cum anymore since the back pain", "sexual_dysfunction"),
        ("since my back pain I am not able to perform with my wife", "sexual_dysfunction"),
        ("my bits aren't working since I hurt my back", "sexual_dysfunction"),
        ("numb from the waist down", "both_legs"),
        ("mate I stacked my ute into a tree on the weekend", "major_injury"),
        ("fell through the floorboards into the basement", "major_injury"),
        ("got kicked in the back by a horse", "major_injury"),
        ("jumped off a wall about 2 metres and landed badly", "major_injury"),
        ("constant pain, even at rest", "night_pain"),
        ("I've been sleeping sitting up because lying flat hurts", "night_pain"),
        ("no position eases it", "night_pain"),
        ("leg strength is fading fast", "worsening_weakness"),
        ("leg has gone from weak to nearly useless since the weekend", "worsening_weakness"),
        ("weakness in my ankle, can't walk on heels", "leg_weakness"),
        ("my leg doesn't feel strong enough to hold me", "leg_weakness"),
        ("pins n needles down me leg", "one_leg"),
        ("leaning forward I get a lightning bolt feeling into my lower leg", "calf_zing"),
        ("I'm 82 and I sat down too hard on the chair", "minor_injury"),
    ],
)
def test_everyday_sign_wordings_are_read(text: str, sign: str) -> None:
    assert sign in _signs(text)


@pytest.mark.parametrize(
    "text",
    [
        "pain in my lower back on the right side, doesn't go anywhere",
        "I'm on pins and needles waiting for my physio appointment",
        "I haven't had any accident or injury",
        "my legs ache a bit after a long day on my feet",
        "I had a fever last month but it's gone and my back is just stiff now",
        "I nearly wet myself laughing",
        "I sat down on the sofa and my back was stiff",
    ],
)
def test_sign_look_alikes_are_left_alone(text: str) -> None:
    assert not _signs(text) - {"fragile_bones"}


def test_chat_spellings_are_read_in_full() -> None:
    assert respell("pins n needles down me leg") == "pins and needles down my leg"
    assert respell("me and my wife") == "me and my wife"
