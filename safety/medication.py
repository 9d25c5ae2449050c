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

_MEDICINE = re.compile(
    r"\b(?:pain ?killers?|paracetamol|acetaminophen|tylenol|panadol|ibuprofen|ibuprofin|ibuprophen|advil|"
    r"nurofen|motrin|naproxen|aleve|aspirin|diclofenac|voltaren|voltarol|nsaids?|anti-inflammator\w*|"
    r"co-codamol|cocodamol|co-dydramol|codeine|tramadol|oxycodone|oxycontin|morphine|opioids?|opiates?|"
    r"fentanyl|gabapentin|pregabalin|lyrica|amitriptyline|duloxetine|diazepam|valium|muscle relaxants?|"
    r"cyclobenzaprine|methocarbamol|baclofen|meds|medications?|medicines?|tablets?|pills?|capsules?|"
    r"prescriptions?|prescribed|dosage|doses?|\d+ ?mg|milligrams?|steroid (?:injection|shot)s?|"
    r"cortisone|epidural|cbd oil|deep heat|dipirona|dipyrone|metamizole|warfarin|blood thinners?|meloxicam|"
    r"celecoxib|naprosyn)\b"
)
# Words of a request to exercise: a medicine named beside them leaves the request a request.
_EXERCISE = re.compile(r"\b(?:stretch\w*|exercis\w*|test|plank|yoga|moves?|workout|routine)\b"
)


def mentions_medicine(text: str) -> bool:
    """Whether ``text`` names a medicine, a dose or a prescription."""
    return bool(_MEDICINE.search(normalise(text)))


def mentions_exercise(text: str) -> bool:
    """Whether ``text`` names a stretch, an exercise or the test."""
    return bool(_EXERCISE.search(normalise(text)))
