"""A person describing their own back trouble and asking what to do is asking for help.

Whatever the classifier makes of the words, such a message leads to the safety screen (and from
there to the article's stretches), never to a quote or "not covered".
"""

from __future__ import annotations

import re

from safety.text import normalise

# The intent that starts the screen (data/rules/screening.yml).
HELP_INTENT = "request_stretches"

_OWN_BACK = re.compile(
    r"\b(?:my|i have|i have got|i have had|i get|i got|got a|i am)\b(?:\s+[\w-]+){0,4}?\s+"
    r"(?:back|lower back|low back|spine|lumbar|hips?|hamstrings?|back ache|backache)\b"
    r"|\b(?:back|backache|back ache|back pain)\b(?:\s+\w+){0,2}?\s+(?:is|feels|hurts|aches|has been|keeps|gets|went)\b"
    r"|\b(?:stiff|sore|achy|aching|tight|bad|painful|dodgy|niggly|knackered)\s+(?:lower |low )?back\b"
)
_WHAT_TO_DO = re.compile(
    r"\bwhat (?:should|can|could|do|would|must) i (?:do|try)\b"
    r"|\bwhat (?:can|should|could) (?:i|be) do(?:ne)? (?:about|for|to)\b"
    r"|\b(?:how|what) (?:do|can|should|could|would) i (?:fix|ease|relieve|help|sort|get rid of|loosen|stretch|treat|improve|manage|deal with)\b"
    r"|\bhow to (?:fix|ease|relieve|sort|get rid of|loosen|treat|improve)\b"
    r"|\bwhat (?:helps|would help|will help|could help|might help|works|do you (?:recommend|suggest)|would you (?:recommend|suggest))\b"
    r"|\bany (?:tips|advice|ideas|suggestions|exercises|stretches|moves|help)\b"
    r"|\b(?:help|fix) (?:me|my back|it)\b|\bcan you help\b|\bplease help\b"
    r"|\b(?:recommend|suggest) (?:something|anything|a stretch|an exercise|some exercises|some stretches)\b"
    r"|\b(?:exercises|stretches|moves)\b(?:\s+\w+){0,2}? (?:for|to help|to ease|to loosen)\b"
    r"|\b(?:which|what) (?:stretch|stretches|exercise|exercises|moves?)\b(?:\s+\w+){0,3}? (?:should|can|could|would|do|to)\b"
)


def asks_what_to_do(text: str) -> bool:
    """Whether ``text`` describes the writer's own back trouble and asks what to do about it."""
    normalised = normalise(text)
    return bool(_OWN_BACK.search(normalised) and _WHAT_TO_DO.search(normalised))
