"""Questions about medicines: the article has none, so they go to a pharmacist or doctor.

A message that names a medicine (or doses, prescriptions, tablets) and would otherwise be answered
from the article or declined gets the medication reply instead, never an article quote
(safety/SOURCES.md, "Crisis": a highest-dose question asked in distress is a crisis instead).
"""

from __future__ import annotations

import re

from safety.text import normalise

# The intent that carries a medicine question through the dialogue.
MEDICATION_INTENT = "ask_medication"

# Medicines people take by mouth, by name and by form: a question about them is a medication
# question, and taking too many of them is an overdose (safety/crisis.py).
MEDICINE_NAMES = (
    r"(?:pills?|tablets?|capsules?|meds|medications?|medicines?|prescriptions?|pain ?killers?|"
    r"paracetamol|acetaminophen|tylenol|panadol|ibuprofen|ibuprofin|ibuprophen|advil|nurofen|motrin|"
    r"naproxen|naprosyn|aleve|aspirin|diclofenac|meloxicam|celecoxib|nsaids?|anti-inflammator\w*|"
    r"co-codamol|cocodamol|co-dydramol|\w*codeine|tramadol|oxycodone|oxycontin|oxys?|morphine|opioids?|"
    r"opiates?|fentanyl|gabapentin|pregabalin|lyrica|amitriptyline|duloxetine|diazepam|valium|"
    r"muscle relaxants?|cyclobenzaprine|methocarbamol|baclofen|warfarin|blood thinners?|dipirona|"
    r"dipyrone|metamizole|sleeping pills|antidepressants?|sertraline|citalopram|mirtazapine|zopiclone|"
    r"benzos?|xanax|insulin)"
)
_MEDICINE = re.compile(
    rf"\b(?:{MEDICINE_NAMES}|prescribed|dosage|doses?|\d+ ?mg|milligrams?|steroid (?:injection|shot)s?|"
    r"cortisone|epidural|cbd oil|deep heat|voltaren|voltarol)\b"
)
# Words of a request to exercise: a medicine named beside them leaves the request a request.
_EXERCISE = re.compile(r"\b(?:stretch\w*|exercis\w*|test|plank|yoga|moves?|workout|routine)\b"
)


# "I don't want tablets, I want something I can do": a medicine turned down is no medicine question.
_TURNED_DOWN = re.compile(
    r"\b(?:do not want|did not want|not want|rather not have|instead of|without|rather than|no more|not after|off the)"
    r"(?: any| more| the| to rely on| relying on)? $"
)


def mentions_medicine(text: str) -> bool:
    """Whether ``text`` names a medicine, a dose or a prescription, other than one turned down."""
    normalised = normalise(text)
    return any(not _TURNED_DOWN.search(normalised[: match.start()]) for match in _MEDICINE.finditer(normalised))


def mentions_exercise(text: str) -> bool:
    """Whether ``text`` names a stretch, an exercise or the test."""
    return bool(_EXERCISE.search(normalise(text)))
