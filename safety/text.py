"""Normalise free text for sign matching: contractions, common misspellings, clauses, negation."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from re import Match, Pattern

# Patterns and what their matches become, applied in order.
Replacements = Sequence[tuple[Pattern[str], str | Callable[[Match[str]], str]]]

# Misspellings seen in symptom descriptions, mapped to the word the sign patterns expect.
MISSPELLINGS: dict[str, str] = {
    "strech": "stretch",
    "streches": "stretches",
    "stetch": "stretch",
    "strecth": "stretch",
    "stretchs": "stretches",
    "streching": "stretching",
    "hamstrng": "hamstring",
    "hamstirng": "hamstring",
    "hamsting": "hamstring",
    "hamstrings": "hamstrings",
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
    "nothin": "nothing",
    "somethin": "something",
    "erektion": "erection",
    "errection": "erection",
    "sciatic": "sciatica",
    "siatica": "sciatica",
    "sciatia": "sciatica",
    "incontinet": "incontinent",
    "osteoprosis": "osteoporosis",
    "chemotheraphy": "chemotherapy",
    "fealing": "feeling",
    "feelin": "feeling",
    "nite": "night",
    "nites": "nights",
    "wieght": "weight",
}

NEGATION_CUES = frozenset(
    {"no", "not", "never", "without", "none", "nope", "nothing", "neither", "nor", "denies"}
)
# Another person's history is not the user's sign ("my mum had cancer").
OTHER_PERSON_CUES = frozenset(
    """mum mom mother dad father sister brother friend wife husband grandma grandad grandpa grandmother
    grandfather nan nana gran granny nanny aunt auntie aunty aunties aunts uncle uncles partner boyfriend girlfriend son daughter
    cousin colleague neighbour neighbor family relative patient patients client clients flatmate
    roommate housemate buddy pal bestie coworker boss kid kids child children toddler baby
    fiance fiancee spouse hubby missus bf gf stepdad stepmum stepmom stepfather stepmother
    teammate classmate student pupil resident friends colleagues parents parent grandparent
    sibling niece nephew dog dogs cat puppy kitten pet someone somebody da mam mammy mummy daddy granda
    grandda nanna""".split()
)
# A third person as the subject ("he can't feel his legs") speaks of someone else too.
THIRD_PERSON = frozenset({"he", "she", "his", "him", "her", "himself", "herself", "hes", "shes"})
# "mate" is someone else only after a determiner ("my mate fell"): alone it is a form of address
# in UK and Australian English ("mate, I've wet myself").
DETERMINED_OTHERS = frozenset(
    {
        "mate",
        "mates",
        "man",
        "guy",
        "lady",
        "woman",
        "fella",
        "bloke",
        "lad",
        "lads",
        "girl",
        "boy",
        "player",
        "chap",
    }
)
DETERMINERS = frozenset({"my", "a", "the", "his", "her", "our", "your", "their", "this", "that"})
# The writer named as a subject or object: the nearest of these before a sign makes it theirs.
SELF_WORDS = frozenset({"i", "me", "myself", "im", "ive", "id", "ill"})
# "Sat with my partner", "asking for my dad": a person after a preposition is not the subject.
PREPOSITIONS = frozenset({"with", "to", "at", "from", "by", "beside", "near", "behind", "about"})
NEGATION_WINDOW = 4
LOOK_BACK_CHARS = 200
# "and" ends a clause except inside fixed phrases such as "pins and needles" or "left and right".
_CLAUSE_BREAK = re.compile(
    r"(?:[;!?,:\n]|\.(?!\d))+|\b(?:but|so|because|although|though|however|yet|whereas)\b"
    r"|(?<!\bpins )(?<!\bleft )(?<!\bhot )(?<!\bcold )\band\b(?! needles)"
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
    # "I'd had cancer" (had) and "I'd be glad" (would): a past participle after it says which.
    (
        re.compile(
            r"\b((?!sh'|od')\w+)'d(?= (?:been|had|gone|got|done|lost|fallen|seen|felt|hurt|taken|never|already|just|finished)\b)"
        ),
        r"\1 had",
    ),
    # "sh'd" (self-harmed) and "OD'd" are left for the crisis patterns.
    (re.compile(r"\b((?!sh'|od')\w+)'d\b"), r"\1 would"),
    (re.compile(r"\b(\w+)'ll\b"), r"\1 will"),
    (re.compile(r"\b(\w+)'re\b"), r"\1 are"),
)


# Capitals that carry meaning, read before the text is lower-cased ("ED" is not "Ed"), and the
# contractions the sign patterns read in full ("they're wrapped" as "they are wrapped").
_ABBREVIATIONS = (
    (re.compile(r"\bED\b"), "erectile dysfunction"),
    (re.compile(r"\b(\w+)[’']re\b"), r"\1 are"),
    (re.compile(r"\b(\w+)[’']ll\b"), r"\1 will"),
)


def expand_abbreviations(text: str) -> str:
    """``text`` with meaningful capitalised abbreviations and a few contractions spelt out.

    Only the sign detector reads this; ``normalise`` stays as the crisis detector knows it.
    """
    return substitute(text, _ABBREVIATIONS)


def substitute(text: str, replacements: Replacements) -> str:
    """``text`` with each pattern's matches replaced, in order."""
    for pattern, replacement in replacements:
        text = pattern.sub(replacement, text)
    return text


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


@dataclass(frozen=True)
class SignClause:
    """A clause of a message, its sentence, and whether that sentence asks (ends with "?")."""

    text: str
    start: int
    sentence: int
    question: bool


FRAGMENT_WORDS = 3
_SENTENCE_END = re.compile(r"[.!?\n]+(?!\d)")
# Repeated words joined by "and" are one phrase ("weaker and weaker", "more and more").
# "weaker and weaker", and a pair the writer belongs to ("me and my wife", "my husband and i"):
# one clause, not two.
_ONE_CLAUSE_AND = re.compile(r"\b(\w+) and \1\b|\b(?:me|i) and (?:my|the) \w+|\b(?:my|the) \w+ and (?:me|i)\b")


def sign_clauses(normalised: str) -> list[SignClause]:
    """``clauses`` for the sign detector, each with its sentence and whether that sentence asks.

    "weaker and weaker" stays one clause. The crisis detector keeps ``clauses`` as it is.
    """
    protected = _ONE_CLAUSE_AND.sub(lambda m: m.group(0).replace(" and ", " _nd "), normalised)
    ends = [(m.start(), m.end(), "?" in m.group(0)) for m in _SENTENCE_END.finditer(protected)]
    # A fragment of a few words ("both of them." "numb.") belongs with the sentence before it:
    # people type one thought in several short messages' worth of full stops.
    starts = [0] + [end for _, end, _ in ends]
    sentence_of: list[int] = []
    for i, start in enumerate(starts):
        stop = ends[i][0] if i < len(ends) else len(protected)
        short = len(protected[start:stop].split()) <= FRAGMENT_WORDS
        sentence_of.append(sentence_of[-1] if short and sentence_of else i)
    result: list[SignClause] = []
    for clause in clauses(protected):
        index = next((i for i, (end, _, _) in enumerate(ends) if end >= clause.start), len(ends))
        question = index < len(ends) and ends[index][2]
        result.append(
            SignClause(clause.text.replace(" _nd ", " and "), clause.start, sentence_of[index], question)
        )
    return result


_PEOPLE = DETERMINED_OTHERS | OTHER_PERSON_CUES


def speaker(words: list[str], default: str = "self") -> str:
    """Who the words just before a sign speak of, "self" or "other": the nearest person named.

    "my dad has numb legs" is another's; "my girlfriend says I can't feel it" is the writer's.
    """
    i = len(words) - 1
    while i >= 0:
        word, previous = words[i], words[i - 1] if i else ""
        if word in SELF_WORDS:
            return "self"
        # "osteoporosis patient here": the writer's own label; "my patient" is someone else.
        if word == "patient" and previous and previous not in DETERMINERS:
            i -= 1
            continue
        # "sick as a dog", "like a man possessed": a likeness, not a person.
        if word in _PEOPLE and previous in DETERMINERS and i >= 2 and words[i - 2] in {"as", "like"}:
            i -= 2
            continue
        if (
            word in OTHER_PERSON_CUES
            or word in THIRD_PERSON
            or (word in DETERMINED_OTHERS and previous in DETERMINERS)
        ):
            start = i - 1 if previous in DETERMINERS else i
            # "I am a lady of 70", "I'm a mum of three": the writer describing themselves.
            if start > 0 and words[start - 1] in {"am", "im"}:
                return "self"
            # "me and my wife": the writer is one of the subjects.
            if start > 1 and words[start - 1] in {"and", "n"} and words[start - 2] in {"me", "i"}:
                return "self"
            if start > 0 and words[start - 1] in PREPOSITIONS:
                i = start - 2
                continue
            return "other"
        # "a lad on my team": "my" after a preposition names no subject.
        if word == "my" and previous not in PREPOSITIONS | {"on", "in", "of", "for"}:
            return "self"
        i -= 1
    return default


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
