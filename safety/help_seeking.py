"""A person describing their own back trouble and asking what to do, or asking to do a stretch, is
asking for help.

Whatever the classifier makes of the words, such a message leads to the safety screen (and from
there to the article's stretches), never to a quote or "not covered".
"""

from __future__ import annotations

import re

from safety.text import normalise

# The intent that starts the screen (data/rules/screening.yml).
HELP_INTENT = "request_stretches"

_OWN_BACK = re.compile(
    r"\b(?:my|me|mi|i have|i have got|i have had|i get|i got|got a|i am)\b(?:\s+[\w-]+){0,4}?\s+"
    r"(?:back|lower back|low back|spine|lumbar|hips?|hamstrings?|back ache|backache)\b"
    r"|\b(?:back|backache|back ache|back pain)\b(?:\s+\w+){0,2}?\s+(?:is|feels|hurts|aches|has been|keeps|gets|went)\b"
    r"|\b(?:stiff|sore|achy|aching|tight|bad|painful|dodgy|niggly|knackered)\s+(?:lower |low )?back\b"
    r"|\bback\b(?:\s+\w+){0,3}?\s+(?:sore|stiff|tight|achy|aching|hurting|killing me|painful|playing up|acting up|in bits|wrecked|locked|seized)\b"
    r"|\b(?:pain|ache|aches|stiffness|tightness) in (?:my |the )?(?:lower |low )?back\b"
)
_WHAT_TO_DO = re.compile(
    r"\bwhat (?:should|can|could|do|would|must) i (?:be )?(?:do|doing|try|trying)\b"
    r"|\bwhat i (?:can|should|could|must|need to) (?:do|try)\b|\bwhat can be done\b"
    r"|\b(?:what|wot|wat|wht) (?:do|should|can|could) i (?:actually |really |even )?(?:do|try)\b"
    r"|\bwhat do you (?:reckon|think) i (?:should|could|can|ought to) (?:do|try)\b|\bwhat now\b"
    r"|\bwhat (?:can|should|could) (?:i|be) do(?:ne)? (?:about|for|to)\b"
    r"|\b(?:how|what) (?:do|can|should|could|would) i (?:fix|ease|relieve|help|sort|get rid of|loosen|stretch|treat|improve|manage|deal with)\b"
    r"|\bhow to (?:fix|ease|relieve|sort|get rid of|loosen|treat|improve)\b"
    r"|\bwhat (?:helps|would help|will help|could help|might help|works|do you (?:recommend|suggest)|would you (?:recommend|suggest))\b"
    r"|\bany (?:tips|advice|ideas|suggestions|exercises|stretches|moves|help)\b"
    r"|\bhelp me\b|\b(?:can you|could you|can u|could u|please|pls) (?:help|fix) (?:me|my back|it)\b|\bcan you help\b|\bplease help\b"
    r"|\b(?:recommend|suggest) (?:something|anything|a stretch|an exercise|some exercises|some stretches)\b"
    r"|\b(?:exercises|stretches|moves)\b(?:\s+\w+){0,2}? (?:for|to help|to ease|to loosen)\b"
    r"|\b(?:which|what) (?:stretch|stretches|exercise|exercises|moves?)\b(?:\s+\w+){0,3}? (?:should|can|could|would|do|to)\b"
    r"|[,.!-]\s*help\s*[?!.]*$|\banything (?:that )?(?:i can do|could help|can help|would help|will help|to help)\b"
    r"|\bwhat to do\b|\bwhat do you suggest\b|\b(?:kindly |please )?suggest (?:what|something|anything)\b"
    r"|\bwhat (?:will|would|could|can) make (?:my back|it|this) (?:feel )?better\b"
    r"|\b(?:something|anything)\b(?:\s+\w+){0,2}? (?:i|you) (?:could|can|should|might) (?:do|try|suggest|recommend)\b"
    r"|\b(?:got|have you got|you got) (?:one|something|anything) for (?:that|this|it|me)\b|\bshow me something\b"
    r"|\bwhat can i do about it(?: myself)?\b"
)
# Back trouble named without "my": "lower back tightness after a long drive, what can I do".
_BACK_TROUBLE = re.compile(
    r"\b(?:lower |low )?back (?:pain|ache|tightness|stiffness|soreness|spasms?)\b"
    r"|\blumbar\b(?:\s+\w+){0,2}? (?:achey|achy|aching|sore|stiff|tight|pain)\b"
)

# Asking to do a stretch, named or not: "do the hammy stretch with me", "hip flexor stretch pls",
# "walk me through stretching", "stretch time!", "a good stretch for the lower back".
_STRETCH_REQUEST = re.compile(
    r"\b(?:let us|lets|let is) (?:do|try|start)\b|\b(?:can|could|shall) we (?:do|try|start|stretch)\b"
    r"|\b(?:walk|guide|take|talk) me through\b(?! (?:what|why|how|where|when|the (?:causes|reasons|science|article|research)))|\bshow me what to do\b"
    r"|\b(?:show|give|teach) me (?:something|anything|some things?|a few things)\b(?:\s+\w+){0,2}? (?:to|i can|i could) (?:do|try)\b"
    r"|\bshow me (?:how to do )?(?:the |a |some )?[\w -]{0,30}?(?:stretch|stretches|exercises?)\b"
    r"|\b(?:do|try) (?:the|a|some|this) [\w -]{0,30}?(?:stretch|stretches)\b(?:\s+\w+){0,2}? with me\b"
    r"|\b(?:stretch|stretches)\s+(?:pls|please|plz|now)\b|\bready to (?:do|try|start)\b"
    r"|\bi (?:want|would like) to (?:do|try|start)\b(?:\s+\w+){0,4}? (?:stretch|stretches|exercises?)\b"
    r"|\bstretch time\b|\bwhat (?:stretches|exercises) (?:have you got|do you have|can you show)\b"
    r"|\b(?:stretch|stretches|exercises?) (?:for|to relieve|to ease|to help|to loosen|to fix)\b(?:\s+\w+){0,3}? back\b"
    r"|\b(?:stretch|stretches|exercise)\W+(?:go|now|please|pls|plz|let us go|lets go)\W*$"
    r"|\bany (?:good |decent |easy |gentle )?(?:stretches|exercises)\b(?: (?:pls|please|plz|for (?:it|that|this|me)))?\W*$"
    r"|\b(?:got|have you got|any chance of) (?:a|any|an) (?:good |easy |quick )?(?:stretch|stretches|exercise)\b"
    r"|\b(?:can|could|may|shall) i (?:do|try|start) (?:the|a|some|this|that) [\w -]{0,30}?(?:stretch|stretches|exercise)\b"
    r"|\bget me (?:stretching|moving|started)\b|\bwhat(?: is|s) the first (?:stretch|exercise)\b"
    r"|^(?:please |pls |ok |okay |lets |let us )?(?:start|begin)\b.*\b(?:stretch|stretches|exercise|test)\b"
    r"|\bgiv(?:e|ing) (?:the|that|this|a) [\w -]{0,30}?(?:stretch|stretches|exercise|test)\b(?:\s+\w+){0,1}? (?:a )?(?:go|try|crack|bash|shot|whirl)\b"
    # Asking to be given or shown one, in any English: "gie us a stretch", "you can show exercise?",
    # "I need exercise for my back", "help me with exercise", "suggest a gentle exercise".
    r"|(?<!\barticle )(?<!\bdoes it )(?<!\bdoctors )(?<!\bthey )\b(?:give|gie|gimme|show|teach|send|suggest|recommend)\b(?: (?:me|us|i|is))?(?: (?:a|an|some|one|any|the))?"
    r"(?: (?:good|gentle|easy|simple|quick|little|small|proper|decent))? (?:stretch|stretches|stretching|exercise|exercises)\b"
    r"|(?<!\bdo )(?<!\bwhy do )\b(?:i|we)\b(?: \w+)? (?:need|want|would like)(?: to (?:do|try|make|perform|start))?(?: (?:a|an|some|one|the|that|this))?(?: (?!stop|avoid|understand|know|learn|read)[\w-]+){0,2} (?:stretch|stretches|exercise|exercises)\b"
    r"|\b(?:you|u) (?:have|got|has) (?:a |any |some |one )?(?:stretch|stretches|exercise|exercises)\b"
    # An exercise named alone, or "give us the hamstring one": "hip stretch", "the hammy one pls".
    r"|(?:^|[,.!?]\s*)(?:ok |okay |yes |yeah )?(?:the |a )?(?:hip|hip flexor|hamstring|hammy|kneeling|standing|lying)s?(?: \w+)? (?:stretch|one|won|wan|yin)"
    r"(?: (?:pls|please|plz|now|ok|okay|then|thanks|por favor))?\W*$"
    r"|\b(?:give|gie|gimme|show|teach)\b(?: (?:me|us|is))? (?:the|a|that|this) (?:hip|hip flexor|hamstring|hammy|kneeling|standing|lying)\w*(?: \w+)? (?:one|wan|yin|stretch)\b"
    r"|\bhelp (?:me |us )?with (?:a |an |some |the )?(?:stretch|stretches|stretching|exercise|exercises)\b"
    r"|\b(?:give|gimme|show) (?:me|us) something (?:gentle|easy|simple|to do)\b"
    # Asking to be guided through one: "guide me hamstring stretching", "the hip one step by step?",
    # "how do I do the hamstring one". The plank is a question for the article, not a guided stretch.
    r"|\bguide (?:me|us)\b(?: (?:through|thru|in|with|on))?(?: (?:a|an|the|some|this|that|my))?(?: (?!plank)[\w-]+){0,2}? (?:stretch\w*|exercise\w*|one)\b"
    r"|^(?=.*\b(?:stretch|one|exercise)\b)(?!.*\bplank).*\bstep[- ]by[- ]step\b"
    r"|\bhow (?:do|can|should|would) (?:i|we) do (?:the|a|this|that) (?!plank)[\w -]{0,30}?(?:stretch|one)\b"
    # "got stretch for hip flexor or not", "is there any stretch for the hip flexors?", "got a hammy
    # stretch?", "stretch for hamstrings?", "hip flexor thing pls", "can I do a stretch with you?".
    r"|\b(?:got|have you got|you got|u got|is there|are there)\b(?: (?:a|an|any|one|some))?(?: (?:good|easy|gentle|quick|simple))? (?:[\w-]+ ){0,2}?"
    r"(?:stretch|stretches|exercise|exercises)\b(?: (?:i|we) (?:can|could) do| for\b| to (?:do|help|ease|loosen)|\s*\?|\s*$| (?:pls|please|or not))"
    r"|(?:^|[.!?,]\s*)(?:a |the |any )?(?:stretch|stretches|exercise|exercises) for (?:my |the |tight )?[\w ]{0,25}?\s*\?*$"
    r"|\b(?:hip|hip flexor|hamstring|hammy|hammies|kneeling|lying)\w* (?:thing|one|stretch|wan)\s+(?:pls|please|plz)\b"
    r"|\b(?:can|could) (?:i|we) do (?:a|the|some|this|that) (?:[\w-]+ )?(?:stretch|stretches|exercise) (?:with|together with) you\b"
    r"|\b(?:dying|keen|eager|excited|want) to (?:try|do) (?:your|the|that|this) [\w -]{0,30}?(?:stretch|one)\b"
    r"|\b(?:the|that) (?:stretch|one) for the back of (?:the|my) (?:legs?|thighs?)\b"
    r"|\b(?:what|wat|wot) was (?:that|the) (?:[\w-]+ )?(?:one|won|wan|stretch)\b"
)


def asks_what_to_do(text: str) -> bool:
    """Whether ``text`` describes the writer's back trouble and asks what to do about it, or asks
    to do a stretch."""
    normalised = normalise(text)
    trouble = _OWN_BACK.search(normalised) or _BACK_TROUBLE.search(normalised)
    return bool(trouble and _WHAT_TO_DO.search(normalised)) or bool(_STRETCH_REQUEST.search(normalised))
