"""Normalise free text for sign matching: contractions, common misspellings, clauses, negation."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Misspellings seen in symptom descriptions, mapped to the word the sign patterns expect.
MISSPELLINGS: dict[str, str] = {
    "bladdr": "bladder",
    "blader": "bladder",
    "bladda": "bladder",
    "bowl": "bowel",
    "bowles": "bowels",
    "bowels": "bowels",
    "numbnes": "numbness",
    "numbess": "numbness",
    "numness": "numbness",
    "numnbess": "numbness",
    "nummness": "numbness",
    "numm": "numb",
    "tinglin": "tingling",
    "tinglng": "tingling",
    "tingeling": "tingling",
    "tingleing": "tingling",
    "fevr": "fever",
    "feaver": "fever",
    "fver": "fever",
    "feever": "fever",
    "temprature": "temperature",
    "temperture": "temperature",
    "cancr": "cancer",
    "canser": "cancer",
    "cancor": "cancer",
    "tumor": "tumour",
    "incontinant": "incontinent",
    "incontinance": "incontinence",
    "genitles": "genitals",
    "genitels": "genitals",
    "buttox": "buttocks",
    "buttocs": "buttocks",
    "accidnet": "accident",
    "acident": "accident",
    "steriods": "steroids",
    "steroid": "steroids",
    "osteoperosis": "osteoporosis",
    "osteoporsis": "osteoporosis",
    "lgs": "legs",
    "weaknes": "weakness",
    "weekness": "weakness",
    "weeknes": "weakness",
    "tinglingg": "tingling",
    "legz": "legs",
    "urinne": "urine",
    "urin": "urine",
    "peee": "pee",
}

NEGATION_CUES = frozenset(
    {"no", "not", "never", "without", "none", "nope", "nothing", "neither", "nor", "denies"}
)
# Another person's history is not the user's sign ("my mum had cancer").
OTHER_PERSON_CUES = frozenset(
    """mum mom mother dad father sister brother friend wife husband grandma grandad grandpa grandmother
    grandfather nan nana gran granny nanny aunt auntie uncle partner boyfriend girlfriend son daughter
    cousin colleague neighbour neighbor family relative""".split()
)
NEGATION_WINDOW = 4
LOOK_BACK_CHARS = 200
# "and" ends a clause except inside fixed phrases such as "pins and needles" or "left and right".
_CLAUSE_BREAK = re.compile(
    r"(?:[;!?,:\n]|\.(?!\d))+|\b(?:but|so|because|although|though|however|yet|whereas)\b"
    r"|(?<!\bpins )(?<!\bleft )(?<!\bhot )\band\b(?! needles)"
)
_CONTRACTIONS = (
    (re.compile(r"\b(can ?not|can'?t|cant)\b"), "cannot"),
    (re.compile(r"\bwon'?t\b"), "will not"),
    (
        re.compile(r"\b(do|does|did|is|was|are|were|have|has|had|could|would|should|need|must)n'?t\b"),
        r"\1 not",
    ),
    (re.compile(r"\bi'?m\b"), "i am"),
    (re.compile(r"\b(\w+)'s\b"), r"\1 is"),
    (re.compile(r"\b(\w+)'ve\b"), r"\1 have"),
)


def _correct(word: str) -> str:
    return MISSPELLINGS.get(word, word)


def normalise(text: str) -> str:
    """Lower-case, straight apostrophes, expanded contractions and corrected misspellings."""
    text = text.lower().replace("’", "'").replace("‘", "'")
    for pattern, replacement in _CONTRACTIONS:
        text = pattern.sub(replacement, text)
    words = re.findall(r"[a-z0-9]+(?:[-.][a-z0-9]+)*|[^a-z0-9\s]", text)
    return " ".join(_correct(word) for word in words)


@dataclass(frozen=True)
class Clause:
    text: str
    start: int


def clauses(normalised: str) -> list[Clause]:
    """Split at punctuation and conjunctions: a denial in one clause does not cover the next."""
    result: list[Clause] = []
    position = 0
    for match in _CLAUSE_BREAK.finditer(normalised):
        if match.start() > position:
            result.append(Clause(normalised[position : match.start()], position))
        position = match.end()
    if position < len(normalised):
        result.append(Clause(normalised[position:], position))
    return [c for c in result if c.text.strip()]


def qualifiers(clause: Clause, match_start: int) -> tuple[bool, bool]:
    """Whether the words just before a match (in its clause) deny it, or put it on someone else."""
    # The clause is read up to the match once per match: a bounded look-back keeps a long message
    # (a too-long one is scanned for safety) linear in its length.
    end = match_start - clause.start
    before = clause.text[max(0, end - LOOK_BACK_CHARS) : end].split()
    window = before[-NEGATION_WINDOW:]
    negated = any(word in NEGATION_CUES for word in window)
    about_someone_else = any(word in OTHER_PERSON_CUES for word in before)
    return negated, about_someone_else
