from __future__ import annotations

import pytest

from language.english import is_other_language


@pytest.mark.parametrize(
    "text",
    [
        "me duele mucho la espalda, qué puedo hacer",
        "j'ai très mal au dos depuis hier",
        "ich habe seit drei Tagen starke Rückenschmerzen",
        "estou com muita dor nas costas",
        "mam ból pleców i boli mnie noga",
        "у меня сильно болит спина",
        "背中がとても痛い",
        "ظهري يؤلمني كثيرا",
    ],
)
def test_messages_in_other_languages_are_recognised(text: str) -> None:
    assert is_other_language(text)


@pytest.mark.parametrize(
    "text",
    [
        "my back hurts",
        "hola, my lower back is killing me",
        "gracias!",
        "bak pain realy bad wat do i do",
        "ciao for now",
        "que?",
        "I was at the dos and don'ts page",
        "/deny",
        "🙂👍",
        "",
    ],
)
def test_english_short_misspelt_or_mixed_stays_english(text: str) -> None:
    assert not is_other_language(text)
