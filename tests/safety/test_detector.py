"""Phrasings the deterministic red-flag detector must read correctly.

Levels and everyday wording come from safety/SOURCES.md (NICE NG59, NHS cauda equina
advice, IFOMPT red-flag framework). The phrasings are written the way people in pain type on a
phone: casual, UK and US words, typos, no full stops. They are not shaped to fit the patterns in
``safety/signs.py``; a failing case is a gap in the detector, not in the table.
"""

from __future__ import annotations

import pytest

from safety.detector import red_flag_level
from safety.levels import Level

MIN_EMERGENCY = 60
MIN_URGENT = 40
MIN_PRACTITIONER = 15
MIN_NOT_FLAGGED = 50
MIN_TOTAL = 160

# --------------------------------------------------------------------------------------------
# 1. EMERGENCY: call 999 / 911 / 112 or go to an emergency department now.
# --------------------------------------------------------------------------------------------
EMERGENCY: list[str] = [
    # Bladder and bowel control
    "can't hold my wee",
    "I wet myself",
    "I can't feel when I need to pee",
    "I can't start peeing",
    "leaking urine since yesterday",
    "lost control of my bowels",
    "i keep wetting myself since my back went",
    "my bladdr isnt working properly",
    "im incontinant since my back went",
    "I peed myself on the way to the bathroom, couldn't stop it",
    "I need to pee but nothing comes out",
    "can't empty my bladder properly",
    "cant tell if ive finished peeing or not",
    "I pooed myself and didn't even notice",
    "no control over my bladder since last night",
    "I've lost control of my bladder",
    "I can't hold my pee anymore",
    "peed my pants at work today and didnt feel it coming",
    "havent had a wee since yesterday morning even though i need one",
    "I've been dribbling wee all day",
    "have to really strain to pee now",
    "wee just comes out when I stand up",
    "I keep having accidents, I can't make it to the loo in time",
    "I had an accident in my pants and couldn't feel it happen",
    "struggling to poo and can't feel when I need to go",
    # Saddle numbness
    "numb down there",
    "I can't feel the toilet paper when I wipe",
    "tingling around my bum",
    "my inner thighs are numb",
    "my bum cheeks feel numb",
    "my butt is numb and tingly",
    "numbnes in my groin",
    "tingleing between my legs",
    "pins and needles in my privates",
    "my private parts feel dead",
    "lost feeling in my genitals",
    "it's numb around my back passage",
    "my bottom feels numb like it's gone to sleep",
    "my willy's gone numb",
    "my vag feels numb",
    "can't feel the seat when I sit on the toilet",
    "my crotch is all tingly",
    # Both legs
    "both legs gone tingly",
    "pain down both legs",
    "my legs feel weak",
    "numbness in both feet",
    "both my legs are numb",
    "my legz are tingling",
    "sciatica in both legs",
    "shooting pain down the back of both legs",
    "my legs keep giving way",
    "my legs feel like jelly",
    "pins and needles in both legs",
    "both thighs are numb",
    "I can't feel my feet",
    "weakness in both my legs",
    "legs feel weak and wobbly",
    "both my feet have gone numb",
    "tingling in my left and right leg",
    "no numbness in my back, but both legs are tingly",
    # Sexual dysfunction
    "things not working downstairs",
    "things aren't working down there",
    "can't get an erection since my back went",
    "can't feel anything during sex since this started",
    # High-energy injury
    "I was in a car crash",
    "fell off a ladder",
    "hit by a car",
    "got rear-ended on the motorway yesterday and now my back is killing me",
    "I fell down the stairs",
    "I fell off the roof",
    "came off my motorbike at 40mph",
    "my car got t-boned last night",
    "was in a car accidnet on tuesday",
    "fell from a height at work",
    "I fell out of a tree",
    "knocked off my bike by a van",
    "I fell about 10 feet off scaffolding",
    "got thrown off my horse",
    "I didn't fall but I've been wetting myself",
]

# --------------------------------------------------------------------------------------------
# 2. URGENT: see a doctor today (urgent GP, urgent care, NHS 111).
# --------------------------------------------------------------------------------------------
URGENT: list[str] = [
    # Fever, chills, very unwell
    "I've got a fever and my back is killing me",
    "I have a fevr and back pain",
    "I've got chills and sweats",
    "I feel really unwell with it",
    "running a temperature since yesterday",
    "I've been shivering and feel awful",
    "I feel so poorly, hot and shivery",
    "temp of 38.5 and my lower back is agony",
    "hot and cold sweats all night",
    "I can't stop shivering",
    # Cancer history
    "I had breast cancer two years ago",
    "finished chemo last year",
    "I'm in remission from prostate cancer",
    "I had radiotherapy for lung cancer",
    "I've had cancer before",
    "history of melanoma",
    "my oncologist said I'm all clear but this back pain is new",
    # Unexplained weight loss
    "lost a stone without trying",
    "I've lost weight without trying",
    "I've dropped 6kg and I'm not dieting",
    "losing weight for no reason",
    "lost 10 pounds in a month without dieting",
    "my clothes are hanging off me and I haven't been trying to lose weight",
    # Weakened immunity, IV drug use
    "I'm on long-term steroids",
    "kidney transplant",
    "I had a kidney transplant 5 years ago",
    "I'm HIV positive",
    "I take immunosuppressants for my crohns",
    "on prednisolone for my asthma",
    "I'm on methotrexate for my arthritis",
    "I inject drugs",
    "I used to inject heroin",
    # Night pain, pain at rest that nothing eases
    "the pain wakes me up at night",
    "nothing eases it",
    "it's worse at night",
    "can't sleep for the pain",
    "it hurts even when I'm lying still",
    "painkillers don't touch it",
    "the pain is there all the time even when I'm resting",
    # Injury with osteoporosis or long-term steroids
    "I slipped and I have osteoporosis",
    "I've got osteoporosis and I tripped on the stairs",
    "I have brittle bones and I fell over yesterday",
    "I'm on long term steroids and fell on the ice",
    # Weakness getting worse
    "my leg is getting weaker",
    "the weakness in my foot is getting worse",
    "my leg's weaker every day",
    # A denial does not cover the next clause
    "no fever but I've lost a stone without trying",
]

# --------------------------------------------------------------------------------------------
# 3. PRACTITIONER: see a health practitioner or physical therapist before the stretches.
# --------------------------------------------------------------------------------------------
PRACTITIONER: list[str] = [
    "my right calf is tingly",
    "I felt a zinging into my calves",
    "tingling down my left leg",
    "i fell off my bike last week",
    "my right foot feels weak",
    "sciatica down my right leg",
    "pins and needles in my left foot",
    "pain shoots down the back of my right thigh",
    "I slipped on the ice yesterday",
    "I tripped over the dog",
    "got tackled at rugby on saturday",
    "felt something pop when I lifted a box",
    "my left leg gave way on the stairs",
    "numb patch on the outside of my left thigh",
    "I fell over playing football",
    "I pulled something at the gym",
]

# --------------------------------------------------------------------------------------------
# 4. NOT flagged: denials, other people, everyday mentions,
#    one-leg symptoms and minor injuries (see a practitioner, not emergency/urgent).
# --------------------------------------------------------------------------------------------
NOT_FLAGGED: list[str] = [
    # Denials and negations
    "no numbness",
    "I didn't fall",
    "bladder's fine",
    "no problems with my bladder or bowels",
    "never had cancer",
    "I don't have a fever",
    "no tingling in my legs",
    "no numbness down there",
    "no issues with the toilet",
    "wee and poo all normal",
    "I can pee fine",
    "haven't lost any weight",
    "no fever or chills",
    "no, nothing like that",
    "no weakness in my legs",
    "nope, no tingling anywhere",
    "I don't take steroids",
    "no history of cancer",
    "I wasn't in an accident, it just started on its own",
    "the pain doesn't wake me up at night",
    "no pins and needles",
    "I can feel everything down there",
    "my legs are fine, it's just my back",
    "I'm not incontinent",
    "not been feeling unwell otherwise",
    "my legs aren't numb",
    "my feet aren't tingling",
    "my bum isn't numb or anything",
    # Someone else's history
    "my mum had cancer",
    "my dad had bowel cancer",
    "my sister's on steroids",
    "my husband was in a car crash last year",
    "my nan had breast cancer",
    "my gran had cancer",
    # Everyday mentions that are not signs
    "can I stretch both legs?",
    "I want to lose weight",
    "I sit on my bum all day",
    "fewer aches than last week",
    "what causes back pain?",
    "my hamstrings are tight",
    "should I stretch both legs at the same time?",
    "how long should I hold each stretch?",
    "do I do the stretch on both sides?",
    "my back aches after sitting at my desk",
    "I'm trying to lose weight to help my back",
    "I've lost weight on purpose, been going to the gym",
    "stiff when I get up in the morning",
    "does sitting on the toilet for ages cause back pain?",
    "can I do the stretches in bed at night?",
    "is walking good for back pain",
    "my back hurts when I bend to tie my shoes",
    "i sit on my butt for 10 hours a day driving",
    "my legs are tight after running",
    "the stretches help, I feel less sore",
    "pain is about a 4 out of 10 today",
    "I took ibuprofen and it helped a bit",
    "got over a cold last week, feel fine now",
    "it hurts when I pick up my kids",
    "I'm a dancer and my back is sore",
    "had to cancel my gym session because of my back",
    "I can't climb a ladder at the moment",
    # One-leg symptoms and minor injuries: see a practitioner, not emergency/urgent
]

TABLES: tuple[tuple[str, list[str], int], ...] = (
    ("EMERGENCY", EMERGENCY, MIN_EMERGENCY),
    ("URGENT", URGENT, MIN_URGENT),
    ("PRACTITIONER", PRACTITIONER, MIN_PRACTITIONER),
    ("NOT_FLAGGED", NOT_FLAGGED, MIN_NOT_FLAGGED),
)


@pytest.mark.parametrize("text", EMERGENCY)
def test_emergency_phrasings(text: str) -> None:
    assert red_flag_level(text) == Level.EMERGENCY


@pytest.mark.parametrize("text", URGENT)
def test_urgent_phrasings(text: str) -> None:
    assert red_flag_level(text) == Level.URGENT


@pytest.mark.parametrize("text", PRACTITIONER)
def test_practitioner_phrasings(text: str) -> None:
    assert red_flag_level(text) == Level.PRACTITIONER


@pytest.mark.parametrize("text", NOT_FLAGGED)
def test_phrasings_that_are_not_red_flags(text: str) -> None:
    assert red_flag_level(text) is None


@pytest.mark.parametrize(("name", "table", "minimum"), TABLES, ids=[t[0] for t in TABLES])
def test_each_table_has_its_minimum_size(name: str, table: list[str], minimum: int) -> None:
    assert len(table) >= minimum, f"{name} has {len(table)} phrasings, needs {minimum}"


def test_total_number_of_phrasings() -> None:
    assert sum(len(table) for _, table, _ in TABLES) >= MIN_TOTAL


def test_no_phrasing_is_repeated_or_in_two_tables() -> None:
    everything = [text.lower() for _, table, _ in TABLES for text in table]
    assert len(everything) == len(set(everything))
