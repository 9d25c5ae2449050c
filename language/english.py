"""Is a message written in English? Only what the assistant can read gets an English answer.

A message mostly in a non-Latin script, or one whose words are common words of other European
languages with no common English word among them, is not English. Words that are also English,
slang, names or abbreviations ("me", "no", "die", "ciao", "dos") are left out of the lists, so
that short, misspelt or mixed English stays English.
"""

from __future__ import annotations

import re
import unicodedata

# Frequent words of the languages users most often write in instead, none of them English.
OTHER_LANGUAGE_WORDS = frozenset(
    # Spanish
    "por pero muy tengo dolor espalda estoy qué cómo está duele puedo hacer una mucho que es hola "
    "gracias tiene hay necesito ayuda estiramientos lumbar desde hace días "
    # French
    "je suis j'ai mes très avec dans une douleur bonjour merci quoi puis faire ça c'est mal "
    "aux qu'est beaucoup depuis jours étirements "
    # German
    "ich habe mein meine mir mich rücken schmerzen und nicht ist ein eine für wie kann auch "
    "sehr bitte danke auf seit tagen dehnübungen hilfe was"
    # Portuguese
    " tenho minha meu dor costas não muito obrigado olá posso fazer estou ajuda "
    # Italian
    "schiena della sono grazie molto mio dolore "
    # Dutch
    "ik heb mijn pijn niet voor ook zijn rugpijn "
    # Polish
    "ból pleców się mnie bardzo boli "
    # Turkish
    "ağrı ağrım ağrıyor sırt sırtım ağrısı nasıl merhaba çok benim bir yok "
    # Indonesian and Malay
    "saya sakit punggung tidak bagaimana terima kasih".split()
) - frozenset({"was"})  # "was" is German for "what", but far more often English

# The commonest English words in messages about back pain.
ENGLISH_WORDS = frozenset(
    "the a an i i'm im my me you your is are am was it it's its and or but to of in on at for "
    "with have has had do does did can could should would what how why when which this that "
    "there be been not no yes back pain hurts hurt hurting ache sore stretch stretches help "
    "please thanks hi hello leg legs so very just really get got".split()
)

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def _is_latin(letter: str) -> bool:
    return unicodedata.name(letter, "").startswith("LATIN")


def is_other_language(text: str) -> bool:
    """True when ``text`` is written in a language other than English (payloads are not)."""
    if text.startswith("/"):
        return False
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    if sum(not _is_latin(c) for c in letters) > len(letters) / 2:
        return True
    words = [w.replace("’", "'") for w in _WORD.findall(text.lower().replace("’", "'"))]
    other = sum(w in OTHER_LANGUAGE_WORDS for w in words)
    english = sum(w in ENGLISH_WORDS for w in words)
    return (other >= 2 and english == 0) or (other >= 3 and other > 2 * english)
